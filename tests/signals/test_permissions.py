"""Who may open what of a concern: every persona against every endpoint, and the access log.

Need to know: the reporter sees their own report; a handler the concerns of their
municipalities; coordinators and municipal staff aggregates only; role models nothing of
others' concerns. 404 for what one may not know exists, 403 for a page one may not use.
"""

import pytest
from django.urls import reverse

from signals.models import AccessLog
from signals.workflow import State
from tests.factories import UserFactory
from tests.network.factories import OrganisationFactory
from tests.signals.factories import ConcernFactory

PERSONAS = [
    "reporter",
    "other_reporter",
    "handler",
    "other_handler",
    "coordinator",
    "municipal_employee",
    "role_model",
    "anonymous",
]

# endpoint: (method, expected status per persona; anything not listed is refused with 403)
EXPECTED = {
    "my-report": (
        "get",
        {
            "reporter": 200,
            "other_reporter": 404,
            "handler": 404,
            "other_handler": 404,
            "coordinator": 404,
            "role_model": 404,
        },
    ),
    "detail": ("get", {"handler": 200, "other_handler": 404}),
    "note": ("post", {"handler": 302, "other_handler": 404}),
    "pdf": ("get", {"handler": 200, "other_handler": 404}),
    "assign": ("post", {"handler": 302, "other_handler": 404}),
    "conference": ("post", {"handler": 302, "other_handler": 404}),
    "action": ("post", {"handler": 302, "other_handler": 404}),
    "refer": ("post", {"handler": 302, "other_handler": 404}),
    "figures": ("get", {"coordinator": 200, "municipal_employee": 200}),
}
# Staff views of one concern: each allowed look writes one access-log row.
LOGGED = {"detail", "note", "pdf", "assign", "conference", "action", "refer"}


@pytest.fixture
def reporter(db):
    return UserFactory(email="melder@example.org", roles=["professional"])


@pytest.fixture
def other_reporter(db):
    return UserFactory(email="andere-melder@example.org", roles=["professional"])


@pytest.fixture
def other_handler(other_municipality):
    return UserFactory(
        email="elders@example.org", roles=["handler"], municipalities=[other_municipality]
    )


@pytest.fixture
def concern(reporter, municipality):
    return ConcernFactory(
        reporter=reporter,
        municipality=municipality,
        state=State.IN_ASSESSMENT,
        persons_involved="Youssef B.",
    )


def address(endpoint, concern):
    if endpoint == "figures":
        return reverse("signals:figures")
    return reverse(f"signals:{endpoint}", args=[concern.pk])


POST_DATA = {
    "note": {"note-text": "Gebeld met de mentor."},
    "conference": {"conference-held_on": "2026-01-05", "conference-decisions": "Afspraken."},
    "action": {"action-description": "School bellen", "action-due_on": "2026-01-20"},
    "refer": {"referral-shared": "Alleen de school.", "referral-reason": "Zij kennen hem."},
}


@pytest.mark.parametrize("endpoint", list(EXPECTED))
@pytest.mark.parametrize("persona", PERSONAS)
def test_persona_against_endpoint(client, client_for, request, concern, handler, persona, endpoint):
    method, allowed = EXPECTED[endpoint]
    if persona == "anonymous":
        expected, browser = 302, client
    else:
        expected = allowed.get(persona, 403)
        browser = client_for(request.getfixturevalue(persona))
    data = {**POST_DATA.get(endpoint, {})}
    if endpoint == "assign":
        data["assign-handler"] = handler.pk
    if endpoint == "action":
        data["action-owner"] = handler.pk
    if endpoint == "refer":
        data["referral-organisation"] = OrganisationFactory(
            municipalities=[concern.municipality]
        ).pk
    response = getattr(browser, method)(address(endpoint, concern), data)
    assert response.status_code == expected
    if persona == "anonymous":
        assert reverse("accounts:login") in response.url
    allowed_look = persona != "anonymous" and expected in (200, 302)
    logged = AccessLog.objects.filter(concern=concern).count()
    assert logged == (1 if endpoint in LOGGED and allowed_look else 0)
