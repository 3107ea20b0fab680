"""The social map on request: someone without an account asks for a municipality's map; a
coordinator answers by sending the map, by inviting them, or by declining with a reason.

A request and its answer are logged as events (who, when, how), never edited; one answer per
request is a unique index, so two coordinators answering at once cannot both send.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.validators import validate_no_formula_start


class MapRequest(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        MAP_SENT = "map_sent", _("Map sent")
        INVITED = "invited", _("Invited")
        DECLINED = "declined", _("Declined")

    full_name = models.CharField(_("name"), max_length=200, validators=[validate_no_formula_start])
    email = models.EmailField(_("email"))
    organisation = models.CharField(
        _("organisation"), max_length=200, validators=[validate_no_formula_start]
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    purpose = models.TextField(
        _("purpose"), max_length=2000, validators=[validate_no_formula_start]
    )
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Retention: the requester's details are wiped some months after the answer.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for the social map")
        verbose_name_plural = _("requests for the social map")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "-created_at"]),
            models.Index(fields=["answered_at", "anonymised_at"]),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.municipality_id})"

    def get_absolute_url(self):
        return reverse("network:map-request-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


# The events that answer a request; a request has at most one of them.
ANSWERS = (MapRequest.State.MAP_SENT, MapRequest.State.INVITED, MapRequest.State.DECLINED)


class MapRequestEvent(models.Model):
    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Request received")
        MAP_SENT = "map_sent", _("Map sent by email")
        INVITED = "invited", _("Invited to an account")
        DECLINED = "declined", _("Declined")
        ANONYMISED = "anonymised", _("Details of the requester wiped")

    request = models.ForeignKey(
        MapRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("request")
    )
    kind = models.CharField(_("what"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    # When the answer's email left (the map or the refusal); a second run sends nothing.
    mailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("event of a request for the social map")
        verbose_name_plural = _("events of requests for the social map")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(kind__in=[str(kind) for kind in ANSWERS]),
                name="network_map_request_answered_once",
            )
        ]

    def __str__(self):
        return f"{self.request_id} {self.kind} {self.at:%Y-%m-%d}"
