import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from network.models import NetworkAgreement, OrganisationRelation
from tests.network.factories import (
    AgreementFactory,
    ContactFactory,
    LanguageFactory,
    LocationFactory,
    OrganisationFactory,
    ThemeFactory,
)


@pytest.fixture
def organisation(municipality):
    organisation = OrganisationFactory(name="WIJ Groningen", municipalities=[municipality])
    LocationFactory(organisation=organisation, address="Oosterstraat 1")
    ContactFactory(organisation=organisation, full_name="Ruben Jansen", function="Opbouwwerker")
    AgreementFactory(
        organisation=organisation,
        municipality=municipality,
        responsibility=NetworkAgreement.Responsibility.PREVENTION,
    )
    partner = OrganisationFactory(name="Veiligheidshuis")
    OrganisationRelation.objects.create(
        source=organisation, kind=OrganisationRelation.Kind.REFERS, target=partner
    )
    return organisation


@pytest.fixture
def key_figure(municipality):
    return ContactFactory(
        organisation=None,
        full_name="Fatima El Amrani",
        is_key_figure=True,
        phone="06-11112222",
        coordinator_notes="Liever bellen na 17 uur",
        municipalities=[municipality],
        languages=[LanguageFactory(name="Arabisch")],
    )


def test_organisation_page_shows_people_locations_agreements_and_relations(
    client_for, professional, organisation
):
    body = client_for(professional).get(organisation.get_absolute_url()).content.decode()
    for text in ["WIJ Groningen", "Oosterstraat 1", "Ruben Jansen", "Veiligheidshuis"]:
        assert text in body


def test_contact_page_shows_contact_details_to_professionals(client_for, professional, key_figure):
    body = client_for(professional).get(key_figure.get_absolute_url()).content.decode()
    assert "06-11112222" in body and "Arabisch" in body


def test_coordinator_notes_are_shown_to_coordinators(client_for, coordinator, key_figure):
    body = client_for(coordinator).get(key_figure.get_absolute_url()).content.decode()
    assert "Liever bellen na 17 uur" in body


@pytest.mark.parametrize(
    "persona", ["handler", "role_model", "professional", "municipal_employee", "administrator"]
)
def test_coordinator_notes_are_hidden_from_everyone_else(request, client_for, persona, key_figure):
    client = client_for(request.getfixturevalue(persona))
    body = client.get(key_figure.get_absolute_url()).content.decode()
    assert "Liever bellen na 17 uur" not in body


def test_anonymous_visitor_gets_no_contact_details(client, key_figure):
    response = client.get(key_figure.get_absolute_url())
    assert response.status_code == 302
    assert "06-11112222" not in response.content.decode()


def test_deactivated_records_are_404_for_non_coordinators(client_for, professional, organisation):
    organisation.is_active = False
    organisation.save()
    assert client_for(professional).get(organisation.get_absolute_url()).status_code == 404


def test_history_shows_who_changed_what(client_for, coordinator, organisation):
    client = client_for(coordinator)
    client.post(reverse("network:organisation-verify", args=[organisation.pk]))
    body = client.get(organisation.get_absolute_url()).content.decode()
    assert escape(coordinator.full_name) in body  # names like "van 't Wel" are escaped


DB_SESSIONS = settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


@pytest.mark.parametrize("rows", [10, 200])
def test_detail_pages_run_a_bounded_number_of_queries(
    client_for, professional, municipality, rows, django_assert_max_num_queries
):
    organisation = OrganisationFactory(municipalities=[municipality])
    language = LanguageFactory()
    for _ in range(rows):
        ContactFactory(organisation=organisation, languages=[language])
        AgreementFactory(organisation=organisation, municipality=municipality)
    contact = ContactFactory(organisation=organisation, municipalities=[municipality])
    for source, target in (
        (organisation, OrganisationFactory()),
        (OrganisationFactory(), organisation),
    ):
        OrganisationRelation.objects.create(
            source=source, target=target, kind=OrganisationRelation.Kind.COLLABORATES
        )
    client = client_for(professional)
    client.get(organisation.get_absolute_url())  # the cached lists read once
    # The session, the user, the organisation with its policy, its four lists in one query,
    # locations, people, agreements, relations both ways in one query, the history: at most
    # ten queries as every page (issue 16), whatever the number of rows.
    with django_assert_max_num_queries(9 + DB_SESSIONS):
        response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["organisation"].outgoing) == 1
    assert len(response.context["organisation"].incoming) == 1
    with django_assert_max_num_queries(20):
        assert client.get(contact.get_absolute_url()).status_code == 200


def test_the_organisations_lists_show_an_edit_of_a_term_at_once(
    client_for, professional, municipality
):
    theme = ThemeFactory(name="Weerbaarheid")
    organisation = OrganisationFactory(municipalities=[municipality], themes=[theme])
    client = client_for(professional)
    assert "Weerbaarheid" in client.get(organisation.get_absolute_url()).content.decode()
    theme.name = "Veerkracht"
    theme.save()
    body = client.get(organisation.get_absolute_url()).content.decode()
    assert "Veerkracht" in body and "Weerbaarheid" not in body


def test_history_names_the_changed_fields_and_groups_one_save(client_for, coordinator):
    organisation = OrganisationFactory(name="Oude naam", phone="050-1234567")
    client = client_for(coordinator)
    client.post(
        reverse("network:organisation-update", args=[organisation.pk]),
        {
            "name": "Nieuwe naam",
            "kind": organisation.kind,
            "phone": "050-1234567",
            "locations-TOTAL_FORMS": "0",
            "locations-INITIAL_FORMS": "0",
            "locations-MIN_NUM_FORMS": "0",
            "locations-MAX_NUM_FORMS": "1000",
        },
    )
    history = client.get(organisation.get_absolute_url()).context["history"]
    assert history[0]["user"] == coordinator
    assert "naam" in history[0]["fields"]
    assert [change["type"] for change in history] == ["~", "+"]
