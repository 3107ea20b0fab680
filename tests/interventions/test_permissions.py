"""Every role × every page of the handelingskader: who reads, who writes, who is refused."""

import pytest
from django.urls import reverse

from tests.interventions.factories import (
    DocumentFactory,
    GuidanceFactory,
    InterventionFactory,
    PracticeExampleFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["coordinator", "handler", "role_model", "professional", "municipal_employee"]


@pytest.fixture
def records():
    intervention = InterventionFactory()
    return {
        "intervention": intervention,
        "example": PracticeExampleFactory(intervention=intervention),
        "card": GuidanceFactory(),
        "document": DocumentFactory(),
    }


def _read_urls(records):
    return [
        reverse("interventions:list"),
        reverse("interventions:detail", args=[records["intervention"].pk]),
        reverse("interventions:export"),
        reverse("interventions:example-list"),
        reverse("interventions:example-detail", args=[records["example"].pk]),
        reverse("interventions:guidance-list"),
        reverse("interventions:guidance-detail", args=[records["card"].pk]),
        reverse("kennisbank:list"),
        reverse("kennisbank:detail", args=[records["document"].pk]),
    ]


def _write_urls(records):
    return [
        reverse("interventions:create"),
        reverse("interventions:update", args=[records["intervention"].pk]),
        reverse("interventions:delete", args=[records["intervention"].pk]),
        reverse("interventions:example-create"),
        reverse("interventions:example-update", args=[records["example"].pk]),
        reverse("interventions:guidance-create"),
        reverse("interventions:guidance-update", args=[records["card"].pk]),
        reverse("kennisbank:create"),
        reverse("kennisbank:update", args=[records["document"].pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_member_reads_every_page(request, client_for, records, role):
    client = client_for(request.getfixturevalue(role))
    for url in _read_urls(records):
        assert client.get(url).status_code == 200, url


def test_only_coordinators_open_the_forms(request, client_for, records):
    client = client_for(request.getfixturevalue("coordinator"))
    for url in _write_urls(records):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["handler", "role_model", "professional", "municipal_employee"])
def test_other_roles_are_refused_the_forms_and_the_archive_buttons(
    request, client_for, records, role
):
    client = client_for(request.getfixturevalue(role))
    for url in _write_urls(records):
        assert client.get(url).status_code == 403, url
    archive = reverse("interventions:archive", args=[records["intervention"].pk])
    assert client.post(archive, {"archived": "1"}).status_code == 403
    records["intervention"].refresh_from_db()
    assert not records["intervention"].archived


def test_anonymous_visitors_log_in_for_members_pages_and_forms(client, records):
    members_only = [
        reverse("interventions:export"),
        reverse("interventions:example-list"),
        reverse("interventions:example-detail", args=[records["example"].pk]),
    ]
    for url in members_only + _write_urls(records):
        response = client.get(url)
        assert response.status_code == 302 and "/account/" in response["Location"], url


def test_anonymous_visitors_get_404_for_entries_that_are_not_public(client, records):
    for url in [
        reverse("interventions:detail", args=[records["intervention"].pk]),
        reverse("interventions:guidance-detail", args=[records["card"].pk]),
        reverse("kennisbank:detail", args=[records["document"].pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_read_the_public_lists(client, records):
    for name in ["interventions:list", "interventions:guidance-list", "kennisbank:list"]:
        assert client.get(reverse(name)).status_code == 200


def test_coordinators_see_drafts_others_do_not(client_for, coordinator, professional):
    draft = PracticeExampleFactory(is_draft=True)
    url = reverse("interventions:example-detail", args=[draft.pk])
    assert client_for(professional).get(url).status_code == 404
    assert client_for(coordinator).get(url).status_code == 200
