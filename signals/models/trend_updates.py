"""Who wants the trend update how often, and the ledger of the updates sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrendSubscription(models.Model):
    """How often a reporter wants the trend update; without a row: monthly."""

    class Frequency(models.TextChoices):
        OFF = "off", _("Never")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="trend_subscription",
        verbose_name=_("user"),
    )
    frequency = models.CharField(
        _("trend update"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )

    class Meta:
        verbose_name = _("trend update subscription")
        verbose_name_plural = _("trend update subscriptions")

    def __str__(self):
        return f"{self.user_id}: {self.frequency}"


class TrendDigest(models.Model):
    """One per recipient per period: the ledger that makes sending the trend update idempotent.

    A batch claims the row before sending and marks it sent after; a claim older than
    the lease belongs to a worker that died, and is taken over by the next run.
    """

    class State(models.TextChoices):
        CLAIMED = "claimed", _("Being sent")
        SENT = "sent", _("Sent")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    period = models.CharField(_("period"), max_length=10)  # 2026-10 or 2026-Q3
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.CLAIMED
    )
    claim = models.UUIDField(_("claimed by"), null=True, editable=False)
    claimed_at = models.DateTimeField(_("claimed"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("trend update sent")
        verbose_name_plural = _("trend updates sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="signals_one_digest_per_period")
        ]
        # A batch finds its own claim (signals.digests): without this index each of a run's
        # 500 batches read every row of the period so far, 50,000 by the end.
        indexes = [models.Index(fields=["claim"], name="signals_trenddigest_claim_idx")]

    def __str__(self):
        return f"{self.user_id} {self.period}"
