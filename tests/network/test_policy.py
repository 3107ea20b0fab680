"""A partner organisation's own basis, recorded by coordinators on its page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network.models import OrganisationPolicy
from tests.network.factories import OrganisationFactory


@pytest.fixture
def organisation(municipality):
    return OrganisationFactory(name="Buurtwerk Oost", municipalities=[municipality])


def _data(**changes):
    data = {
        "has_vision": "on",
        "vision_link": "https://example.org/visie.pdf",
        "vision_date": "2025-05-01",
        "working_method": "Zorgen bespreken we met de aandachtsfunctionaris.",
        "tolerance_behaviour": "Geen intimidatie.",
        "role_signalling": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_coordinator_records_the_policy_and_the_page_shows_it(
    client_for, coordinator, organisation
):
    client = client_for(coordinator)
    url = reverse("network:organisation-policy", args=[organisation.pk])
    assert client.post(url, _data()).status_code == 302
    policy = OrganisationPolicy.objects.get(organisation=organisation)
    assert policy.has_working_method and policy.role_signalling and policy.updated_by == coordinator
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "Zorgen bespreken we met de aandachtsfunctionaris." in page


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"vision_date": (timezone.localdate() + timedelta(days=3)).isoformat()}, "in de toekomst"),
        ({"has_vision": None}, "Vink dit aan als de organisatie een visie heeft."),
        ({"vision_link": "geen link"}, "Voer een geldige URL in"),
    ],
)
def test_bad_policy_input_is_refused_in_dutch(
    client_for, coordinator, organisation, changes, message
):
    response = client_for(coordinator).post(
        reverse("network:organisation-policy", args=[organisation.pk]), _data(**changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OrganisationPolicy.objects.exists()


@pytest.mark.parametrize("persona", ["municipal_employee", "professional", "role_model"])
def test_only_coordinators_edit_the_policy(request, client_for, organisation, persona):
    client = client_for(request.getfixturevalue(persona))
    url = reverse("network:organisation-policy", args=[organisation.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _data()).status_code == 403
    assert not OrganisationPolicy.objects.exists()


def test_anonymous_visitors_log_in_first(client, organisation):
    response = client.get(reverse("network:organisation-policy", args=[organisation.pk]))
    assert response.status_code == 302
