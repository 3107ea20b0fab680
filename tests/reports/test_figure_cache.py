"""The report's sections stay in the cache until a write of their own municipality changes what
they count; a write elsewhere leaves them cached (polrad.figure_cache by scope)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from polrad import periods
from polrad.analysis.services import action_save
from polrad.reports.figures import municipal_report
from rolemodels.mentoring.models import MentorshipOutcome
from rolemodels.mentoring.services import mentorship_end
from rolemodels.services import activity_move, role_model_move
from rolemodels.workflow import ActivityState, Stage
from signals.services import concern_transition, conference_record
from signals.suppression import not_closed_label
from signals.workflow import Outcome, State
from tests.analysis.factories import ActionFactory, AnalysisFactory
from tests.interventions.factories import InterventionFactory
from tests.network.factories import OrganisationFactory
from tests.rolemodels.factories import (
    ActivityFactory,
    MentorshipFactory,
    RoleModelFactory,
    active_mentor,
)
from tests.signals.factories import CategoryFactory, ConcernFactory
from tests.trainings.factories import EnrolmentFactory, SessionFactory
from trainings.services import attendance_record
from trainings.workflow import Attendance, SessionState

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DECEMBER = periods.month(2026, 12)  # ended: kept until its data changes
FEBRUARY = periods.month(2027, 2)  # still running


@pytest.fixture(autouse=True)
def february_2027():
    with time_machine.travel(datetime(2027, 2, 10, 12, tzinfo=AMSTERDAM), tick=False):
        yield


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write as if its transaction committed: the services invalidate after commit."""

    def run(write):
        with django_capture_on_commit_callbacks(execute=True):
            return write()

    return run


def report(municipality, period=DECEMBER):
    return municipal_report(municipalities=[municipality], period=period)


def queries_of(municipality, period=DECEMBER) -> int:
    with CaptureQueriesContext(connection) as context:
        report(municipality, period)
    return len(context)


def now_of(municipality, key, period=DECEMBER):
    return report(municipality, period).figure(key).now


def test_a_report_asked_again_costs_no_query(municipality):
    assert queries_of(municipality) > 10
    assert queries_of(municipality) == 0
    assert queries_of(municipality, periods.year(2026)) > 0  # another period: its own entry


def test_an_approval_shows_at_once_and_leaves_other_municipalities_cached(
    municipality, other_municipality, coordinator, committed
):
    submitted = ActivityFactory(
        municipality=municipality, date=date(2026, 12, 5), state=ActivityState.SUBMITTED
    )
    assert now_of(municipality, "activities") == 0
    report(other_municipality)
    committed(lambda: activity_move(activity=submitted, to=ActivityState.APPROVED, by=coordinator))
    assert queries_of(other_municipality) == 0
    assert now_of(municipality, "activities") == 1
    assert queries_of(municipality) == 0


def test_a_new_role_model_move_counts_in_the_running_period(
    municipality, other_municipality, coordinator, committed
):
    active = RoleModelFactory(municipality=municipality, stage=Stage.ACTIVE)
    assert now_of(municipality, "role-models-active", FEBRUARY) == 1
    report(other_municipality, FEBRUARY)
    committed(
        lambda: role_model_move(
            role_model=active, to=Stage.PAUSED, by=coordinator, reason="Even rust"
        )
    )
    assert queries_of(other_municipality, FEBRUARY) == 0
    assert now_of(municipality, "role-models-active", FEBRUARY) == 0


def test_recorded_attendance_counts_in_the_municipality_of_the_session(
    municipality, other_municipality, coordinator, committed
):
    session = SessionFactory(
        municipality=municipality,
        starts_at=datetime(2026, 12, 3, 19, tzinfo=AMSTERDAM),
        ends_at=datetime(2026, 12, 3, 21, tzinfo=AMSTERDAM),
        state=SessionState.HELD,
    )
    seat = EnrolmentFactory(session=session, attendance="")
    assert now_of(municipality, "people-trained") == 0
    report(other_municipality)
    committed(
        lambda: attendance_record(
            session=session, marks={seat.pk: Attendance.PRESENT}, by=coordinator
        )
    )
    assert queries_of(other_municipality) == 0
    assert now_of(municipality, "people-trained") == 1


def test_a_closed_concern_changes_the_outcomes_of_its_month_only(
    municipality, other_municipality, handler, committed
):
    category = CategoryFactory(name="Online uitingen")
    for _ in range(6):
        ConcernFactory(
            municipality=municipality,
            category=category,
            submitted_at=datetime(2026, 12, 15, 12, tzinfo=AMSTERDAM),
            state=State.IN_ASSESSMENT,
        )
    concern = ConcernFactory(
        municipality=municipality,
        category=category,
        submitted_at=datetime(2026, 11, 15, 12, tzinfo=AMSTERDAM),
        state=State.IN_ASSESSMENT,
    )
    before = report(municipality).table("concerns-by-outcome").rows
    assert [not_closed_label(), "6"] in before
    november = periods.month(2026, 11)
    report(municipality, november)
    committed(
        lambda: concern_transition(
            concern=concern,
            to=State.CLOSED,
            by=handler,
            outcome=Outcome.ADVICE,
            outcome_text="Advies gegeven aan de school.",
        )
    )
    assert queries_of(municipality) == 0  # December's publication still holds
    outcomes = report(municipality, november).table("concerns-by-outcome").rows
    assert [str(Outcome.ADVICE.label), "< 5"] in outcomes


def test_a_case_conference_counts_in_its_municipality_only(
    municipality, other_municipality, handler, committed
):
    concern = ConcernFactory(municipality=municipality, state=State.IN_ASSESSMENT)
    intervention = InterventionFactory()
    kinds = "interventions-conferences-by-kind"
    assert report(municipality).table(kinds).rows[-1][1:] == ["0"]
    report(other_municipality)
    committed(
        lambda: conference_record(
            concern=concern,
            by=handler,
            held_on=date(2026, 12, 8),
            organisations=[],
            decisions="Jongerenwerk gaat in gesprek.",
            interventions=[intervention],
        )
    )
    assert queries_of(other_municipality) == 0
    assert report(municipality).table(kinds).rows[-1][1:] == ["< 5"]


def test_an_ended_mentorship_counts_in_its_municipality(
    municipality, other_municipality, coordinator, committed
):
    mentorship = MentorshipFactory(mentor=active_mentor(municipality=municipality))
    outcome = MentorshipOutcome.objects.create(name="Doelen bereikt")
    assert now_of(municipality, "mentorships-ended", FEBRUARY) == "0"
    report(other_municipality, FEBRUARY)
    committed(
        lambda: mentorship_end(
            mentorship=mentorship, end_date=date(2027, 2, 9), outcome=outcome, by=coordinator
        )
    )
    assert queries_of(other_municipality, FEBRUARY) == 0
    assert now_of(municipality, "mentorships-ended", FEBRUARY) == "< 5"


def test_a_saved_action_counts_in_the_analysis_of_its_municipality(
    municipality, other_municipality, committed
):
    analysis = AnalysisFactory(municipality=municipality)
    owner = OrganisationFactory(municipalities=[municipality])
    latest = report(municipality).table("analysis-latest").rows[0]
    assert latest[6] == 0  # actions open
    report(other_municipality)
    committed(
        lambda: action_save(action=ActionFactory.build(analysis=analysis, owner_organisation=owner))
    )
    assert queries_of(other_municipality) == 0
    assert report(municipality).table("analysis-latest").rows[0][6] == 1
