import pytest
from django.urls import reverse

from network.models import ContactPerson, NetworkAgreement, Organisation, OrganisationRelation
from tests.network.factories import ContactFactory, DomainFactory, OrganisationFactory

CREATE = reverse("network:organisation-create")


def organisation_data(**overrides):
    data = {
        "name": "Buurthuis De Linde",
        "kind": "community",
        "description": "Ontmoetingsplek in de wijk",
        "website": "https://delinde.example.org",
        "email": "info@delinde.example.org",
        "phone": "050-1234567",
        "locations-TOTAL_FORMS": "1",
        "locations-INITIAL_FORMS": "0",
        "locations-MIN_NUM_FORMS": "0",
        "locations-MAX_NUM_FORMS": "1000",
        "locations-0-address": "Lindelaan 4",
        "locations-0-postal_code": "9711lm",
        "locations-0-city": "Groningen",
    }
    data.update(overrides)
    return data


def test_coordinator_adds_an_organisation_with_a_location(client_for, coordinator, municipality):
    domain = DomainFactory(name="Sociaal domein")
    response = client_for(coordinator).post(
        CREATE,
        organisation_data(domains=[domain.pk], municipalities=[municipality.pk]),
    )
    organisation = Organisation.objects.get(name="Buurthuis De Linde")
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.locations.get().postal_code == "9711 LM"
    assert list(organisation.domains.all()) == [domain]
    assert organisation.last_verified_by == coordinator
    assert organisation.history.first().history_user == coordinator


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Dit veld is verplicht."),
        ({"email": "geen-adres"}, "Voer een geldig e-mailadres in."),
        ({"locations-0-postal_code": "12345"}, "Nederlandse postcode"),
        ({"website": "niet een url met spaties"}, "Voer een geldige URL in."),
    ],
)
def test_bad_organisation_input_gets_a_dutch_message_and_nothing_is_saved(
    client_for, coordinator, overrides, message
):
    response = client_for(coordinator).post(CREATE, organisation_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


def test_coordinator_edits_an_organisation(client_for, coordinator):
    organisation = OrganisationFactory(name="Oude naam")
    client_for(coordinator).post(
        reverse("network:organisation-update", args=[organisation.pk]),
        organisation_data(name="Nieuwe naam"),
    )
    organisation.refresh_from_db()
    assert organisation.name == "Nieuwe naam"
    assert organisation.history.count() == 2


@pytest.mark.parametrize(
    "persona", ["handler", "role_model", "professional", "municipal_employee", "administrator"]
)
def test_only_coordinators_edit_the_map(db, request, client_for, persona):
    organisation = OrganisationFactory(name="Ongewijzigd")
    contact = ContactFactory(organisation=organisation)
    client = client_for(request.getfixturevalue(persona))
    urls = [
        (CREATE, organisation_data()),
        (
            reverse("network:organisation-update", args=[organisation.pk]),
            organisation_data(name="Gewijzigd"),
        ),
        (reverse("network:contact-create"), {"full_name": "X", "email": "x@example.org"}),
        (
            reverse("network:contact-update", args=[contact.pk]),
            {"full_name": "X", "email": "x@example.org"},
        ),
        (reverse("network:organisation-set-active", args=[organisation.pk]), {"active": "0"}),
        (reverse("network:organisation-verify", args=[organisation.pk]), {}),
        (reverse("network:agreement-create"), {}),
        (reverse("network:relation-create", args=[organisation.pk]), {}),
    ]
    for url, data in urls:
        assert client.post(url, data).status_code == 403, url
    organisation.refresh_from_db()
    assert organisation.name == "Ongewijzigd" and organisation.is_active
    assert ContactPerson.objects.count() == 1


def test_deactivating_keeps_the_record_and_hides_it(client_for, coordinator):
    organisation = OrganisationFactory(name="Gestopt")
    ContactFactory(organisation=organisation)
    client = client_for(coordinator)
    client.post(reverse("network:organisation-set-active", args=[organisation.pk]), {"active": "0"})
    organisation.refresh_from_db()
    assert not organisation.is_active
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    listed = client.get(reverse("network:organisation-list")).context["page_obj"]
    assert organisation not in listed


def test_coordinator_adds_a_key_figure_with_consent(client_for, coordinator, municipality):
    client = client_for(coordinator)
    data = {
        "full_name": "Fatima El Amrani",
        "kind": "key_figure",
        "phone": "06-11112222",
        "municipalities": [municipality.pk],
    }
    response = client.post(reverse("network:contact-create"), data)
    assert response.status_code == 200
    assert "toestemming" in response.content.decode()
    assert not ContactPerson.objects.exists()
    response = client.post(
        reverse("network:contact-create"), {**data, "consent_date": "2026-11-01"}
    )
    contact = ContactPerson.objects.get()
    assert response["Location"] == contact.get_absolute_url()
    assert contact.is_key_figure and contact.organisation is None


def test_contact_needs_a_phone_or_an_email(client_for, coordinator):
    response = client_for(coordinator).post(
        reverse("network:contact-create"), {"full_name": "Onbereikbaar"}
    )
    assert response.status_code == 200
    assert not ContactPerson.objects.exists()


def test_coordinator_records_an_agreement(client_for, coordinator, municipality):
    organisation = OrganisationFactory()
    client = client_for(coordinator)
    response = client.post(
        reverse("network:agreement-create"),
        {
            "municipality": municipality.pk,
            "responsibility": "first_contact",
            "organisation": organisation.pk,
            "start_date": "2026-01-01",
        },
    )
    assert response["Location"] == organisation.get_absolute_url()
    assert NetworkAgreement.objects.get().in_force


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"organisation": ""}, "Kies de organisatie of de persoon"),
        ({"end_date": "2025-01-01"}, "einddatum ligt vóór de startdatum"),
    ],
)
def test_bad_agreement_is_refused_in_dutch(
    client_for, coordinator, municipality, overrides, message
):
    organisation = OrganisationFactory()
    data = {
        "municipality": municipality.pk,
        "responsibility": "first_contact",
        "organisation": organisation.pk,
        "start_date": "2026-01-01",
        **overrides,
    }
    response = client_for(coordinator).post(reverse("network:agreement-create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not NetworkAgreement.objects.exists()


def test_relation_between_organisations_is_recorded_once(client_for, coordinator):
    source, target = OrganisationFactory(), OrganisationFactory()
    client = client_for(coordinator)
    url = reverse("network:relation-create", args=[source.pk])
    client.post(url, {"kind": "refers", "target": target.pk})
    response = client.post(url, {"kind": "refers", "target": target.pk})
    assert response.status_code == 200
    assert "bestaat al" in response.content.decode()
    assert OrganisationRelation.objects.count() == 1


def test_the_same_person_is_not_added_twice(client_for, coordinator):
    ContactFactory(email="fatima@example.org")
    response = client_for(coordinator).post(
        reverse("network:contact-create"), {"full_name": "Fatima", "email": "Fatima@Example.org"}
    )
    assert response.status_code == 200
    assert ContactPerson.objects.count() == 1
