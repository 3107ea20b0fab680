"""Reads of the trainings app that carry a rule about who sees what."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from network.models import Municipality
from network.selectors import documents_for_list
from polrad.counting import subquery_count
from polrad.dates import local_midnight
from polrad.periods import Period
from polrad.permissions import MANAGE_TRAININGS
from rolemodels.models import RoleModel
from trainings.models import Enrolment, Module, Programme, Session
from trainings.tokens import enrolment_id_of
from trainings.workflow import (
    ACTIVE_ENROLMENT,
    HOLDS_SEAT,
    EnrolmentState,
    MessageKind,
    SessionState,
)

# Every role holds it; an account whose roles were all withdrawn does not, and sees nothing.

# Participants first, then those offered a seat, the waiting list, and the cancelled last.
STATE_ORDER = [
    EnrolmentState.ENROLLED,
    EnrolmentState.OFFERED,
    EnrolmentState.WAITLISTED,
    EnrolmentState.CANCELLED,
]


def can_manage_trainings(user) -> bool:
    return user.has_perm(MANAGE_TRAININGS)


def is_trainer(user, session: Session) -> bool:
    return user.is_authenticated and session.trainers.filter(pk=user.pk).exists()


def can_run_session(user, session: Session) -> bool:
    """Coordinators and the session's own trainers register attendance and see the code."""
    return can_manage_trainings(user) or is_trainer(user, session)


def _enrolments(state_filter: Q) -> QuerySet[Enrolment]:
    """A session row's enrolments in these states (counted per shown row)."""
    return Enrolment.objects.filter(state_filter, session=OuterRef("pk"))


def with_seat_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    return sessions.annotate(
        seats_taken=subquery_count(_enrolments(Q(state__in=HOLDS_SEAT))),
        waiting=subquery_count(_enrolments(Q(state=EnrolmentState.WAITLISTED))),
    ).annotate(seats_left=Greatest(F("capacity") - F("seats_taken"), 0))


def sessions_upcoming(*, now=None) -> QuerySet[Session]:
    """Sessions that have not ended yet (cancelled ones too, marked so), soonest first."""
    now = now or timezone.now()
    return with_seat_counts(
        Session.objects.filter(ends_at__gte=now).select_related(
            "programme", "municipality", "location"
        )
    ).order_by("starts_at", "pk")


def session_get(pk: int) -> Session:
    """A session; every logged-in member of the network may read its page."""
    queryset = with_seat_counts(
        Session.objects.select_related("programme", "municipality", "location")
    )
    return get_object_or_404(queryset, pk=pk)


def session_get_to_run(user, pk: int) -> Session:
    """A session for its trainers and coordinators: 404 when missing, 403 for others."""
    session = session_get(pk)
    if not can_run_session(user, session):
        raise PermissionDenied
    return session


def programme_sessions(programme: Programme) -> QuerySet[Session]:
    return with_seat_counts(
        programme.sessions.select_related("municipality", "location").order_by("-starts_at")
    )


def programme_modules(programme: Programme, user) -> QuerySet[Module]:
    """The modules, each with the knowledge-base documents the user may read
    (`visible_documents`)."""
    documents = Prefetch(
        "documents", queryset=documents_for_list(user), to_attr="visible_documents"
    )
    return programme.modules.order_by("order", "pk").prefetch_related(documents)


def module_file_get(pk: int) -> Module:
    module = get_object_or_404(Module, pk=pk)
    if not module.file:
        raise Http404
    return module


def session_participants(session: Session) -> list[Enrolment]:
    """Everyone enrolled in the session, by state (see STATE_ORDER), then in order of arrival."""
    rank = {state: index for index, state in enumerate(STATE_ORDER)}
    enrolments = session.enrolments.select_related("organisation", "municipality").order_by(
        "created_at", "pk"
    )
    return sorted(enrolments, key=lambda enrolment: rank[enrolment.state])


def attendance_list(session: Session) -> QuerySet[Enrolment]:
    """Who holds a seat, alphabetically: the list a trainer ticks off at the door."""
    return (
        session.enrolments.filter(state=EnrolmentState.ENROLLED)
        .select_related("organisation")
        .order_by("full_name", "pk")
    )


def own_enrolment(user, session: Session) -> Enrolment | None:
    """The user's current enrolment in the session, or their last cancelled one."""
    if not user.is_authenticated:
        return None
    enrolments = session.enrolments.filter(Q(user=user) | Q(email=user.email.lower()))
    return (
        enrolments.filter(state__in=ACTIVE_ENROLMENT).first()
        or enrolments.order_by("-created_at").first()
    )


def own_enrolments(user) -> QuerySet[Enrolment]:
    """The user's enrolments, also those a coordinator made with their email address."""
    return (
        Enrolment.objects.filter(Q(user=user) | Q(email=user.email.lower()))
        .select_related("session__programme", "session__location")
        .order_by("session__starts_at", "pk")
    )


def home_municipality(user) -> Municipality | None:
    """Where a member works, for the figures: their role-model profile's municipality, else
    the first municipality in their scope; None when neither says."""
    profile = RoleModel.objects.filter(user=user).select_related("municipality").first()
    if profile is not None:
        return profile.municipality
    return user.municipalities.filter(is_active=True).order_by("name").first()


def enrolment_get_for_cancel(user, pk: int) -> Enrolment:
    """An enrolment the user may cancel: their own, or any for coordinators."""
    enrolment = get_object_or_404(Enrolment.objects.select_related("session"), pk=pk)
    if can_manage_trainings(user):
        return enrolment
    if enrolment.user_id == user.pk or enrolment.email == user.email.lower():
        return enrolment
    raise Http404


def enrolment_get_by_token(token: str) -> Enrolment:
    """The enrolment of a valid offer link (trainings/tokens.py); 404 for any other."""
    enrolment_id = enrolment_id_of(token, "offer")
    if enrolment_id is None:
        raise Http404
    return get_object_or_404(
        Enrolment.objects.select_related("session__programme", "session__location"),
        pk=enrolment_id,
    )


def sessions_of_user(user, *, now=None) -> QuerySet[Session]:
    """Upcoming sessions the user takes part in or trains: their personal calendar feed."""
    now = now or timezone.now()
    mine = Q(enrolments__user=user, enrolments__state__in=[EnrolmentState.ENROLLED]) | Q(
        trainers=user
    )
    return (
        Session.objects.filter(mine, ends_at__gte=now)
        .select_related("programme", "location")
        .distinct()
        .order_by("starts_at", "pk")
    )


def due_reminders(*, now=None) -> QuerySet[Enrolment]:
    """Enrolments in sessions starting within two days that have not had their reminder."""
    now = now or timezone.now()
    return Enrolment.objects.filter(
        state=EnrolmentState.ENROLLED,
        session__state=SessionState.PLANNED,
        session__starts_at__gt=now,
        session__starts_at__lte=now + timedelta(days=2),
    ).exclude(messages__kind=MessageKind.REMINDER)


def due_evaluation_requests() -> QuerySet[Enrolment]:
    """Participants who attended a held session and have not been asked to evaluate it."""
    return (
        Enrolment.objects.filter(
            session__state=SessionState.HELD,
            attendance__in=["present", "late"],
            evaluation__isnull=True,
        )
        .exclude(messages__kind=MessageKind.EVALUATION)
        .exclude(state__in=[s for s in EnrolmentState if s not in ACTIVE_ENROLMENT])
    )


# --- the home page: counts of what waits ------------------------------------------------------


def this_week(*, now=None) -> tuple:
    """Monday 00:00 of this week and of the next, local time."""
    today = timezone.localdate(now)
    monday = today - timedelta(days=today.weekday())
    return local_midnight(monday), local_midnight(monday + timedelta(days=7))


def sessions_needing_seats_this_week(sessions: QuerySet[Session], *, now=None) -> QuerySet:
    """Planned sessions of this week with free seats or people on the waiting list."""
    start, end = this_week(now=now)
    return with_seat_counts(
        sessions.filter(starts_at__gte=start, starts_at__lt=end, state=SessionState.PLANNED)
    ).filter(Q(seats_left__gt=0) | Q(waiting__gt=0))


def own_upcoming_counts(user, *, now=None) -> dict[str, int]:
    """The user's enrolments in sessions still to come: enrolled, offered a seat to take up,
    on the waiting list (one query)."""
    now = now or timezone.now()
    return (
        own_enrolments(user)
        .filter(session__ends_at__gte=now, session__state=SessionState.PLANNED)
        .order_by()
        .aggregate(
            enrolled=Count("pk", filter=Q(state=EnrolmentState.ENROLLED)),
            offered=Count("pk", filter=Q(state=EnrolmentState.OFFERED)),
            waitlisted=Count("pk", filter=Q(state=EnrolmentState.WAITLISTED)),
        )
    )


def sessions_held_in_municipality(period: Period) -> Coalesce:
    """An annotation for a queryset of municipalities: the sessions held there in the period."""
    held = (
        Session.objects.filter(
            municipality=OuterRef("pk"),
            state=SessionState.HELD,
            starts_at__gte=period.starts_at,
            starts_at__lt=period.ends_before,
        )
        .order_by()
        .values("municipality")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(held, output_field=IntegerField()), 0)
