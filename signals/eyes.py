"""The neighbourhood's eyes and ears in the concern workflow.

- ConcernOrigin: a concern heard from a key figure, volunteer, experience expert or mentor of
  the map (recorded by a coordinator, handler or professional, who is the reporter), or filed
  by a mentor from a mentorship. The kind is plain, so figures can count it; who it was is
  encrypted like concern content and shown to the assigned handler only.
- Interpretation: the coordinator's "what the network sees" for a period and a region or
  municipality; the trend update opens with the approved ones.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField


class SourceKind(models.TextChoices):
    KEY_FIGURE = "key_figure", _("Key figure")
    VOLUNTEER = "volunteer", _("Volunteer")
    EXPERIENCE_EXPERT = "experience_expert", _("Experience expert")
    MENTOR = "mentor", _("Mentor")


class ConcernOrigin(models.Model):
    concern = models.OneToOneField(
        "signals.Concern",
        on_delete=models.CASCADE,
        related_name="origin",
        verbose_name=_("concern"),
    )
    source_kind = models.CharField(_("heard from"), max_length=20, choices=SourceKind.choices)
    source_identity = EncryptedCharField(_("who it was"), max_length=200, blank=True, null=True)
    mentorship = models.ForeignKey(
        "rolemodels.Mentorship",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("mentorship"),
    )

    class Meta:
        verbose_name = _("origin of a concern")
        verbose_name_plural = _("origins of concerns")
        indexes = [models.Index(fields=["source_kind"])]

    def __str__(self):
        return f"{self.concern_id}: {self.source_kind}"


class Interpretation(models.Model):
    period = models.CharField(
        _("period"), max_length=10, help_text=_("A month (2026-11) or a quarter (2026-Q4).")
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    text = models.TextField(_("what the network sees"), max_length=2000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        verbose_name = _("interpretation")
        verbose_name_plural = _("interpretations")
        ordering = ["-period", "region", "municipality__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=True, region__gt="")
                | Q(municipality__isnull=False, region=""),
                name="signals_interpretation_region_or_municipality",
            ),
        ]
        indexes = [models.Index(fields=["period", "approved_at"])]

    def __str__(self):
        return f"{self.period} {self.place}"

    @property
    def period_label(self) -> str:
        """ "oktober 2026", or "juli tot en met september 2026" for a quarter."""
        from polrad import periods
        from signals.trends import period_label

        return period_label(periods.parse(self.period))

    @property
    def place(self) -> str:
        return self.municipality.name if self.municipality_id else self.region

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class MentorReferral(models.Model):
    """A handler asks the mentor pool of the municipality to take a concern on; a coordinator
    matches a mentor, which opens a mentorship. Nothing of the concern's content is copied:
    the coordinator sees the municipality, the age band and the date."""

    concern = models.OneToOneField(
        "signals.Concern",
        on_delete=models.CASCADE,
        related_name="mentor_referral",
        verbose_name=_("concern"),
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    mentorship = models.OneToOneField(
        "rolemodels.Mentorship",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("mentorship"),
    )

    class Meta:
        verbose_name = _("referral to the mentor pool")
        verbose_name_plural = _("referrals to the mentor pool")
        ordering = ["requested_at", "pk"]

    def __str__(self):
        return f"{self.concern_id} → {self.municipality_id}"
