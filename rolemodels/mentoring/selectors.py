"""Reads of mentorships and meetings, with who may see them.

A mentorship, and the notes of its meetings, are seen by its mentor, the mentor's coach and
the coordinators; nobody else learns that it exists (404).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from polrad.permissions import MANAGE_ROLE_MODELS
from rolemodels.mentoring.models import Meeting, Mentorship, MentorshipEvent
from rolemodels.models import RoleModel, StageChange
from rolemodels.workflow import MENTOR_TRACKS, Stage


def can_manage_mentorships(user) -> bool:
    return user.has_perm(MANAGE_ROLE_MODELS)


def active_mentorships_of(role_model: RoleModel) -> QuerySet[Mentorship]:
    return Mentorship.objects.filter(mentor=role_model, end_date__isnull=True)


def active_mentors() -> QuerySet[RoleModel]:
    """Mentors who may take a mentorship now."""
    return RoleModel.objects.filter(stage=Stage.ACTIVE, track__in=MENTOR_TRACKS)


def mentor_active_since(role_model: RoleModel) -> date | None:
    """The day the mentor last became active; None when they are not active now."""
    if role_model.stage != Stage.ACTIVE:
        return None
    moment = (
        StageChange.objects.filter(role_model=role_model, to_stage=Stage.ACTIVE)
        .order_by("-created_at", "-pk")
        .values_list("created_at", flat=True)
        .first()
    )
    return timezone.localdate(moment) if moment else None


def mentorships_visible_to(user) -> QuerySet[Mentorship]:
    """Coordinators see all; a mentor their own; a coach those of the mentors they coach."""
    if not user.is_authenticated:
        return Mentorship.objects.none()
    if can_manage_mentorships(user):
        return Mentorship.objects.all()
    return Mentorship.objects.filter(Q(mentor__user=user) | Q(mentor__coach=user))


def mentorships_for_list(user) -> QuerySet[Mentorship]:
    return (
        mentorships_visible_to(user)
        .select_related("mentor", "municipality")
        .order_by("end_date", "-start_date", "-pk")
    )


def mentorship_get_for_user(user, pk: int) -> Mentorship:
    return get_object_or_404(
        mentorships_visible_to(user)
        .select_related("mentor__user", "mentor__coach", "municipality", "outcome")
        .prefetch_related("goals"),
        pk=pk,
    )


def mentorship_get_for_page(user, pk: int) -> Mentorship:
    """The mentorship as its page shows it, with `meeting_count` read in the same query."""
    count = (
        Meeting.objects.filter(mentorship=OuterRef("pk"))
        .order_by()
        .values("mentorship")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return get_object_or_404(
        mentorships_visible_to(user)
        .select_related("mentor__user", "mentor__coach", "municipality", "outcome")
        .prefetch_related("goals")
        .annotate(
            meeting_count=Coalesce(Subquery(count, output_field=IntegerField()), 0),
        ),
        pk=pk,
    )


def is_own_mentorship(user, mentorship: Mentorship) -> bool:
    return mentorship.mentor.user_id is not None and mentorship.mentor.user_id == user.pk


def mentorship_meetings(mentorship: Mentorship) -> QuerySet[Meeting]:
    return mentorship.meetings.select_related("logged_by").prefetch_related("topics")


def mentorship_coaching(user, mentorship: Mentorship):
    """The coaching sessions that discussed the mentorship, never their confidential notes.
    Coordinators see all; the mentor and their coach only the current mentor's coaching
    (a mentor who took over does not read the coaching of the one before)."""
    sessions = mentorship.coaching_sessions.select_related("coach").defer("confidential_notes")
    if not can_manage_mentorships(user):
        sessions = sessions.filter(role_model=mentorship.mentor_id)
    return sessions.order_by("-date", "-pk")


def mentorship_history(mentorship: Mentorship) -> QuerySet[MentorshipEvent]:
    return mentorship.events.select_related("mentor", "actor")


def own_mentor_profile(user) -> RoleModel | None:
    if not user.is_authenticated:
        return None
    return RoleModel.objects.filter(user=user, track__in=MENTOR_TRACKS).first()


def quiet_before() -> date:
    """Mentors whose last meeting is before this day are flagged."""
    return timezone.localdate() - timedelta(weeks=settings.MENTOR_QUIET_WEEKS)


@dataclass
class MentorRow:
    mentor: RoleModel
    active: int
    last_meeting: date | None
    since: date | None  # the start of their newest active mentorship
    is_quiet: bool  # active mentorships, but no meeting logged in the last N weeks


def mentor_board(mentors: Iterable[RoleModel]) -> list[MentorRow]:
    """Active mentorships and last meeting for a page of mentors: one grouped query."""
    mentors = list(mentors)
    figures = {
        row["mentor_id"]: row
        for row in Mentorship.objects.filter(mentor__in=mentors, end_date__isnull=True)
        .order_by()
        .values("mentor_id")
        .annotate(n=Count("pk"), last=Max("last_meeting_on"), since=Max("start_date"))
    }
    cutoff = quiet_before()
    rows = []
    for mentor in mentors:
        row = figures.get(mentor.pk, {})
        active, last, since = row.get("n", 0), row.get("last"), row.get("since")
        latest = last or since  # no meeting logged yet: counted from the start
        quiet = bool(active) and latest is not None and latest < cutoff
        rows.append(MentorRow(mentor, active, last, since, is_quiet=quiet))
    return rows


class MentorsInOrder:
    """Mentors in a given order, for a paginator: its length is that of the ids (the mentor
    pool: 5,000 people at national scale); a page loads its own mentors by id."""

    def __init__(self, ids: list[int]):
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, page: slice) -> list[RoleModel]:
        ids = self.ids[page]
        mentors = (
            RoleModel.objects.select_related("municipality", "coach")
            .only("full_name", "stage", "municipality__name", "coach__full_name", "coach__email")
            .in_bulk(ids)
        )
        return [mentors[pk] for pk in ids if pk in mentors]


def mentors_for_board(*, only_quiet: bool = False) -> MentorsInOrder:
    """Active and paused mentors in name order; with `only_quiet`, those without a recent
    meeting. Their ids are read in one query and give the paginator its count: as a queryset,
    the count and the page each grouped the 10,000 active mentorships again, and the page
    joined the municipality and coach of all 2,500 quiet mentors before it took 50."""
    mentors = RoleModel.objects.filter(
        track__in=MENTOR_TRACKS, stage__in=[Stage.ACTIVE, Stage.PAUSED]
    )
    if only_quiet:
        mentors = mentors.filter(pk__in=quiet_mentor_ids())
    return MentorsInOrder(list(mentors.order_by("full_name", "pk").values_list("pk", flat=True)))


def quiet_mentor_ids() -> QuerySet:
    """Ids of mentors with active mentorships and no meeting since `quiet_before()` (none
    logged yet: counted from the start of their newest mentorship)."""
    return (
        Mentorship.objects.filter(end_date__isnull=True)
        .order_by()
        .values("mentor_id")
        .annotate(latest=Coalesce(Max("last_meeting_on"), Max("start_date")))
        .filter(latest__lt=quiet_before())
        .values("mentor_id")
    )


def mentorships_of_mentor(role_model: RoleModel) -> QuerySet[Mentorship]:
    """For the coordinator's page of a person: their mentorships, active ones first."""
    return role_model.mentorships.select_related("municipality").order_by(
        "end_date", "-start_date", "-pk"
    )


def quiet(mentorships: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    """The active ones without a meeting since `quiet_before()` (none logged yet: counted
    from the start)."""
    return (
        mentorships.filter(end_date__isnull=True)
        .annotate(latest=Coalesce("last_meeting_on", "start_date"))
        .filter(latest__lt=quiet_before())
    )


def own_quiet_mentorships(user) -> QuerySet[Mentorship]:
    """The user's own quiet mentorships (as a mentor)."""
    return quiet(Mentorship.objects.filter(mentor__user=user))
