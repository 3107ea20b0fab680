"""Interventions deployed in the municipal and annual reports, on known data."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.models import Intervention
from polrad import periods
from polrad.reports.figures import annual_report, municipal_report
from rolemodels.workflow import ActivityState
from signals.models import CaseConference
from tests.interventions.factories import InterventionFactory
from tests.rolemodels.factories import ActivityFactory
from tests.signals.factories import ConcernFactory

pytestmark = pytest.mark.django_db
YEAR = periods.year(2026)


def rows(report, key):
    return {row[0]: row[1:] for row in report.table(key).rows}


@pytest.fixture
def deployed(municipality, other_municipality):
    preventive = InterventionFactory(kind=Intervention.Kind.PREVENTIVE, category="youth")
    reactive = InterventionFactory(kind=Intervention.Kind.REACTIVE, category="neighbourhood")
    for intervention, participants in [(preventive, 20), (preventive, 30), (reactive, 12)]:
        ActivityFactory(
            state=ActivityState.APPROVED,
            municipality=municipality,
            date=date(2026, 5, 4),
            participants=participants,
            intervention=intervention,
        )
    ActivityFactory(  # not approved: not counted
        state=ActivityState.SUBMITTED,
        municipality=municipality,
        date=date(2026, 5, 4),
        intervention=reactive,
    )
    ActivityFactory(  # elsewhere
        state=ActivityState.APPROVED,
        municipality=other_municipality,
        date=date(2026, 5, 4),
        intervention=reactive,
    )
    # Six case conferences in June chose the preventive one, one chose the reactive one.
    for index in range(7):
        concern = ConcernFactory(municipality=municipality)
        conference = CaseConference.objects.create(
            concern=concern, held_on=date(2026, 6, 10), decisions="Besluit"
        )
        conference.interventions.set([preventive if index < 6 else reactive])
    return preventive, reactive


def test_municipal_report_counts_activities_by_kind_and_category(municipality, deployed):
    report = municipal_report(municipalities=[municipality], period=YEAR)
    assert report.figure("activities-with-intervention").now == 3
    assert rows(report, "interventions-activities-by-kind")["Preventief"] == [2, 50]
    assert rows(report, "interventions-activities-by-kind")["Reactief"] == [1, 12]
    assert rows(report, "interventions-activities-by-category")["Straat, plein en buurt"] == [1, 12]


def test_case_conference_choices_are_suppressed_like_every_concern_figure(municipality, deployed):
    report = municipal_report(municipalities=[municipality], period=YEAR)
    kinds = rows(report, "interventions-conferences-by-kind")
    june = 5  # January is the first column
    assert kinds["Preventief"][june] == "*"  # hidden with the small one, so it cannot be derived
    assert kinds["Reactief"][june] == "< 5"
    assert kinds["Repressief"][june] == "0"
    assert all("< 5" not in str(cell) or cell == "< 5" for cell in kinds["Totaal"])
    assert report.table("interventions-conferences-by-kind").note


def test_annual_report_has_the_section_for_the_region(deployed):
    report = annual_report(year=2026)
    assert report.figure("activities-with-intervention").now == 4


@pytest.mark.parametrize("count", [10, 100])
def test_report_section_runs_the_same_queries_for_10_and_100_interventions(municipality, count):
    for intervention in InterventionFactory.create_batch(count):
        ActivityFactory(
            state=ActivityState.APPROVED,
            municipality=municipality,
            date=date(2026, 5, 4),
            intervention=intervention,
        )
    from polrad.reports.figures.interventions import interventions_section

    with CaptureQueriesContext(connection) as queries:
        section = interventions_section([municipality], YEAR)
    assert section.figures[0].now == count
    assert len(queries) == 5
