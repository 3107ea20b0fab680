"""The concern's append-only history: its moves between states, and the notes and messages."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from encrypted_fields.fields import EncryptedTextField

from polrad.models import AppendOnly
from signals.models.concern import Concern
from signals.workflow import State


class Transition(AppendOnly):
    """One move of a concern between states, with actor, time and reason; never edited."""

    immutable_message = _("The history of a concern cannot be changed.")

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("concern")
    )
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(
        pgettext_lazy("state change", "to"), max_length=20, choices=State.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = EncryptedTextField(_("reason"), blank=True, null=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["concern", "created_at"])]

    def __str__(self):
        return f"{self.concern_id}: {self.from_state or '—'} → {self.to_state}"


class Note(AppendOnly):
    """An internal note of a handler, or a message to the reporter (`to_reporter`)."""

    immutable_message = _("Notes and messages cannot be changed.")

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="notes", verbose_name=_("concern")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    to_reporter = models.BooleanField(_("message to the reporter"), default=False)
    text = EncryptedTextField(_("text"), null=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["concern", "to_reporter", "created_at"])]

    def __str__(self):
        return f"{self.concern_id} {self.created_at:%Y-%m-%d %H:%M}"
