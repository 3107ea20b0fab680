"""Aggregates of concerns for coordinators and municipal staff: counts only, suppressed."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from signals.workflow import Outcome, State
from tests.signals.factories import CategoryFactory, ConcernFactory

FIGURES = reverse("signals:figures")
SECRET = "Tekst die nooit in de cijfers mag staan"
PERIOD = {"period": "2026"}


def at(month, day=10, year=2026):
    return datetime(year, month, day, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def february_2027():
    with time_machine.travel(at(2, year=2027), tick=False):
        yield


@pytest.fixture
def known(municipality, other_municipality):
    online, hate = CategoryFactory(name="Online uitingen"), CategoryFactory(name="Haat")
    for _ in range(7):
        ConcernFactory(
            municipality=municipality, category=online, submitted_at=at(3), observed=SECRET
        )
    for _ in range(2):
        ConcernFactory(
            municipality=municipality,
            category=hate,
            submitted_at=at(4),
            state=State.CLOSED,
            outcome=Outcome.ADVICE,
        )
    for _ in range(9):
        ConcernFactory(municipality=other_municipality, category=online, submitted_at=at(3))


def grid(response, table):
    """Per row label, the cells of the months (a column each), and the month totals."""
    shown = response.context["figures"][table]
    return {row[0]: row[1:] for row in shown["rows"]}, shown["totals"]


def months(values: dict, *wanted: int) -> dict:
    """The columns of the given months (1-12) of a year's grid."""
    return {label: [cells[m - 1] for m in wanted] for label, cells in values.items()}


def test_municipal_staff_see_their_municipality_month_by_month_with_small_counts_hidden(
    client_for, municipal_employee, known
):
    response = client_for(municipal_employee).get(FIGURES, PERIOD)
    places, totals = grid(response, "places")
    # March: 7 shown. April: 2 is small. Every month is a column of its own; no year total.
    assert months(places, 3, 4) == {"Groningen": ["7", "< 5"]} and len(totals) == 12
    # Per category the whole region's: beside a split per municipality it could be subtracted.
    categories, totals = grid(response, "categories")
    assert months(categories, 3, 4) == {"Haat": ["0", "< 5"], "Online uitingen": ["16", "0"]}
    assert [totals[2], totals[3]] == ["16", "< 5"]
    outcomes, _totals = grid(response, "outcomes")
    assert outcomes["Advies gegeven"][3] == "< 5"
    page = response.content.decode()
    assert SECRET not in page and "staat „&lt; 5” voor een aantal van 1 tot en met 4" in page
    assert "Meldingen in de hele regio per categorie en maand" in page


def test_municipal_staff_with_several_municipalities_get_a_row_each_and_no_hidden_sum(
    client_for, municipal_employee, other_municipality, known
):
    municipal_employee.municipalities.add(other_municipality)
    places, totals = grid(client_for(municipal_employee).get(FIGURES, PERIOD), "places")
    assert months(places, 3, 4) == {"Groningen": ["7", "< 5"], "Westerwolde": ["9", "0"]}
    # March: both shown, so their sum tells nothing new; April: a part is hidden, so is the sum.
    assert [totals[2], totals[3]] == ["16", "—"]


def test_coordinator_sees_the_whole_network(client_for, coordinator, known):
    response = client_for(coordinator).get(FIGURES, PERIOD)
    categories, totals = grid(response, "categories")
    assert months(categories, 3) == {"Haat": ["0"], "Online uitingen": ["16"]}
    assert totals[2] == "16"


def test_municipal_staff_cannot_choose_another_municipality(
    client_for, municipal_employee, other_municipality, known
):
    response = client_for(municipal_employee).get(
        FIGURES, {**PERIOD, "municipality": other_municipality.pk}
    )
    assert response.context["figures"] is None and "municipality" in response.context["form"].errors


def test_a_quarter_can_be_chosen(client_for, coordinator, known):
    response = client_for(coordinator).get(FIGURES, {"period": "2026-Q1"})
    categories, totals = grid(response, "categories")
    assert categories == {"Online uitingen": ["0", "0", "16"]} and totals == ["0", "0", "16"]


@pytest.mark.parametrize(
    "period",
    [
        "2026-03-01",  # a free range of days could be subtracted down to one concern
        "2026-03",  # months are a table within the period, not a period
        "2027",  # still running: asking again tomorrow would show what came in today
        "2027-Q1",
        "2021",  # further back than the choices
    ],
)
def test_only_whole_years_and_quarters_that_have_ended(client_for, coordinator, known, period):
    response = client_for(coordinator).get(FIGURES, {"period": period})
    assert response.context["figures"] is None and "period" in response.context["form"].errors


def test_without_a_choice_the_last_quarter_is_shown(client_for, coordinator, known):
    response = client_for(coordinator).get(FIGURES)
    assert response.context["form"].cleaned_data["period"].key == "2026-Q4"


@pytest.mark.parametrize("persona", ["handler", "professional", "role_model"])
def test_other_roles_get_no_figures(client_for, request, persona):
    assert client_for(request.getfixturevalue(persona)).get(FIGURES).status_code == 403


def test_anonymous_goes_to_login(client):
    assert client.get(FIGURES).status_code == 302


@pytest.mark.parametrize("extra", [0, 40])
def test_the_figures_take_the_same_few_queries_however_many_concerns_and_places(
    client_for, coordinator, known, extra, django_assert_max_num_queries
):
    """Two queries on the concerns (per category, origin and outcome; per municipality), read
    from the figures index on Postgres, and the categories' names; the rest is the request's
    baseline and the form."""
    created = [CategoryFactory(name=f"Categorie {n}") for n in range(extra // 10)]
    for n in range(extra):
        ConcernFactory(
            category=created[n % len(created)],
            submitted_at=at(1 + n % 12),
            state=State.CLOSED if n % 3 else State.SUBMITTED,
            outcome=Outcome.ADVICE if n % 3 else "",
        )
    client = client_for(coordinator)
    client.get(FIGURES, PERIOD)
    with django_assert_max_num_queries(6):
        response = client.get(FIGURES, PERIOD)
    assert response.status_code == 200
    categories, _totals = grid(response, "categories")
    assert {"Haat", "Online uitingen"} <= set(categories)
    assert len(categories) == 2 + len(created)
