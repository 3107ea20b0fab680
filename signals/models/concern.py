"""The concern itself (melding) and its categories; the reference a reporter reads out."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from network.models import TaxonomyTerm
from polrad.validators import count, plausible_date
from signals.workflow import Outcome, State

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


def new_reference() -> str:
    return "M-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class Category(TaxonomyTerm):
    polarisation_form = models.ForeignKey(
        "network.PolarisationForm",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="concern_categories",
        verbose_name=_("form of polarisation"),
        help_text=_("Links the category to the interventions and the situation guidance."),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("retention after closing (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: the default of the network (CONCERN_RETENTION_MONTHS)."),
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("category of concern")
        verbose_name_plural = _("categories of concern")


class Concern(models.Model):
    class Setting(models.TextChoices):
        SCHOOL = "school", _("School")
        STREET = "street", _("Street or neighbourhood")
        ONLINE = "online", _("Online")
        SPORTS = "sports", _("Sports club")
        FAITH = "faith", _("Place of worship")
        YOUTH_WORK = "youth_work", _("Youth work")
        HOME = "home", _("Home or family")
        WORK = "work", _("Workplace")
        OTHER = "other", _("Other")

    class AgeBracket(models.TextChoices):
        UNDER_12 = "under_12", _("Under 12")
        TEEN = "12_17", _("12 to 17")
        YOUNG_ADULT = "18_23", _("18 to 23")
        ADULT = "24_plus", _("24 or older")
        MIXED = "mixed", _("Different ages")
        UNKNOWN = "unknown", _("Unknown")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Normal")
        URGENT = "urgent", _("Urgent, but no acute danger")

    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_reference, editable=False
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reported_concerns",
        verbose_name=_("reporter"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="concerns", verbose_name=_("category")
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="concerns",
        verbose_name=_("municipality"),
    )
    neighbourhood = EncryptedCharField(_("neighbourhood"), max_length=100, blank=True, null=True)
    setting = models.CharField(_("setting"), max_length=20, choices=Setting.choices)
    platform = EncryptedCharField(_("online platform"), max_length=100, blank=True, null=True)
    observed = EncryptedTextField(_("what was observed"), null=True)
    observed_on = models.DateField(
        _("when"), null=True, blank=True, validators=plausible_date("recent")
    )
    people_count = models.PositiveSmallIntegerField(
        _("number of people"), null=True, blank=True, validators=count(10_000)
    )
    age_bracket = models.CharField(
        _("age"), max_length=10, choices=AgeBracket.choices, default=AgeBracket.UNKNOWN
    )
    minors_involved = models.BooleanField(_("minors involved"), default=False)
    persons_involved = EncryptedTextField(
        _("names or descriptions of people involved"), blank=True, null=True
    )
    reporter_organisation = EncryptedCharField(
        _("your organisation"), max_length=200, blank=True, null=True
    )
    reporter_contact = EncryptedCharField(
        _("how to reach you"), max_length=200, blank=True, null=True
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SUBMITTED
    )
    state_changed_at = models.DateTimeField(_("in this state since"), default=timezone.now)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_concerns",
        verbose_name=_("handler"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_text = EncryptedTextField(_("explanation of the outcome"), blank=True, null=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    retain_until = models.DateField(_("kept at least until"), null=True, blank=True)
    reopen_requested_at = models.DateTimeField(_("reporter asked to reopen"), null=True, blank=True)
    retention_warned_at = models.DateTimeField(_("retention warning sent"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    # The key of the form that created it: a form sent twice creates one concern.
    submission_key = models.UUIDField(unique=True, null=True, editable=False)

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "state", "submitted_at"]),
            models.Index(fields=["reporter", "submitted_at"]),
            models.Index(fields=["state", "urgency", "submitted_at"]),
            models.Index(fields=["assigned_to", "state"]),
            models.Index(fields=["category", "submitted_at"]),
            models.Index(fields=["closed_at"]),
            # The published months (signals.suppression.month_publications): a range of
            # submitted_at, counted per category, outcome and municipality. On Postgres the
            # included columns let it read the index alone, not the concerns' encrypted rows.
            models.Index(
                fields=["submitted_at"],
                include=["id", "category", "municipality", "outcome"],
                name="signals_concern_figures_idx",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("signals:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state != State.CLOSED
