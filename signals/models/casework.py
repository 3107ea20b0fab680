"""Casework on a concern: case conferences, the actions agreed, referrals to organisations."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedTextField

from polrad.validators import plausible_date
from signals.models.concern import Concern


class CaseConference(models.Model):
    """A case conference (casusoverleg) about a concern: who took part and what was decided."""

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="conferences", verbose_name=_("concern")
    )
    held_on = models.DateField(_("date"), validators=plausible_date("recent"))
    organisations = models.ManyToManyField(
        "network.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("attending organisations"),
    )
    interventions = models.ManyToManyField(
        "network.Intervention",
        blank=True,
        related_name="case_conferences",
        verbose_name=_("interventions decided on"),
    )
    decisions = EncryptedTextField(_("decisions"), null=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.concern_id} {self.held_on:%Y-%m-%d}"


class FollowUpAction(models.Model):
    """Something someone agreed to do about a concern, by a date."""

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="actions", verbose_name=_("concern")
    )
    description = EncryptedTextField(_("action"), null=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="concern_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"), validators=plausible_date("planning"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["done_at", "due_on"])]

    def __str__(self):
        return f"{self.concern_id} {self.due_on:%Y-%m-%d}"

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()


class Referral(models.Model):
    """A concern referred to a partner of the social map, with what was shared and why."""

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("concern")
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("referred to"),
    )
    shared = EncryptedTextField(_("what was shared"), null=True)
    reason = EncryptedTextField(_("why this was shared"), null=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("referred"), default=timezone.now)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.concern_id} → {self.organisation_id}"
