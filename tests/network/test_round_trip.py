"""Export → import of the social map: every record the forms accept comes back unchanged."""

import pytest
from django.urls import reverse

from network.imports import ImportKind, import_apply, import_validate
from network.models import ContactPerson, Organisation
from tests.network.factories import (
    CommunityFactory,
    ContributionFactory,
    DomainFactory,
    LanguageFactory,
    ThemeFactory,
)


def organisation_form(name, *, locations=(), **fields):
    data = {
        "name": name,
        "kind": "community",
        "locations-TOTAL_FORMS": str(len(locations)),
        "locations-INITIAL_FORMS": "0",
        "locations-MIN_NUM_FORMS": "0",
        "locations-MAX_NUM_FORMS": "1000",
    }
    for number, (address, postal_code, city) in enumerate(locations):
        data[f"locations-{number}-address"] = address
        data[f"locations-{number}-postal_code"] = postal_code
        data[f"locations-{number}-city"] = city
    return {**data, **fields}


def post_ok(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, response.context and [
        form.errors for form in [response.context.get("form")] if form
    ]


@pytest.fixture
def map_from_the_forms(client_for, coordinator, municipality, other_municipality):
    """A varied social map, entered through the coordinator's forms."""
    client = client_for(coordinator)
    youth, education = DomainFactory(name="Jongerenwerk"), DomainFactory(name="Onderwijs")
    theme, contribution = ThemeFactory(name="Polarisatie"), ContributionFactory(name="Zaal")
    arabic, community = LanguageFactory(name="Arabisch"), CommunityFactory(name="Syrisch")
    create = reverse("network:organisation-create")
    post_ok(
        client,
        create,
        organisation_form(
            "Buurthuis De Linde",
            locations=[
                ("Lindelaan 4", "9711lm", "Groningen"),
                ("Vismarkt 3", "9712 CA", "'s-Hertogenbosch"),
            ],
            description='Inloop; 50% korting voor "jongeren"',
            domains=[youth.pk, education.pk],
            themes=[theme.pk],
            contributions=[contribution.pk],
            municipalities=[municipality.pk, other_municipality.pk],
            website="delinde.example.org/pad",
            email="info@delinde.example.org",
            phone="+31 50 123 4567",
            is_partner="on",
        ),
    )
    # The bare minimum the form accepts: no description, municipality, location or contact.
    post_ok(client, create, organisation_form("Stichting Ĳsselkring", kind="other"))
    contact = reverse("network:contact-create")
    linde = Organisation.objects.get(name="Buurthuis De Linde")
    post_ok(
        client,
        contact,
        {
            "full_name": "Samira el Amrani",
            "organisation": linde.pk,
            "function": "Jongerenwerker",
            "kind": "key_figure",
            "phone": "06-12345678",
            "email": "samira@example.org",
            "languages": [arabic.pk],
            "communities": [community.pk],
            "domains": [youth.pk],
            "municipalities": [municipality.pk],
            "consent_date": "2026-11-01",
        },
    )
    # No consent date: the form allows it for anyone who is not a key figure.
    kees = {"full_name": "Kees de Vries", "email": "kees@example.org", "kind": "volunteer"}
    post_ok(client, contact, kees)
    anna = {"full_name": "Anna Bakker", "phone": "(050) 311 22 33", "kind": "experience_expert"}
    post_ok(client, contact, anna)
    return client


def snapshot() -> dict:
    def names(related):
        return sorted(str(obj) for obj in related.all())

    organisations = {
        o.name: (
            o.kind, o.description, o.website, o.email, o.phone, o.is_partner,
            names(o.domains), names(o.themes), names(o.contributions), names(o.municipalities),
            sorted((lo.address, lo.postal_code, lo.city) for lo in o.locations.all()),
        )
        for o in Organisation.objects.all()
    }  # fmt: skip
    contacts = {
        c.full_name: (
            c.function, c.organisation and c.organisation.name, c.phone, c.email,
            c.kind, c.consent_date, names(c.languages), names(c.communities),
            names(c.domains), names(c.municipalities),
        )
        for c in ContactPerson.objects.all()
    }  # fmt: skip
    return {"organisations": organisations, "contacts": contacts}


def download(client, name) -> bytes:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def import_file(kind, content, by):
    result = import_validate(kind=kind, content=content)
    errors = [(row.number, e.column, str(e.message)) for row in result.rows for e in row.errors]
    assert (result.file_errors, errors) == ([], [])
    import_apply(result=result, by=by)


def test_exported_organisations_and_people_import_back_unchanged(map_from_the_forms, coordinator):
    before = snapshot()
    assert len(before["organisations"]) == 2 and len(before["contacts"]) == 3
    organisations = download(map_from_the_forms, "network:organisation-export")
    contacts = download(map_from_the_forms, "network:contact-export")

    ContactPerson.objects.all().delete()
    Organisation.objects.all().delete()
    import_file(ImportKind.ORGANISATIONS, organisations, coordinator)
    import_file(ImportKind.CONTACTS, contacts, coordinator)

    assert snapshot() == before
