"""Keeping a closed concern longer, and the record that its personal content was wiped."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedTextField

from polrad.models import AppendOnly
from polrad.validators import plausible_date
from signals.models.concern import Concern


class RetentionExtension(AppendOnly):
    """A handler kept a closed concern longer than its retention period, and why."""

    immutable_message = _("The retention history cannot be changed.")

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("concern")
    )
    until = models.DateField(_("kept until"), validators=plausible_date("long"))
    reason = EncryptedTextField(_("reason"), null=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("retention extension")
        verbose_name_plural = _("retention extensions")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.concern_id} → {self.until:%Y-%m-%d}"


class Anonymisation(AppendOnly):
    """The record that a concern's personal content was wiped, and when it had expired."""

    immutable_message = _("The anonymisation record cannot be changed.")

    concern = models.OneToOneField(
        Concern, on_delete=models.CASCADE, related_name="anonymisation", verbose_name=_("concern")
    )
    expired_on = models.DateField(_("retention ended on"))
    created_at = models.DateTimeField(_("anonymised at"), default=timezone.now)

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.concern_id} {self.created_at:%Y-%m-%d}"
