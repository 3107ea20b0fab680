"""The figures a network reports on its trainings, for the dashboard and the municipal reports.

Definitions (all for a period of local calendar days, Europe/Amsterdam):

- A session counts in the period when it was held (state "held") and started in the period.
- People trained: distinct participants, by email, marked present or late in such a session.
  Someone trained twice counts once in the total, and once in every row they appear in, so
  rows (per programme, organisation, month) can add up to more than the total.
- A participant's municipality is the one recorded on the enrolment (where they work), or
  else the municipality of the session. Municipal figures count the participants of theirs.
- Attendance rate: of the seats in held sessions (enrolled participants), the share present or
  late. Seats without a recorded attendance count as not attended.
- Certificates issued: certificates completed in the period and not withdrawn. Role models
  trained: distinct people with such a certificate of a role-model programme. For a
  municipality, certificates of people who attended that programme as one of its participants.
- Evaluation scores: averages (1–5) of the evaluations of the sessions in the period.

Every figure is an aggregate query: seven queries whatever the number of rows. The dashboard
keeps them in the cache until the figures change (`figures_changed`) or ten minutes pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext as _

from network.models import Municipality
from polrad.dates import local_midnight, month_label
from polrad.figure_cache import VersionedCache
from polrad.permissions import VIEW_MUNICIPAL_REPORTS, VIEW_NETWORK_DASHBOARD
from trainings.models import Certificate, Enrolment
from trainings.workflow import ATTENDED, Attendance, EnrolmentState, SessionState

# Organisations are many (20,000 on the national map): the table shows the largest ones.
ORGANISATION_LIMIT = 25
RATINGS = ("overall", "content", "trainer", "usefulness")
ATTENDED_Q = Q(attendance__in=sorted(ATTENDED))


@dataclass
class Row:
    label: str
    people: int


@dataclass
class ProgrammeRow:
    label: str
    people: int
    sessions: int
    seats: int
    attended: int
    evaluations: int
    overall: float | None
    certificates: int = 0

    @property
    def attendance_rate(self) -> int | None:
        return round(100 * self.attended / self.seats) if self.seats else None


@dataclass
class TrainingFigures:
    people_trained: int
    sessions_held: int
    seats: int
    attended: int
    excused: int
    absent: int
    not_recorded: int
    certificates_issued: int
    role_models_trained: int
    evaluations: int
    scores: dict[str, float | None]
    per_programme: list[ProgrammeRow] = field(default_factory=list)
    per_organisation: list[Row] = field(default_factory=list)
    per_municipality: list[Row] = field(default_factory=list)
    per_month: list[Row] = field(default_factory=list)

    @property
    def attendance_rate(self) -> int | None:
        return round(100 * self.attended / self.seats) if self.seats else None


def figures_scope(user) -> QuerySet[Municipality] | None:
    """None for the whole network (coordinators); else the municipalities in the user's scope."""
    if user.has_perm(VIEW_NETWORK_DASHBOARD):
        return None
    if user.has_perm(VIEW_MUNICIPAL_REPORTS):
        return user.municipalities.filter(is_active=True)
    return Municipality.objects.none()


def _place_ids(municipalities: Iterable[Municipality] | QuerySet[Municipality]):
    if isinstance(municipalities, QuerySet):
        return municipalities.values("pk")
    return [municipality.pk for municipality in municipalities]


def _with_place(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    return enrolments.annotate(place=Coalesce("municipality_id", "session__municipality_id"))


def seats_in(*, date_from: date, date_to: date, municipalities=None) -> QuerySet[Enrolment]:
    """Enrolled participants of the sessions held in the period (in these municipalities)."""
    seats = Enrolment.objects.filter(
        state=EnrolmentState.ENROLLED,
        session__state=SessionState.HELD,
        session__starts_at__gte=local_midnight(date_from),
        session__starts_at__lt=local_midnight(date_to + timedelta(days=1)),
    )
    if municipalities is not None:
        seats = _with_place(seats).filter(place__in=_place_ids(municipalities))
    return seats.order_by()


def _seat_figures() -> dict:
    return {
        "people": Count("email", filter=ATTENDED_Q, distinct=True),
        "sessions": Count("session", distinct=True),
        "seats": Count("pk"),
        "attended": Count("pk", filter=ATTENDED_Q),
        "evaluations": Count("evaluation"),
        "overall": Avg("evaluation__overall"),
    }


def _rows(queryset: QuerySet, label, *, missing: str, limit: int | None = None) -> list[Row]:
    rows = queryset.values(label=label).annotate(people=Count("email", distinct=True))
    rows = rows.order_by("-people", "label")
    if limit:
        rows = rows[:limit]
    return [Row(label=row["label"] or missing, people=row["people"]) for row in rows]


def certificates_in(*, date_from: date, date_to: date, municipalities=None):
    certificates = Certificate.objects.filter(
        completed_on__gte=date_from, completed_on__lte=date_to, revoked_at__isnull=True
    )
    if municipalities is not None:
        theirs = _with_place(
            Enrolment.objects.filter(
                ATTENDED_Q, email=OuterRef("email"), session__programme=OuterRef("programme_id")
            )
        ).filter(place__in=_place_ids(municipalities))
        certificates = certificates.filter(Exists(theirs))
    return certificates.order_by()


def training_figures(*, date_from: date, date_to: date, municipalities=None) -> TrainingFigures:
    """The trainings figures of the period; `municipalities=None` is the whole network."""
    seats = seats_in(date_from=date_from, date_to=date_to, municipalities=municipalities)
    attended = seats.filter(ATTENDED_Q)
    totals = seats.aggregate(
        **_seat_figures(),
        excused=Count("pk", filter=Q(attendance=Attendance.EXCUSED)),
        absent=Count("pk", filter=Q(attendance=Attendance.ABSENT)),
        not_recorded=Count("pk", filter=Q(attendance="")),
        content=Avg("evaluation__content"),
        trainer=Avg("evaluation__trainer"),
        usefulness=Avg("evaluation__usefulness"),
    )
    certificates = certificates_in(
        date_from=date_from, date_to=date_to, municipalities=municipalities
    )
    issued = certificates.aggregate(
        n=Count("pk"),
        role_models=Count("email", filter=Q(programme__qualifies_role_models=True), distinct=True),
    )
    return TrainingFigures(
        people_trained=totals["people"],
        sessions_held=totals["sessions"],
        seats=totals["seats"],
        attended=totals["attended"],
        excused=totals["excused"],
        absent=totals["absent"],
        not_recorded=totals["not_recorded"],
        certificates_issued=issued["n"],
        role_models_trained=issued["role_models"],
        evaluations=totals["evaluations"],
        scores={name: _round(totals[name]) for name in RATINGS},
        per_programme=_per_programme(seats, certificates),
        per_organisation=_rows(
            attended,
            F("organisation__name"),
            missing=_("No organisation recorded"),
            limit=ORGANISATION_LIMIT,
        ),
        per_municipality=_rows(
            attended,
            Coalesce("municipality__name", "session__municipality__name"),
            missing=_("No municipality recorded"),
        ),
        per_month=_per_month(attended),
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _per_programme(seats: QuerySet[Enrolment], certificates) -> list[ProgrammeRow]:
    issued = dict(certificates.values_list("programme__name").annotate(n=Count("pk")).order_by())
    rows = (
        seats.values(label=F("session__programme__name"))
        .annotate(**_seat_figures())
        .order_by("-people", "label")
    )
    result = [
        ProgrammeRow(
            **{**row, "overall": _round(row["overall"])}, certificates=issued.pop(row["label"], 0)
        )
        for row in rows
    ]
    # Certificates of a programme without sessions in the period (completed on a late mark).
    result += [
        ProgrammeRow(label, 0, 0, 0, 0, 0, None, certificates=n) for label, n in issued.items()
    ]
    return result


def _per_month(attended: QuerySet[Enrolment]) -> list[Row]:
    """People trained per calendar month (Europe/Amsterdam) of the session."""
    rows = (
        attended.annotate(month=TruncMonth("session__starts_at"))
        .values("month")
        .annotate(people=Count("email", distinct=True))
        .order_by("month")
    )
    return [Row(label=month_label(row["month"]), people=row["people"]) for row in rows]


# Writes that change the figures (attendance, a session held or cancelled, a certificate issued
# or withdrawn, an evaluation) name the municipalities they count in after commit (`places_of`),
# so the cached figures of those and of the whole region go stale and the others' stay; the
# timeout bounds the staleness of a write that does not.
FIGURES = VersionedCache("trainings:figures", timeout=10 * 60)


def figures_changed(municipality_ids=None) -> None:
    """The trainings figures of these municipalities (None: of all) must be counted again."""
    FIGURES.changed(municipality_ids)


def places_of(*, sessions=(), emails=(), programme=None) -> set:
    """The municipalities whose figures count these sessions' seats, or the attendance of
    these people in the programme (their certificates): one query."""
    seats = Enrolment.objects.none()
    if sessions:
        seats = Enrolment.objects.filter(session__in=sessions)
    if emails:
        seats = seats | Enrolment.objects.filter(session__programme=programme, email__in=emails)
    places = set(_with_place(seats).values_list("place", flat=True).distinct().order_by())
    return places | {session.municipality_id for session in sessions}


def cached_training_figures(
    *, date_from: date, date_to: date, municipalities=None
) -> TrainingFigures:
    """training_figures, kept in the cache for the same period, places and language."""
    if municipalities is not None:
        municipalities = list(municipalities)
    places = None if municipalities is None else sorted(m.pk for m in municipalities)
    return FIGURES.get(
        (date_from, date_to, places),
        lambda: training_figures(
            date_from=date_from, date_to=date_to, municipalities=municipalities
        ),
    )
