"""Mentorships for early signalling: a mentor of the pool and a mentee known only by a pseudonym.

The mentee is described minimally (pseudonym, age band, municipality); the meeting note is the
only free text and is encrypted like concern content (CONCERN_ENCRYPTION_KEYS).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from encrypted_fields.fields import EncryptedTextField

from network.models import TaxonomyTerm
from polrad.models import AppendOnly
from polrad.validators import plausible_date


class MentorshipGoal(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("goal of a mentorship")
        verbose_name_plural = _("goals of mentorships")


class MentorshipOutcome(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("outcome of a mentorship")
        verbose_name_plural = _("outcomes of mentorships")


class MeetingTopic(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("topic of a meeting")
        verbose_name_plural = _("topics of meetings")


# How a mentorship started → the setting of the concern form (signals.Concern.Setting values).
CONCERN_SETTINGS = {"school": "school", "youth_work": "youth_work", "family": "home"}


class Mentorship(models.Model):
    class AgeBand(models.TextChoices):
        UNDER_12 = "under_12", _("Under 12")
        TEEN = "12_17", _("12 to 17")
        YOUNG_ADULT = "18_23", _("18 to 23")
        ADULT = "24_plus", _("24 or older")

    class StartedVia(models.TextChoices):
        SCHOOL = "school", _("School")
        YOUTH_WORK = "youth_work", _("Youth work")
        CONCERN = "concern", _("A referral from a concern")
        FAMILY = "family", _("A request of the family")
        OTHER = "other", _("Other")

    mentor = models.ForeignKey(
        "rolemodels.RoleModel",
        on_delete=models.PROTECT,
        related_name="mentorships",
        verbose_name=_("mentor"),
    )
    pseudonym = models.CharField(
        _("pseudonym of the mentee"),
        max_length=40,
        help_text=_("A name you make up, for example “Jongere A” or “Vos”; never a real name."),
    )
    age_band = models.CharField(_("age"), max_length=10, choices=AgeBand.choices)
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="mentorships",
        verbose_name=_("municipality"),
    )
    started_via = models.CharField(_("how it started"), max_length=12, choices=StartedVia.choices)
    goals = models.ManyToManyField(MentorshipGoal, blank=True, verbose_name=_("goals"))
    start_date = models.DateField(_("start"), validators=plausible_date("planning"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    outcome = models.ForeignKey(
        MentorshipOutcome,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("outcome"),
    )
    # The date of the latest meeting, kept with each logged meeting: the coordinator's board
    # reads it instead of scanning every meeting.
    last_meeting_on = models.DateField(_("last meeting"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["mentor", "end_date"]),
            models.Index(fields=["municipality", "start_date"]),
            models.Index(fields=["end_date", "anonymised_at"]),
            # The mentor board groups the active mentorships by mentor (quiet mentors, counts,
            # last meeting): from this index alone, in mentor order, without the table.
            models.Index(
                fields=["mentor"],
                include=["last_meeting_on", "start_date"],
                condition=Q(end_date__isnull=True),
                name="rolemodels_active_mentor_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="rolemodels_mentorship_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["mentor", "pseudonym"],
                condition=Q(end_date__isnull=True),
                name="rolemodels_one_active_mentorship_per_pseudonym",
            ),
        ]

    def __str__(self):
        return self.pseudonym

    def get_absolute_url(self):
        return reverse("rolemodels:mentorship", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.end_date is None

    @property
    def concern_setting(self) -> str:
        """The setting a concern filed from this mentorship starts with (the concern form's
        value), when how it started says it."""
        return CONCERN_SETTINGS.get(self.started_via, "")


class MentorshipEvent(AppendOnly):
    """Started, handed over or ended: the history of a mentorship, never edited."""

    immutable_message = _("The history of a mentorship cannot be changed.")

    class Kind(models.TextChoices):
        STARTED = "started", _("Started")
        HANDED_OVER = "handed_over", _("Handed over")
        ENDED = "ended", _("Ended")

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="events", verbose_name=_("mentorship")
    )
    kind = models.CharField(_("what"), max_length=12, choices=Kind.choices)
    mentor = models.ForeignKey(
        "rolemodels.RoleModel",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("mentorship event", "mentor"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("mentorship event")
        verbose_name_plural = _("mentorship events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["mentorship", "created_at"])]

    def __str__(self):
        return f"{self.mentorship_id}: {self.kind}"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ONE_TO_ONE = "one_to_one", _("One-to-one")
        FAMILY = "family", _("With the family")
        SCHOOL = "school", _("With the school")

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("mentorship")
    )
    date = models.DateField(_("date"), validators=plausible_date("recent"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    topics = models.ManyToManyField(MeetingTopic, blank=True, verbose_name=_("topics"))
    note = EncryptedTextField(
        _("short note"),
        blank=True,
        null=True,
        help_text=_(
            "Only you, your coach and the coordinators read it. No names, addresses or "
            "contact details."
        ),
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logged by"),
    )
    created_at = models.DateTimeField(_("logged"), default=timezone.now)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["mentorship", "-date"]), models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.mentorship_id} {self.date:%Y-%m-%d}"


class RoleModelEmail(models.Model):
    """Ledger of the role-model app's event emails: one row per event, so each goes out once."""

    key = models.CharField(max_length=80, unique=True)  # "activity-approved:12"
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("email sent")
        verbose_name_plural = _("emails sent")

    def __str__(self):
        return self.key
