"""The figures of the municipal and annual reports, on known data, by Europe/Amsterdam days."""

from dataclasses import asdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from network.models import NetworkAgreement
from polrad import periods
from polrad.reports.figures import annual_report, municipal_report, whole_months
from rolemodels.models import StageChange
from rolemodels.workflow import ActivityState, Stage
from signals.workflow import Outcome, State
from tests.network.factories import (
    AgreementFactory,
    ContactFactory,
    DomainFactory,
    OrganisationFactory,
    ThemeFactory,
)
from tests.rolemodels.factories import ActivityFactory, RoleModelFactory
from tests.signals.factories import CategoryFactory, ConcernFactory
from tests.trainings.factories import CertificateFactory, EnrolmentFactory, SessionFactory
from trainings.workflow import Attendance, SessionState

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DECEMBER = periods.month(2026, 12)
SECRET = "Privé reflectie die nooit in een rapport mag staan"
OBSERVED = "Vrije tekst van een melding die nooit in een rapport mag staan"
MAX_QUERIES = 50


def local(*args) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def february_2027():
    with time_machine.travel(local(2027, 2, 10, 12), tick=False):
        yield


def approved(**kwargs):
    kwargs.setdefault("reflection", SECRET)
    return ActivityFactory(state=ActivityState.APPROVED, **kwargs)


def activated(role_model, at: datetime, *, from_stage=Stage.IN_TRAINING):
    StageChange.objects.create(
        role_model=role_model, from_stage=from_stage, to_stage=Stage.ACTIVE, created_at=at
    )


@pytest.fixture
def role_models(municipality):
    """Two active role models of Groningen: one new in November, one in December."""
    first = RoleModelFactory(municipality=municipality, stage=Stage.ACTIVE)
    second = RoleModelFactory(municipality=municipality, stage=Stage.ACTIVE)
    activated(first, local(2026, 11, 30, 23, 30))  # still November, locally
    activated(second, local(2026, 12, 1, 0, 30))  # already December, locally
    paused = RoleModelFactory(municipality=municipality, stage=Stage.PAUSED)
    activated(paused, local(2026, 12, 3), from_stage=Stage.PAUSED)  # a return: not new
    StageChange.objects.create(  # and paused again before the end of December
        role_model=paused,
        from_stage=Stage.ACTIVE,
        to_stage=Stage.PAUSED,
        created_at=local(2026, 12, 31, 23, 30),
    )
    return first, second


@pytest.fixture
def activities(municipality, other_municipality, role_models):
    first, second = role_models
    theme = ThemeFactory(name="Online polarisatie")
    approved(  # the last half hour of the year, locally: December
        role_model=first,
        date=date(2026, 12, 31),
        approved_at=local(2026, 12, 31, 23, 30),
        participants=30,
        themes=[theme],
        co_presenters=[second],
        shareable=True,
        description="Gastles op het Noorderpoort over online haat.",
    )
    approved(
        role_model=first,
        date=date(2026, 12, 1),
        participants=10,
        target_group="parents",
        venue_type="community_centre",
        description="Niet om te delen.",
    )
    approved(role_model=first, date=date(2027, 1, 1), participants=7)  # January
    approved(role_model=second, date=date(2026, 11, 30), participants=12)  # November
    ActivityFactory(role_model=first, date=date(2026, 12, 10), participants=99)  # submitted
    other = RoleModelFactory(municipality=other_municipality, stage=Stage.ACTIVE)
    activated(other, local(2026, 6, 1))
    approved(role_model=other, date=date(2026, 12, 10), participants=50)


def figure(report, key):
    found = report.figure(key)
    return found.now, found.before


def rows(report, key):
    return {row[0]: row[1:] for row in report.table(key).rows}


def test_activities_of_the_month_by_local_date_beside_the_month_before(municipality, activities):
    report = municipal_report(municipalities=[municipality], period=DECEMBER)
    assert figure(report, "activities") == (2, 1)
    assert figure(report, "participants") == (40, 12)
    assert figure(report, "role-models-deployed") == (2, 1)  # with the co-presenter
    assert rows(report, "activities-by-theme") == {"Online polarisatie": [1, 30]}
    assert sorted(rows(report, "activities-by-month").values()) == [[2, 40]]
    assert sorted(rows(report, "activities-by-target-group").values()) == [[1, 10], [1, 30]]
    assert sorted(rows(report, "activities-by-venue-type").values()) == [[1, 10], [1, 30]]
    assert report.table("activities-by-municipality") is None  # one municipality
    assert report.table("activities-by-theme").chart.bars[0].value == 1


def test_the_whole_region_counts_every_municipality(municipality, activities):
    report = municipal_report(municipalities=None, period=DECEMBER)
    assert figure(report, "activities") == (3, 1)
    assert rows(report, "activities-by-municipality") == {
        "Groningen": [2, 40],
        "Westerwolde": [1, 50],
    }


def test_a_year_and_a_quarter_beside_the_one_before(municipality, activities):
    year = municipal_report(municipalities=[municipality], period=periods.year(2026))
    assert figure(year, "activities") == (3, 0)
    quarter = municipal_report(municipalities=[municipality], period=periods.quarter(2027, 1))
    assert figure(quarter, "activities") == (1, 3)
    two_days = periods.custom(date(2026, 12, 31), date(2027, 1, 1))
    report = municipal_report(municipalities=[municipality], period=two_days)
    assert figure(report, "activities") == (2, 0)


def test_highlights_are_shareable_descriptions_never_the_reflection(municipality, activities):
    report = municipal_report(municipalities=[municipality], period=DECEMBER)
    (highlight,) = report.section("activities").highlights
    assert "Gastles op het Noorderpoort over online haat." in highlight
    assert "Groningen" in highlight
    text = repr(asdict(report))
    assert "Niet om te delen" not in text
    assert SECRET not in text


def test_role_models_active_and_new_by_local_time(municipality, role_models):
    report = municipal_report(municipalities=[municipality], period=DECEMBER)
    # Active at the end of December, and at the end of November: the history decides, so a
    # report of a past period shows who was active then, not who is today.
    assert figure(report, "role-models-active") == (2, 1)
    StageChange.objects.create(
        role_model=role_models[1],
        from_stage=Stage.ACTIVE,
        to_stage=Stage.STOPPED,
        created_at=local(2027, 1, 5),
    )
    again = municipal_report(municipalities=[municipality], period=DECEMBER)
    assert figure(again, "role-models-active") == (2, 1)  # stopping later changes nothing
    assert figure(report, "role-models-new") == (1, 1)
    january = municipal_report(municipalities=[municipality], period=periods.month(2027, 1))
    assert figure(january, "role-models-new") == (0, 1)


@pytest.fixture
def trainings(municipality, other_municipality):
    """A session in the last half hour of December, locally, and one in November."""
    organisation = OrganisationFactory(name="Noorderpoort")
    december = SessionFactory(
        starts_at=local(2026, 12, 31, 23, 30),
        ends_at=local(2027, 1, 1, 1, 0),
        municipality=municipality,
        state=SessionState.HELD,
    )
    for email in ("a@example.org", "b@example.org"):
        EnrolmentFactory(
            session=december, email=email, organisation=organisation, attendance=Attendance.PRESENT
        )
    EnrolmentFactory(session=december, attendance=Attendance.LATE)
    EnrolmentFactory(session=december, attendance=Attendance.ABSENT)
    # Trained in Groningen's session, but working elsewhere: counts for Westerwolde.
    EnrolmentFactory(
        session=december, municipality=other_municipality, attendance=Attendance.PRESENT
    )
    CertificateFactory(
        programme=december.programme, email="a@example.org", completed_on=date(2026, 12, 31)
    )
    november = SessionFactory(
        programme=december.programme,
        starts_at=local(2026, 11, 30, 23, 30),
        ends_at=local(2026, 12, 1, 1, 0),
        municipality=municipality,
        state=SessionState.HELD,
    )
    EnrolmentFactory(session=november, attendance=Attendance.PRESENT)
    # Half past midnight on 1 December locally is still 30 November in UTC: December here.
    first_of_december = SessionFactory(
        programme=december.programme,
        starts_at=local(2026, 12, 1, 0, 30),
        ends_at=local(2026, 12, 1, 2, 0),
        municipality=municipality,
        state=SessionState.HELD,
    )
    EnrolmentFactory(session=first_of_december, attendance=Attendance.PRESENT)
    return december


def test_trainings_of_the_month_in_local_time(municipality, trainings):
    report = municipal_report(municipalities=[municipality], period=DECEMBER)
    assert figure(report, "sessions") == (2, 1)
    assert figure(report, "people-trained") == (4, 1)
    assert figure(report, "certificates") == (1, 0)
    assert rows(report, "trainings-by-organisation")["Noorderpoort"] == [2]
    assert list(rows(report, "trainings-by-programme").values()) == [[4, 2, 1]]
    assert rows(report, "trainings-by-month") == {"december 2026": [4]}


@pytest.fixture
def social_map(municipality, other_municipality):
    youth, safety, care = (DomainFactory(name=name) for name in ("Jeugd", "Veiligheid", "Zorg"))
    noorderpoort = OrganisationFactory(
        name="Noorderpoort", domains=[youth], municipalities=[municipality, other_municipality]
    )
    OrganisationFactory(domains=[youth], municipalities=[municipality], last_verified_at=None)
    OrganisationFactory(domains=[care], municipalities=[other_municipality])
    ContactFactory(
        is_key_figure=True, domains=[safety], municipalities=[municipality], organisation=None
    )
    ContactFactory(
        municipalities=[municipality], last_verified_at=local(2025, 1, 1), organisation=None
    )
    AgreementFactory(
        municipality=municipality,
        organisation=noorderpoort,
        responsibility=NetworkAgreement.Responsibility.FIRST_CONTACT,
        start_date=date(2026, 1, 1),
    )
    AgreementFactory(  # ended
        municipality=municipality,
        organisation=noorderpoort,
        responsibility=NetworkAgreement.Responsibility.AFTERCARE,
        start_date=date(2025, 1, 1),
        end_date=date(2026, 1, 1),
    )
    AgreementFactory(municipality=other_municipality, organisation=noorderpoort)


def test_network_counts_white_spots_agreements_and_overdue_records(municipality, social_map):
    report = municipal_report(municipalities=[municipality], period=DECEMBER)
    assert figure(report, "organisations") == (2, None)
    assert figure(report, "key-figures") == (1, None)
    assert figure(report, "white-spots") == (1, None)
    assert figure(report, "agreements") == (1, None)
    assert figure(report, "stale-organisations") == (1, None)
    assert figure(report, "stale-contacts") == (1, None)
    assert rows(report, "network-by-domain") == {
        "Jeugd": [2, 0],
        "Veiligheid": [0, 1],
        "Zorg": [0, 0],
    }
    assert rows(report, "network-white-spots") == {"Groningen": [1, "Zorg"]}
    (agreement,) = report.table("network-agreements").rows  # not the one that ended
    assert agreement[0] == "Groningen" and agreement[2] == "Noorderpoort"


def test_network_of_the_region_counts_each_organisation_once(municipality, social_map):
    report = municipal_report(municipalities=None, period=DECEMBER)
    assert figure(report, "organisations") == (3, None)
    assert figure(report, "agreements") == (2, None)
    assert rows(report, "network-by-domain")["Jeugd"] == [2, 0]
    assert rows(report, "network-white-spots") == {
        "Groningen": [1, "Zorg"],
        "Westerwolde": [1, "Veiligheid"],
    }
    assert [row[1:] for row in report.table("network-agreements-by-responsibility").rows] == [
        [2, 2]
    ]


def concerns(count, *, at, category, municipality, **kwargs):
    for _ in range(count):
        ConcernFactory(
            category=category,
            municipality=municipality,
            submitted_at=at,
            observed=OBSERVED,
            **kwargs,
        )


@pytest.fixture
def concern_data(municipality, other_municipality):
    online, hate = CategoryFactory(name="Online uitingen"), CategoryFactory(name="Haat")
    place = {"municipality": municipality}
    concerns(1, at=local(2026, 12, 1, 0, 30), category=online, **place)  # December, locally
    concerns(4, at=local(2026, 12, 15), category=online, **place)
    concerns(1, at=local(2026, 12, 31, 23, 30), category=online, **place)  # still December
    closed = {"state": State.CLOSED, "outcome": Outcome.ADVICE}
    concerns(5, at=local(2026, 12, 20), category=hate, **closed, **place)
    concerns(6, at=local(2026, 11, 30, 23, 30), category=online, **place)  # November
    concerns(2, at=local(2027, 1, 1, 0, 30), category=hate, **place)  # January
    concerns(9, at=local(2026, 12, 15), category=hate, municipality=other_municipality)


def test_concerns_per_category_and_month_by_local_month(municipality, concern_data):
    report = municipal_report(municipalities=[municipality], period=DECEMBER)
    places = report.table("concerns-by-municipality")
    assert places.columns[1:] == ["december 2026"]
    # Six online and five hate concerns on 1 to 31 December local time; not the one of
    # 30 November 23:30 nor the one of 1 January 00:30; not the other municipality's.
    assert rows(report, "concerns-by-municipality") == {
        "Groningen": ["11"],
        places.rows[-1][0]: ["11"],
    }
    # Per category the whole region's (the other municipality's nine hate concerns too).
    table = report.table("concerns-by-category")
    assert rows(report, "concerns-by-category") == {
        "Haat": ["14"],
        "Online uitingen": ["6"],
        table.rows[-1][0]: ["20"],
    }
    outcomes = rows(report, "concerns-by-outcome")
    assert outcomes[Outcome.ADVICE.label] == ["5"]
    assert list(outcomes.values())[-2:] == [["15"], ["20"]]  # not closed yet, and the total
    assert table.note  # the suppression rule
    assert report.section("concerns").figures == []  # no totals over a free period


def test_a_year_shows_a_column_per_month_each_suppressed_on_its_own(municipality, concern_data):
    report = municipal_report(municipalities=[municipality], period=periods.year(2026))
    table = report.table("concerns-by-category")
    assert len(table.columns) == 1 + 12 and table.columns[-2:] == ["november 2026", "december 2026"]
    by_name = rows(report, "concerns-by-category")
    # November: Online 6 alone; December as above. Other months have nothing.
    assert by_name["Online uitingen"][-2:] == ["6", "6"]
    assert by_name["Haat"][-2:] == ["0", "14"]
    assert by_name[table.rows[-1][0]][:10] == ["0"] * 10
    assert rows(report, "concerns-by-municipality")["Groningen"][-2:] == ["6", "11"]


def test_small_concern_counts_are_hidden(municipality, concern_data):
    report = municipal_report(municipalities=[municipality], period=periods.month(2027, 1))
    table = report.table("concerns-by-category")
    # Haat 2 and the total 2: both "< 5", free to be anything from 1 to 4 with all else shown.
    assert [row[1] for row in table.rows] == ["< 5", "< 5"]
    # One municipality: its row, without a total that would only repeat it.
    assert report.table("concerns-by-municipality").rows == [["Groningen", "< 5"]]
    section = report.section("concerns")
    shown = [cell for table in section.tables for row in table.rows for cell in row[1:]]
    assert "2" not in shown
    assert OBSERVED not in repr(asdict(report))


def test_a_municipalitys_pdf_keeps_its_own_concern_row_and_puts_the_regions_split_in_the_annex(
    municipality, concern_data
):
    """The region's split per category and outcome is the same in every municipality's report
    (13 columns a row, a third of the PDF's rendering): its annex holds it; the region's own
    report prints it."""
    from polrad.reports.annex import annex_csv, annex_tables
    from polrad.reports.pdf import report_pdf
    from tests.reports.test_pdf import pdf_text, squeeze

    with translation.override("nl"):
        report = municipal_report(municipalities=[municipality], period=periods.year(2026))
        text = squeeze(pdf_text(report_pdf(report)))
        annex = annex_csv(report).decode("utf-8")
        region = annual_report(year=2026)
    assert [table.key for table in annex_tables(report)] == [
        "concerns-by-category",
        "concerns-by-outcome",
    ]
    assert "Meldingen in de hele regio per categorie en maand" in annex
    assert "Online uitingen" in annex and "Online uitingen" not in text
    assert "Alle 3 rijen van deze tabel staan in de bijlage" in text  # Haat, Online, Totaal
    assert "Meldingen per gemeente en maand" in text and "Groningen" in text
    assert not {"concerns-by-category", "concerns-by-outcome"} & {
        table.key for table in annex_tables(region)
    }


def test_reports_of_overlapping_periods_cannot_be_subtracted(municipality, concern_data):
    """The audit's attack: January shows a small count; a quarter and a two-month period
    would give it away by subtraction. Every period shows the same cells of the month grid."""
    concerns(
        9,
        at=local(2027, 1, 20),
        category=CategoryFactory(name="Online uitingen"),
        municipality=municipality,
    )
    alone = municipal_report(municipalities=[municipality], period=periods.month(2027, 1))
    wider = municipal_report(
        municipalities=[municipality], period=periods.custom(date(2026, 11, 1), date(2027, 1, 31))
    )
    january = {row[0]: row[1] for row in alone.table("concerns-by-category").rows}
    same = {row[0]: row[-1] for row in wider.table("concerns-by-category").rows}
    assert january["Haat"] == same["Haat"] == "< 5"
    assert january == same  # January's column is the same cell, whatever period includes it
    for table in wider.section("concerns").tables:
        assert len(table.columns) == 1 + 3  # a column per month, no period total


def test_concerns_are_counted_over_whole_months_that_have_ended(municipality, concern_data):
    # 15 November to 31 January: the months of December and January.
    report = municipal_report(
        municipalities=[municipality], period=periods.custom(date(2026, 11, 15), date(2027, 1, 31))
    )
    assert report.table("concerns-by-category").columns[1:] == ["december 2026", "januari 2027"]


@pytest.mark.parametrize(
    "period",
    [
        periods.custom(date(2026, 12, 2), date(2026, 12, 31)),
        periods.custom(date(2026, 12, 10), date(2027, 1, 20)),
        periods.month(2027, 2),  # still running
    ],
)
def test_no_concern_figures_without_a_whole_month_that_has_ended(
    municipality, concern_data, period
):
    section = municipal_report(municipalities=[municipality], period=period).section("concerns")
    assert section.figures == [] and section.tables == [] and section.note


def test_whole_months_of_a_period():
    custom = periods.custom(date(2026, 1, 31), date(2026, 4, 29))
    assert whole_months(custom) == [date(2026, 2, 1), date(2026, 3, 1)]
    year = whole_months(periods.year(2027), ended_by=date(2027, 2, 10))
    assert year == [date(2027, 1, 1)]
    assert whole_months(periods.custom(date(2026, 2, 2), date(2026, 3, 30))) == []


def test_annual_report_shows_municipalities_side_by_side_and_funders_figures(
    municipality, activities, trainings
):
    report = annual_report(year=2026)
    assert [section.key for section in report.sections] == [
        "funders",
        "activities",
        "interventions",
        "role-models",
        "trainings",
        "network",
        "concerns",
        "mentorships",
        "municipalities",
        "basis",
    ]
    # Activities, participants, active role models, new role models, people trained.
    assert rows(report, "municipalities") == {
        "Groningen": [3, 52, 2, 2, 5],
        "Westerwolde": [1, 50, 1, 1, 1],
    }
    assert figure(report, "funders-activities") == (4, 0)
    assert figure(report, "funders-participants") == (102, 0)
    assert figure(report, "funders-people-trained") == (6, 0)
    assert report.table("funders").rows[0][1:] == [4, 0]


def queries(**kwargs) -> int:
    cache.clear()  # the coverage counts are cached: count them every time
    with CaptureQueriesContext(connection) as context:
        municipal_report(**kwargs)
    return len(context)


def more_of_everything(municipality, n):
    online = CategoryFactory(name="Online uitingen")
    theme = ThemeFactory(name="Weerbaarheid")
    for day in range(1, n + 1):
        role_model = RoleModelFactory(municipality=municipality, stage=Stage.ACTIVE)
        activated(role_model, local(2026, 12, day, 12))
        approved(role_model=role_model, date=date(2026, 12, day), themes=[theme], shareable=True)
        session = SessionFactory(
            starts_at=local(2026, 12, day, 10),
            ends_at=local(2026, 12, day, 12),
            municipality=municipality,
            state=SessionState.HELD,
        )
        EnrolmentFactory(session=session, attendance=Attendance.PRESENT)
        concerns(1, at=local(2026, 12, day, 9), category=online, municipality=municipality)
        AgreementFactory(municipality=municipality, start_date=date(2026, 1, 1))


def test_query_count_is_the_same_for_a_month_and_a_year_and_for_more_rows(
    municipality, activities, trainings, social_map, concern_data, django_assert_max_num_queries
):
    place = {"municipalities": [municipality]}
    month = queries(period=DECEMBER, **place)
    assert queries(period=periods.year(2026), **place) == month
    more_of_everything(municipality, 20)
    assert queries(period=DECEMBER, **place) == month
    assert queries(period=DECEMBER, municipalities=None) <= month + 3  # per-municipality tables
    cache.clear()
    with django_assert_max_num_queries(MAX_QUERIES):
        municipal_report(period=periods.year(2026), **place)


def test_annual_report_query_count_does_not_grow_with_the_data(
    municipality, other_municipality, activities, django_assert_max_num_queries
):
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        annual_report(year=2026)
    more_of_everything(municipality, 15)
    more_of_everything(other_municipality, 15)
    cache.clear()
    with django_assert_max_num_queries(len(few)):
        annual_report(year=2026)
    assert len(few) <= MAX_QUERIES + 10


def test_the_custom_period_before_has_as_many_days(municipality, activities):
    custom = periods.custom(date(2026, 12, 1), date(2026, 12, 31))
    report = municipal_report(municipalities=[municipality], period=custom)
    assert report.previous.start == date(2026, 12, 1) - timedelta(days=31)
    assert figure(report, "activities") == (2, 1)
