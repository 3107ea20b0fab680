import csv
import io
import json
import uuid
import zipfile
from datetime import datetime

import pytest
import vobject
from django.urls import reverse

from network import hsds
from network.models import Domain, Organisation
from tests.network.factories import (
    ContactFactory,
    DomainFactory,
    LanguageFactory,
    LocationFactory,
    OrganisationFactory,
    ThemeFactory,
)

ORGANISATION_EXPORT = reverse("network:organisation-export")
CONTACT_EXPORT = reverse("network:contact-export")
HSDS_EXPORT = reverse("network:hsds-export")
ROLES = [
    "coordinator",
    "handler",
    "role_model",
    "professional",
    "municipal_employee",
    "administrator",
]
NOTES = "Alleen voor coordinatoren: liever niet bellen"


def read_csv(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


@pytest.fixture
def youth_work(db):
    return DomainFactory(name="Jongerenwerk")


@pytest.fixture
def map_data(municipality, other_municipality, youth_work):
    linde = OrganisationFactory(
        name="Buurtcentrum De Linde",
        municipalities=[municipality],
        domains=[youth_work],
        themes=[ThemeFactory(name="Polarisatie")],
        is_partner=True,
        website="https://www.delinde.example",
    )
    LocationFactory(organisation=linde, address="Lindenlaan 12", postal_code="9711 LM")
    OrganisationFactory(name="Sportclub Vlagtwedde", municipalities=[other_municipality])
    contact = ContactFactory(
        organisation=linde,
        full_name="Samira el Amrani",
        function="Jongerenwerker",
        email="samira@example.org",
        phone="+31 6 12345678",
        is_key_figure=True,
        coordinator_notes=NOTES,
        municipalities=[municipality],
        languages=[LanguageFactory(name="Arabisch")],
        domains=[youth_work],
    )
    ContactFactory(organisation=None, full_name="Kees Onafhankelijk", is_key_figure=True)
    return {"linde": linde, "contact": contact}


def test_organisation_csv_has_dutch_headers_and_applies_the_list_filters(
    client_for, professional, municipality, map_data
):
    response = client_for(professional).get(ORGANISATION_EXPORT, {"municipality": municipality.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="organisaties-')
    header, *rows = read_csv(response)
    assert header[:4] == ["Naam", "Type", "Domeinen", "Gemeenten"]
    assert [row[0] for row in rows] == ["Buurtcentrum De Linde"]
    record = dict(zip(header, rows[0], strict=True))
    assert record["Domeinen"] == "Jongerenwerk"
    assert record["Postcode"] == "9711 LM"
    assert record["Partner"] == "ja"
    assert record["Website"] == "https://www.delinde.example"


def test_unfiltered_export_holds_the_whole_list(client_for, professional, map_data):
    _header, *rows = read_csv(client_for(professional).get(ORGANISATION_EXPORT))
    assert [row[0] for row in rows] == ["Buurtcentrum De Linde", "Sportclub Vlagtwedde"]


def test_contact_csv_applies_filters_and_never_holds_coordinator_notes(
    client_for, coordinator, municipality, map_data
):
    response = client_for(coordinator).get(
        CONTACT_EXPORT, {"municipality": municipality.pk, "key_figure": "true"}
    )
    content = b"".join(response.streaming_content).decode("utf-8")
    assert NOTES not in content
    header, *rows = list(csv.reader(io.StringIO(content[1:]), delimiter=";"))
    assert "Notities" not in " ".join(header)
    record = dict(zip(header, rows[0], strict=True))
    assert len(rows) == 1
    assert record["Naam"] == "Samira el Amrani"
    assert record["Organisatie"] == "Buurtcentrum De Linde"
    assert record["Telefoon"] == "+31 6 12345678", "phone numbers are not mangled"
    assert record["Talen"] == "Arabisch"
    assert record["Sleutelfiguur"] == "ja"


def test_invalid_filters_export_nothing_like_the_list_shows_nothing(
    client_for, professional, map_data
):
    # A domain that does not exist (ids keep counting between tests on Postgres: no fixed id).
    missing = (Domain.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    query = {"domain": str(missing)}
    _header, *rows = read_csv(client_for(professional).get(ORGANISATION_EXPORT, query))
    assert rows == []


def test_deactivated_records_are_exported_only_for_coordinators_who_ask(
    client_for, professional, coordinator, map_data
):
    OrganisationFactory(name="Opgeheven stichting", is_active=False)
    rows = read_csv(client_for(professional).get(ORGANISATION_EXPORT, {"inactive": "1"}))
    assert "Opgeheven stichting" not in [row[0] for row in rows]
    rows = read_csv(client_for(coordinator).get(ORGANISATION_EXPORT, {"inactive": "1"}))
    assert "Opgeheven stichting" in [row[0] for row in rows]


def test_cells_that_would_run_as_a_spreadsheet_formula_are_neutralised(client_for, professional):
    OrganisationFactory(name='=HYPERLINK("http://evil")', description="-2+3")
    header, *rows = read_csv(client_for(professional).get(ORGANISATION_EXPORT))
    record = dict(zip(header, rows[0], strict=True))
    assert record["Naam"].startswith("'=")
    assert record["Omschrijving"] == "'-2+3"


@pytest.mark.parametrize("persona", [role for role in ROLES if role != "role_model"])
def test_every_staff_member_of_the_network_may_export(request, client_for, persona, map_data):
    client = client_for(request.getfixturevalue(persona))
    for url in [ORGANISATION_EXPORT, CONTACT_EXPORT, HSDS_EXPORT]:
        assert client.get(url).status_code == 200
    vcard = reverse("network:contact-vcard", args=[map_data["contact"].pk])
    assert client.get(vcard).status_code == 200


def test_a_role_model_exports_only_organisations(client_for, role_model, map_data):
    """Exports carry every person's phone and email: not for role models and mentors."""
    client = client_for(role_model)
    assert client.get(ORGANISATION_EXPORT).status_code == 200
    for url in [CONTACT_EXPORT, HSDS_EXPORT]:
        assert client.get(url).status_code == 403


def test_anonymous_visitor_cannot_export(client, map_data):
    vcard = reverse("network:contact-vcard", args=[map_data["contact"].pk])
    for url in [ORGANISATION_EXPORT, CONTACT_EXPORT, HSDS_EXPORT, vcard]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url", [ORGANISATION_EXPORT, CONTACT_EXPORT])
def test_csv_export_runs_a_bounded_number_of_queries(
    client_for, professional, municipality, youth_work, django_assert_max_num_queries, url
):
    client = client_for(professional)

    def export_with(total):
        while Organisation.objects.count() < total:
            organisation = OrganisationFactory(municipalities=[municipality], domains=[youth_work])
            LocationFactory(organisation=organisation)
            ContactFactory(organisation=organisation, municipalities=[municipality])
        with django_assert_max_num_queries(16):
            response = client.get(url, {"municipality": municipality.pk})
            rows = read_csv(response)
        assert len(rows) == total + 1

    export_with(10)
    export_with(200)


def test_vcard_holds_the_public_details_and_never_the_notes(client_for, coordinator, map_data):
    contact = map_data["contact"]
    response = client_for(coordinator).get(reverse("network:contact-vcard", args=[contact.pk]))
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="samira-el-amrani.vcf"'
    text = response.content.decode()
    assert NOTES not in text
    card = vobject.readOne(text)
    assert card.version.value == "3.0"
    assert card.fn.value == "Samira el Amrani"
    assert card.n.value.given == "Samira" and card.n.value.family == "el Amrani"
    assert card.org.value == ["Buurtcentrum De Linde"]
    assert card.title.value == "Jongerenwerker"
    assert card.tel.value == "+31 6 12345678"
    assert card.email.value == "samira@example.org"
    assert "Arabisch" in card.note.value


def test_vcard_of_a_deactivated_contact_is_404_for_non_coordinators(client_for, professional):
    contact = ContactFactory(is_active=False)
    url = reverse("network:contact-vcard", args=[contact.pk])
    assert client_for(professional).get(url).status_code == 404


def open_package(response) -> zipfile.ZipFile:
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


HSDS_FILES = {table.name: table.path for table in hsds.TABLES}


def read_table(archive, name) -> list[dict]:
    with archive.open(HSDS_FILES[name]) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")))


def test_hsds_package_holds_every_table_and_a_matching_datapackage(
    client_for, professional, map_data
):
    archive = open_package(client_for(professional).get(HSDS_EXPORT))
    names = set(archive.namelist())
    expected = {
        "organizations.csv", "locations.csv", "addresses.csv", "contacts.csv", "phones.csv",
        "taxonomies.csv", "taxonomy_terms.csv", "attributes.csv",
        "services.csv", "service_at_location.csv",  # the handelingskader's interventions
    }  # fmt: skip
    assert names == expected | {"datapackage.json"}
    package = json.loads(archive.read("datapackage.json"))
    assert package["profile"] == "tabular-data-package"
    assert package["name"] and package["title"]
    assert {resource["path"] for resource in package["resources"]} == expected
    for resource in package["resources"]:
        with archive.open(resource["path"]) as raw:
            header = next(csv.reader(io.TextIOWrapper(raw, encoding="utf-8", newline="")))
        assert header == [f["name"] for f in resource["schema"]["fields"]], resource["name"]
        assert all(f["type"] in {"string", "number"} for f in resource["schema"]["fields"])


def test_hsds_rows_use_stable_uuids_and_resolve_their_references(
    client_for, professional, map_data
):
    archive = open_package(client_for(professional).get(HSDS_EXPORT))
    organisations = {row["id"]: row for row in read_table(archive, "organization")}
    linde_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"polrad:organisation:{map_data['linde'].pk}"))
    assert organisations[linde_id]["name"] == "Buurtcentrum De Linde"
    locations = {row["id"]: row for row in read_table(archive, "location")}
    assert all(row["organization_id"] in organisations for row in locations.values())
    [address] = read_table(archive, "address")
    assert address["location_id"] in locations
    assert (address["postal_code"], address["country"]) == ("9711 LM", "NL")
    contacts = {row["name"]: row for row in read_table(archive, "contact")}
    assert contacts["Samira el Amrani"]["organization_id"] == linde_id
    assert "Kees Onafhankelijk" in contacts, "the whole map includes independent key figures"
    terms = {row["id"]: row for row in read_table(archive, "taxonomy_term")}
    taxonomies = {row["id"] for row in read_table(archive, "taxonomy")}
    assert all(term["taxonomy_id"] in taxonomies for term in terms.values())
    links = {
        (row["link_id"], terms[row["taxonomy_term_id"]]["name"])
        for row in read_table(archive, "attribute")
    }
    samira_id = contacts["Samira el Amrani"]["id"]
    for link in [(linde_id, "Jongerenwerk"), (linde_id, "Groningen"), (samira_id, "Arabisch")]:
        assert link in links
    phones = {
        row["contact_id"] or row["organization_id"]: row for row in read_table(archive, "phone")
    }
    assert phones[samira_id]["number"] == "+31 6 12345678"
    assert phones[linde_id]["number"] == map_data["linde"].phone


def test_hsds_package_of_a_filtered_part_and_never_coordinator_notes(
    client_for, coordinator, municipality, map_data
):
    response = client_for(coordinator).get(HSDS_EXPORT, {"municipality": municipality.pk})
    archive = open_package(response)
    assert [row["name"] for row in read_table(archive, "organization")] == ["Buurtcentrum De Linde"]
    assert [row["name"] for row in read_table(archive, "contact")] == ["Samira el Amrani"]
    for name in archive.namelist():
        assert NOTES not in archive.read(name).decode("utf-8")


def test_hsds_tables_match_the_declared_fields():
    package = hsds.datapackage(generated_at=datetime(2026, 1, 1), title="Sociale kaart")
    for resource in package["resources"]:
        assert resource["schema"]["primaryKey"] == ["id"]
        field_names = {f["name"] for f in resource["schema"]["fields"]}
        for key in resource["schema"]["foreignKeys"]:
            assert set(key["fields"]) <= field_names


def test_hsds_export_runs_a_bounded_number_of_queries(
    client_for, professional, municipality, youth_work, django_assert_max_num_queries
):
    client = client_for(professional)
    for total in (5, 60):
        while Organisation.objects.count() < total:
            organisation = OrganisationFactory(municipalities=[municipality], domains=[youth_work])
            LocationFactory(organisation=organisation)
            ContactFactory(organisation=organisation, languages=[LanguageFactory(name="Pools")])
        with django_assert_max_num_queries(40):
            archive = open_package(client.get(HSDS_EXPORT))
        assert len(read_table(archive, "organization")) == total
