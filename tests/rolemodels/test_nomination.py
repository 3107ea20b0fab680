"""Partners nominate someone from their network; others may not."""

import pytest
from django.urls import reverse

from rolemodels.models import RoleModel, StageChange
from rolemodels.workflow import Stage

NOMINATE = reverse("rolemodels:nominate")


@pytest.fixture
def nomination(municipality):
    return {
        "full_name": "Dawit Tesfay",
        "email": "dawit@example.org",
        "phone": "06-87654321",
        "municipality": municipality.pk,
        "motivation": "Bekend en vertrouwd in de Eritrese gemeenschap.",
        "story": "Kwam als tiener naar Nederland.",
    }


@pytest.mark.parametrize("persona", ["coordinator", "professional"])
def test_partners_may_nominate(request, client_for, persona, nomination):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get(NOMINATE).status_code == 200
    response = client.post(NOMINATE, nomination)
    assert response.status_code == 302
    role_model = RoleModel.objects.get()
    assert role_model.nominated_by == user and role_model.stage == Stage.APPLIED
    assert role_model.consent_date is None  # asked for at the intake
    change = StageChange.objects.get()
    assert change.actor == user and change.to_stage == Stage.APPLIED


def test_a_professional_returns_to_the_dashboard_with_thanks(client_for, professional, nomination):
    response = client_for(professional).post(NOMINATE, nomination, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "Dawit Tesfay" in response.content.decode()


def test_the_dashboard_offers_nomination_to_partners_only(client_for, professional, handler):
    assert NOMINATE in client_for(professional).get(reverse("dashboard")).content.decode()


def test_the_dashboard_hides_nomination_from_others(client_for, handler):
    assert NOMINATE not in client_for(handler).get(reverse("dashboard")).content.decode()


@pytest.mark.parametrize("persona", ["handler", "role_model", "municipal_employee", "outsider"])
def test_others_may_not_nominate(request, client_for, persona, nomination):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(NOMINATE).status_code == 403
    assert client.post(NOMINATE, nomination).status_code == 403
    assert not RoleModel.objects.exists()


def test_anonymous_visitors_log_in_first(client, db):
    response = client.get(NOMINATE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_nomination_without_email_is_refused(client_for, professional, nomination):
    response = client_for(professional).post(NOMINATE, {**nomination, "email": ""})
    assert response.status_code == 200
    assert not RoleModel.objects.exists()
