"""The reporter's answer to "were you satisfied?" after a concern is closed."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedTextField

from signals.models.concern import Concern


class SatisfactionAnswer(models.Model):
    """The reporter's answer to "were you satisfied?": one per closing of a concern, so a
    concern reopened and closed again asks the question anew."""

    concern = models.ForeignKey(
        Concern,
        on_delete=models.CASCADE,
        related_name="satisfaction_answers",
        verbose_name=_("concern"),
    )
    closed_at = models.DateTimeField(_("closing answered"))  # the concern's closed_at then
    satisfied = models.BooleanField(_("satisfied"))
    comment = EncryptedTextField(_("comment"), blank=True, null=True)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")
        ordering = ["answered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["concern", "closed_at"], name="signals_satisfaction_once_per_closing"
            )
        ]

    def __str__(self):
        return f"{self.concern_id}: {self.satisfied}"
