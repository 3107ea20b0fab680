"""Aggregates of concerns for coordinators and municipal staff: counts only, suppressed."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from signals.workflow import Outcome, State
from tests.signals.factories import CategoryFactory, ConcernFactory

FIGURES = reverse("signals:figures")
SECRET = "Tekst die nooit in de cijfers mag staan"
PERIOD = {"date_from": "2026-01-01", "date_to": "2026-12-31"}


def at(month, day=10):
    return datetime(2026, month, day, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))


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


def cells(response, table):
    return dict(response.context["figures"][table]["rows"])


def test_municipal_staff_see_their_municipality_with_small_counts_hidden(
    client_for, municipal_employee, known
):
    response = client_for(municipal_employee).get(FIGURES, PERIOD)
    assert cells(response, "categories") == {"Haat": "< 5", "Online uitingen": "·"}
    assert response.context["figures"]["categories"]["total"] == "9"
    assert cells(response, "months") == {"2026-03": "·", "2026-04": "< 5"}
    page = response.content.decode()
    assert SECRET not in page and "&lt; 5" in page


def test_coordinator_sees_the_whole_network(client_for, coordinator, known):
    response = client_for(coordinator).get(FIGURES, PERIOD)
    assert cells(response, "categories") == {"Haat": "< 5", "Online uitingen": "·"}
    assert response.context["figures"]["categories"]["total"] == "18"


def test_municipal_staff_cannot_choose_another_municipality(
    client_for, municipal_employee, other_municipality, known
):
    response = client_for(municipal_employee).get(
        FIGURES, {**PERIOD, "municipality": other_municipality.pk}
    )
    assert response.context["figures"] is None and "municipality" in response.context["form"].errors


def test_a_period_that_ends_before_it_starts_is_refused(client_for, coordinator, known):
    response = client_for(coordinator).get(
        FIGURES, {"date_from": "2026-12-01", "date_to": "2026-01-01"}
    )
    assert response.context["figures"] is None


@pytest.mark.parametrize("persona", ["handler", "professional", "role_model"])
def test_other_roles_get_no_figures(client_for, request, persona):
    assert client_for(request.getfixturevalue(persona)).get(FIGURES).status_code == 403


def test_anonymous_goes_to_login(client):
    assert client.get(FIGURES).status_code == 302
