"""Who opened which concern, when, how and why: written by every staff view, never edited."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from polrad.models import AppendOnly
from signals.models.concern import Concern


class AccessLog(AppendOnly):
    """Every time a staff member opened a concern: who, when, which, how and why."""

    immutable_message = _("The access log cannot be changed.")

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        PDF = "pdf", _("Downloaded as PDF")
        EXPORT = "export", _("Exported")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="access_log", verbose_name=_("concern")
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["concern", "created_at"])]

    def __str__(self):
        return f"{self.user_id} {self.action} {self.concern_id}"
