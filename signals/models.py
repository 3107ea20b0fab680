"""Concerns (meldingen): special-category data, so minimal, encrypted and need-to-know.

Every free text a person types and the person fields are encrypted field by field (django-
fernet-encrypted-fields, keys from CONCERN_ENCRYPTION_KEYS; tests/signals/test_protection.py
fails on a text field that is not); the category, municipality, dates, state, outcome and other
choices stay plain, because the aggregates are built from them and survive anonymisation.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from network.models import TaxonomyTerm
from polrad.models import AppendOnly
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


class TrendSubscription(models.Model):
    """How often a reporter wants the trend update; without a row: monthly."""

    class Frequency(models.TextChoices):
        OFF = "off", _("Never")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="trend_subscription",
        verbose_name=_("user"),
    )
    frequency = models.CharField(
        _("trend update"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )

    class Meta:
        verbose_name = _("trend update subscription")
        verbose_name_plural = _("trend update subscriptions")

    def __str__(self):
        return f"{self.user_id}: {self.frequency}"


class TrendDigest(models.Model):
    """One per recipient per period: the ledger that makes sending the trend update idempotent.

    A batch claims the row before sending and marks it sent after; a claim older than
    the lease belongs to a worker that died, and is taken over by the next run.
    """

    class State(models.TextChoices):
        CLAIMED = "claimed", _("Being sent")
        SENT = "sent", _("Sent")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    period = models.CharField(_("period"), max_length=10)  # 2026-10 or 2026-Q3
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.CLAIMED
    )
    claim = models.UUIDField(_("claimed by"), null=True, editable=False)
    claimed_at = models.DateTimeField(_("claimed"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("trend update sent")
        verbose_name_plural = _("trend updates sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="signals_one_digest_per_period")
        ]
        # A batch finds its own claim (signals.digests): without this index each of a run's
        # 500 batches read every row of the period so far, 50,000 by the end.
        indexes = [models.Index(fields=["claim"], name="signals_trenddigest_claim_idx")]

    def __str__(self):
        return f"{self.user_id} {self.period}"


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


# The eyes-and-ears models live beside their code; importing them here registers them.
from signals.eyes import ConcernOrigin, Interpretation, MentorReferral  # noqa: E402, F401
