"""The card partners see of an active role model: who they are, never how to reach them."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from rolemodels.workflow import Stage
from tests.network.factories import CommunityFactory, LanguageFactory, ThemeFactory
from tests.rolemodels.factories import RoleModelFactory


def card(role_model):
    return reverse("rolemodels:card", args=[role_model.pk])


@pytest.fixture
def active(municipality):
    role_model = RoleModelFactory(
        full_name="Samira Haddou",
        email="samira@example.org",
        phone="06-99887766",
        municipality=municipality,
        stage=Stage.ACTIVE,
        story="Ik vertel over mijn broer en hoe hij de weg terug vond.",
        available_weekdays=True,
        available_evenings=True,
        available_weekends=True,
        vog_date=date(2026, 2, 3),
        consent_date=date(2026, 1, 4),
        photo="rolemodels/photos/abc.jpg",
    )
    role_model.communities.set([CommunityFactory(name="Marokkaans-Nederlands")])
    role_model.languages.set([LanguageFactory(name="Tarifit")])
    role_model.themes.set([ThemeFactory(name="Online radicalisering")])
    return role_model


@pytest.mark.parametrize("persona", ["professional", "coordinator"])
def test_partners_read_the_card_without_contact_details(client_for, request, active, persona):
    response = client_for(request.getfixturevalue(persona)).get(card(active))
    assert response.status_code == 200
    page = response.content.decode()
    for shown in ("Samira Haddou", "Groningen", "Marokkaans-Nederlands", "Tarifit"):
        assert shown in page
    assert "Online radicalisering" in page and "de weg terug vond" in page
    for hidden in ("samira@example.org", "06-99887766", "2026", "photos", "tel:", "mailto:"):
        assert hidden not in page


@pytest.mark.parametrize("persona", ["role_model", "municipal_employee", "handler", "outsider"])
def test_other_roles_are_refused(client_for, request, active, persona):
    assert client_for(request.getfixturevalue(persona)).get(card(active)).status_code == 403


def test_anonymous_visitors_log_in_first(client, active):
    assert client.get(card(active)).url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("stage", [Stage.APPLIED, Stage.IN_TRAINING, Stage.PAUSED, Stage.STOPPED])
def test_only_active_role_models_have_a_card(client_for, professional, stage):
    assert client_for(professional).get(card(RoleModelFactory(stage=stage))).status_code == 404


def test_match_results_show_the_story_and_link_the_card(client_for, coordinator, active):
    response = client_for(coordinator).get(
        reverse("rolemodels:match"),
        {"municipality": active.municipality_id, "date": timezone.localdate().isoformat()},
    )
    page = response.content.decode()
    assert card(active) in page and "de weg terug vond" in page
