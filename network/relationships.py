"""Relationship before intervention: the contact moments of the network with the people on
its map (key figures, volunteers, experience experts)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from polrad.validators import plausible_date


class ContactMoment(models.Model):
    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        MESSAGE = "message", _("Chat message")
        MEETING = "meeting", _("At a meeting or activity")

    contact = models.ForeignKey(
        "network.ContactPerson",
        on_delete=models.CASCADE,
        related_name="contact_moments",
        verbose_name=_("person"),
    )
    date = models.DateField(_("date"), validators=plausible_date("recent"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who from the network"),
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    topic = models.CharField(_("topic"), max_length=200)
    follow_up = models.CharField(_("follow-up"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["contact", "-date"])]

    def __str__(self):
        return f"{self.contact_id} {self.date:%Y-%m-%d}"
