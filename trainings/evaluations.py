"""Evaluations: a participant rates a held session once; coordinators read the results.

Results are shown without names: averages, counts and the comments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from polrad.dates import local_midnight
from polrad.errors import Refusal
from trainings.models import Enrolment, Evaluation, Programme, Session
from trainings.stats import figures_changed
from trainings.tokens import enrolment_id_of
from trainings.workflow import ATTENDED, SessionState

RATINGS = ("overall", "content", "trainer", "usefulness")
# The newest comments on the results page: enough to read, bounded whatever the volume.
COMMENT_LIMIT = 100
SESSION_LIMIT = 100


class EvaluationError(Refusal):
    """The evaluation cannot be given; the message is for the participant."""


class AlreadyEvaluated(EvaluationError):
    pass


def enrolment_for_token(token: str) -> Enrolment | None:
    enrolment_id = enrolment_id_of(token, "evaluation")
    if enrolment_id is None:
        return None
    return (
        Enrolment.objects.select_related("session__programme", "evaluation")
        .filter(pk=enrolment_id)
        .first()
    )


def may_evaluate(enrolment: Enrolment) -> bool:
    """Only someone who attended a session that was held evaluates it."""
    return enrolment.session.state == SessionState.HELD and enrolment.attendance in ATTENDED


def has_evaluated(enrolment: Enrolment) -> bool:
    return Evaluation.objects.filter(enrolment=enrolment).exists()


def evaluation_submit(*, enrolment: Enrolment, data: dict) -> Evaluation:
    """Store the participant's evaluation; the first one counts."""
    if not may_evaluate(enrolment):
        raise EvaluationError(_("Only participants of a session that was held can evaluate it."))
    fields = {name: data[name] for name in RATINGS}
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                enrolment=enrolment, comments=data.get("comments", "").strip(), **fields
            )
    except IntegrityError as error:  # one per enrolment: a second (or a racing) submission
        raise AlreadyEvaluated(_("You have already evaluated this session.")) from error
    place = enrolment.municipality_id or enrolment.session.municipality_id
    transaction.on_commit(lambda: figures_changed([place]))
    return evaluation


@dataclass
class Scores:
    label: str
    count: int
    overall: float | None
    content: float | None
    trainer: float | None
    usefulness: float | None
    attended: int | None = None
    starts_at: object = None

    @property
    def response_rate(self) -> int | None:
        if not self.attended:
            return None
        return round(100 * self.count / self.attended)


@dataclass
class Comment:
    session: str
    starts_at: object
    text: str


@dataclass
class EvaluationResults:
    total: Scores
    per_programme: list[Scores] = field(default_factory=list)
    per_session: list[Scores] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


def _averages(prefix: str = "") -> dict:
    return {name: Avg(f"{prefix}{name}") for name in RATINGS}


def _scores(label: str, row: dict, **extra) -> Scores:
    return Scores(
        label=label,
        count=row["n"],
        **{name: row[name] and round(row[name], 1) for name in RATINGS},
        **extra,
    )


def evaluations_in(
    *, date_from: date, date_to: date, programme: Programme | None = None
) -> QuerySet[Evaluation]:
    """Evaluations of sessions that started in the period (local calendar days)."""
    evaluations = Evaluation.objects.filter(
        enrolment__session__starts_at__gte=local_midnight(date_from),
        enrolment__session__starts_at__lt=local_midnight(date_to + timedelta(days=1)),
    )
    if programme is not None:
        evaluations = evaluations.filter(enrolment__session__programme=programme)
    return evaluations.order_by()


def evaluation_results(
    *, date_from: date, date_to: date, programme: Programme | None = None
) -> EvaluationResults:
    """Averages per programme and per session, and the newest comments: four queries."""
    evaluations = evaluations_in(date_from=date_from, date_to=date_to, programme=programme)
    total = evaluations.aggregate(n=Count("pk"), **_averages())
    per_programme = (
        evaluations.values(name=F("enrolment__session__programme__name"))
        .annotate(n=Count("pk"), **_averages())
        .order_by("name")
    )
    return EvaluationResults(
        total=_scores(_("All sessions"), total),
        per_programme=[_scores(row["name"], row) for row in per_programme],
        per_session=_per_session(evaluations),
        comments=[
            Comment(session=row["title"] or row["programme"], starts_at=row["at"], text=row["text"])
            for row in evaluations.exclude(comments="")
            .values(
                text=F("comments"),
                title=F("enrolment__session__title"),
                programme=F("enrolment__session__programme__name"),
                at=F("enrolment__session__starts_at"),
            )
            .order_by("-submitted_at", "-pk")[:COMMENT_LIMIT]
        ],
    )


def _per_session(evaluations: QuerySet[Evaluation]) -> list[Scores]:
    """Sessions with at least one evaluation, with how many attended (the response rate)."""
    attended = Count(
        "enrolments", filter=Q(enrolments__attendance__in=sorted(ATTENDED)), distinct=True
    )
    evaluated = Count("enrolments__evaluation", distinct=True)
    rows = (
        # By id, not by a join: a filter on the join would narrow the counts to evaluators.
        Session.objects.filter(pk__in=evaluations.values("enrolment__session_id"))
        .values("pk", "title", "starts_at", programme_name=F("programme__name"))
        .annotate(attended=attended, n=evaluated, **_averages("enrolments__evaluation__"))
        .order_by("-starts_at", "-pk")[:SESSION_LIMIT]
    )
    return [
        _scores(
            row["title"] or row["programme_name"],
            row,
            attended=row["attended"],
            starts_at=row["starts_at"],
        )
        for row in rows
    ]
