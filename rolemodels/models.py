"""Role models "from below": candidates, their profiles and the history of their stages."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.models import TargetGroup
from polrad.models import AppendOnly
from polrad.validators import count, plausible_date
from rolemodels.workflow import (
    ACTIVITY_EDITABLE,
    MENTOR_TRACKS,
    PIPELINE_STAGES,
    ActivityState,
    Stage,
    Track,
)

# A certificate of conduct is issued before it is checked: a date ahead is a typing error.
VOG_IN_FUTURE = _("The date of the certificate of conduct (VOG) cannot be in the future.")


def photo_path(instance, filename: str) -> str:
    """A random name: the file name says nothing about the person."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"rolemodels/photos/{uuid.uuid4().hex}.{extension}"


class RoleModel(models.Model):
    """A candidate or role model; `user` is their account, made when they become active."""

    class HeardVia(models.TextChoices):
        PARTNER = "partner", _("Through an organisation or professional")
        ROLE_MODEL = "role_model", _("Through another role model")
        ACTIVITY = "activity", _("At an activity")
        SOCIAL_MEDIA = "social_media", _("Social media")
        WEBSITE = "website", _("Website")
        OTHER = "other", _("Other")

    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), db_index=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="role_models",
        verbose_name=_("municipality"),
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    communities = models.ManyToManyField(
        "network.Community", blank=True, verbose_name=_("communities")
    )
    languages = models.ManyToManyField("network.Language", blank=True, verbose_name=_("languages"))
    themes = models.ManyToManyField(
        "network.Theme", blank=True, verbose_name=_("themes they can speak on")
    )
    motivation = models.TextField(_("motivation"), blank=True)
    heard_via = models.CharField(
        _("how they heard of it"), max_length=20, choices=HeardVia.choices, blank=True
    )
    story = models.TextField(
        _("short story"),
        blank=True,
        help_text=_("Who they are and what they can tell; used for matching."),
    )
    available_weekdays = models.BooleanField(_("available on weekdays"), default=False)
    available_evenings = models.BooleanField(_("available in the evening"), default=False)
    available_weekends = models.BooleanField(_("available at weekends"), default=False)
    max_activities_per_month = models.PositiveSmallIntegerField(
        _("maximum activities per month"), default=2, validators=count(31)
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coached_role_models",
        verbose_name=_("coach"),
    )
    photo = models.ImageField(
        _("photo"),
        upload_to=photo_path,
        blank=True,
        help_text=_("Optional. A JPEG or PNG of at most 2 MB; only coordinators see it."),
    )
    consent_date = models.DateField(
        _("consent to processing"), null=True, blank=True, validators=plausible_date("past")
    )
    vog_date = models.DateField(
        _("date of the certificate of conduct (VOG)"),
        null=True,
        blank=True,
        validators=plausible_date("past"),
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.APPLIED
    )
    track = models.CharField(
        _("track"),
        max_length=12,
        choices=Track.choices,
        default=Track.ROLE_MODEL,
        help_text=_("Role model, mentor or both: each track has its own training."),
    )
    stage_changed_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="role_model_profile",
        verbose_name=_("account"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("role model")
        verbose_name_plural = _("role models")
        ordering = ["full_name", "pk"]
        indexes = [
            models.Index(fields=["stage", "stage_changed_at", "id"]),
            models.Index(fields=["track", "stage", "full_name", "id"]),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("rolemodels:detail", args=[self.pk])

    @property
    def is_mentor(self) -> bool:
        return self.track in MENTOR_TRACKS

    @property
    def days_in_stage(self) -> int:
        return (timezone.now() - self.stage_changed_at).days

    @property
    def is_stuck(self) -> bool:
        return self.stage in PIPELINE_STAGES and self.stage_changed_at < stuck_before()


def stuck_before():
    """Candidates in a pipeline stage since before this moment are stuck."""
    return timezone.now() - timedelta(days=settings.ROLE_MODEL_STUCK_DAYS)


class StageChange(AppendOnly):
    """One move of a role model between stages: append-only, never changed or deleted."""

    immutable_message = _("The stage history cannot be changed.")

    role_model = models.ForeignKey(
        RoleModel,
        on_delete=models.CASCADE,
        related_name="stage_changes",
        verbose_name=_("role model"),
    )
    from_stage = models.CharField(
        _("from"), max_length=20, choices=Stage.choices, blank=True
    )  # empty for the application or nomination itself
    to_stage = models.CharField(
        pgettext_lazy("state change", "to"), max_length=20, choices=Stage.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )  # empty for a public application
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["role_model", "created_at"])]

    def __str__(self):
        return f"{self.role_model_id}: {self.from_stage or '—'} → {self.to_stage}"


class Activity(models.Model):
    """An information activity (voorlichtingsactiviteit) a role model gave and logged."""

    class VenueType(models.TextChoices):
        SCHOOL = "school", _("School")
        COMMUNITY_CENTRE = "community_centre", _("Community centre")
        PLACE_OF_WORSHIP = "place_of_worship", _("Mosque, church or other place of worship")
        SPORTS_CLUB = "sports_club", _("Sports club")
        YOUTH_WORK = "youth_work", _("Youth work")
        LIBRARY = "library", _("Library")
        ONLINE = "online", _("Online")
        OTHER = "other", _("Other")

    TargetGroup = TargetGroup  # one list for activities and interventions

    role_model = models.ForeignKey(
        RoleModel,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("logged by"),
    )
    date = models.DateField(_("date"), validators=plausible_date("recent"))
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("municipality"),
    )
    venue_type = models.CharField(_("type of venue"), max_length=20, choices=VenueType.choices)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    host_organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_activities",
        verbose_name=_("host organisation"),
    )
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    participants = models.PositiveIntegerField(
        _("number of participants"), validators=count(100_000)
    )
    themes = models.ManyToManyField("network.Theme", blank=True, verbose_name=_("themes"))
    co_presenters = models.ManyToManyField(
        RoleModel,
        blank=True,
        related_name="co_presented_activities",
        verbose_name=_("co-presenting role models"),
    )
    description = models.TextField(_("short description"), blank=True)
    reflection = models.TextField(
        _("reflection"),
        blank=True,
        help_text=_("What went well, what was hard, what you noticed. Only coordinators read it."),
    )
    intervention = models.ForeignKey(
        "network.Intervention",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("intervention delivered"),
        help_text=_("The intervention of the catalogue this activity delivered, if any."),
    )
    practice_example = models.ForeignKey(
        "network.PracticeExample",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("practice example"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ActivityState.choices, default=ActivityState.DRAFT
    )
    # Set by the coordinator who approves it: the short description (never the reflection)
    # may then appear as a highlight in municipal reports.
    shareable = models.BooleanField(_("may be shared in reports"), default=False)
    review_comment = models.TextField(_("comment of the coordinator"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["state", "date", "id"]),
            models.Index(fields=["municipality", "date"]),
            models.Index(fields=["role_model", "state"]),
            models.Index(fields=["state", "submitted_at", "id"]),
            models.Index(fields=["date", "id"]),
            # Matching counts each role model's deployments in a window of days: read from
            # this index alone (26 to 11 ms nationally), not from 4,000 pages of the table.
            models.Index(
                fields=["date", "role_model", "id"],
                condition=models.Q(state__in=["submitted", "approved"]),
                name="activity_deployed_idx",
            ),
        ]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.get_venue_type_display()}, {self.municipality}"

    def get_absolute_url(self):
        return reverse("rolemodels:activity-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.state in ACTIVITY_EDITABLE


class ActivityEvent(AppendOnly):
    """One move of an activity between states: append-only, never changed or deleted."""

    immutable_message = _("The history of an activity cannot be changed.")

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="events", verbose_name=_("activity")
    )
    from_state = models.CharField(
        _("from"), max_length=20, choices=ActivityState.choices, blank=True
    )  # empty when the activity was logged
    to_state = models.CharField(
        pgettext_lazy("state change", "to"), max_length=20, choices=ActivityState.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("activity event")
        verbose_name_plural = _("activity events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["activity", "created_at"])]

    def __str__(self):
        return f"{self.activity_id}: {self.from_state or '—'} → {self.to_state}"


# The mentoring models live beside their code; importing them here registers them.
from rolemodels.mentoring.models import (  # noqa: E402
    Meeting,
    MeetingTopic,
    Mentorship,
    MentorshipEvent,
    MentorshipGoal,
    MentorshipOutcome,
    RoleModelEmail,
)

__all__ = [
    "Activity",
    "ActivityEvent",
    "Meeting",
    "MeetingTopic",
    "Mentorship",
    "MentorshipEvent",
    "MentorshipGoal",
    "MentorshipOutcome",
    "RoleModel",
    "RoleModelEmail",
    "StageChange",
]
