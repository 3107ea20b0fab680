"""Model building blocks shared by the apps."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnly(models.Model):
    """A history row: written once, never changed or deleted."""

    immutable_message = _("This history cannot be changed.")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(self.immutable_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(self.immutable_message)


class SentMessage(models.Model):
    """The ledger of messages sent once per recipient and period (see polrad/ledger.py).

    `period` uses the one key format of the ledger: "2026-W49", "2026-12", "2026-Q4",
    "2026", or "" for a message sent once ever. `detail` keeps what the message counted.
    """

    kind = models.CharField(_("kind"), max_length=60)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(_("period"), max_length=10, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("sent message")
        verbose_name_plural = _("sent messages")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "period"], name="polrad_message_once_per_period"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.recipient_id} {self.period}"


class LinkKey(models.Model):
    """The current key of one person's personal links of one purpose (calendar feed,
    unsubscribe). Links carry it signed; renewing the key makes every older link stop working.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=40)
    key = models.CharField(_("key"), max_length=43)
    renewed_at = models.DateTimeField(_("renewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("personal link key")
        verbose_name_plural = _("personal link keys")
        constraints = [
            models.UniqueConstraint("user", "purpose", name="one_link_key_per_user_and_purpose")
        ]

    def __str__(self):
        return f"{self.purpose} – {self.user_id}"
