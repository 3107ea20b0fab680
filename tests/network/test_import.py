import csv
import html
import io

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from network.imports import ImportKind, import_apply, import_validate, upload_sign
from network.models import ContactPerson, Organisation
from network.selectors import coverage_counts
from tests.network.factories import (
    CommunityFactory,
    ContactFactory,
    ContributionFactory,
    DomainFactory,
    LanguageFactory,
    LocationFactory,
    OrganisationFactory,
    ThemeFactory,
)

UPLOAD = reverse("network:import")
PREVIEW = reverse("network:import-preview")
CONFIRM = reverse("network:import-confirm")
ORGANISATIONS = ImportKind.ORGANISATIONS
CONTACTS = ImportKind.CONTACTS

ORGANISATION_HEADER = [
    "naam", "type", "domeinen", "gemeenten", "thema's", "aangrijpingspunten", "adres",
    "postcode", "plaats", "andere locaties", "website", "email", "telefoon", "omschrijving",
    "partner",
]  # fmt: skip
CONTACT_HEADER = [
    "naam", "functie", "organisatie", "telefoon", "email", "sleutelfiguur", "soort", "talen",
    "gemeenschappen", "domeinen", "gemeenten", "toestemming",
]  # fmt: skip


def csv_bytes(header, rows, *, delimiter=";", encoding="utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def organisation_row(**values):
    row = dict.fromkeys(ORGANISATION_HEADER, "")
    row.update(naam="Buurtcentrum De Linde", type="Jongerenwerk", gemeenten="GM0014")
    row.update({key.replace("_", "'"): value for key, value in values.items()})
    return [row[column] for column in ORGANISATION_HEADER]


def contact_row(**values):
    row = dict.fromkeys(CONTACT_HEADER, "")
    row.update(naam="Samira el Amrani", toestemming="15-01-2026")
    row.update(values)
    return [row[column] for column in CONTACT_HEADER]


def upload(client, kind, content, name="kaart.csv"):
    file = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(PREVIEW, {"kind": kind, "file": file})


@pytest.fixture
def terms(municipality, other_municipality):
    return {
        "domain": DomainFactory(name="Jongerenwerk"),
        "education": DomainFactory(name="Onderwijs"),
        "theme": ThemeFactory(name="Polarisatie"),
        "contribution": ContributionFactory(name="Toegang tot jongeren"),
        "language": LanguageFactory(name="Arabisch"),
        "community": CommunityFactory(name="Marokkaans-Nederlands"),
    }


@pytest.fixture
def coordinator_client(client_for, coordinator):
    return client_for(coordinator)


def test_valid_organisation_file_is_previewed_and_saved_on_confirm(
    coordinator_client, coordinator, municipality, other_municipality, terms
):
    content = csv_bytes(
        ORGANISATION_HEADER,
        [
            organisation_row(
                domeinen="jongerenwerk | Onderwijs",
                thema_s="Polarisatie",
                aangrijpingspunten="Toegang tot jongeren",
                gemeenten="GM0014|westerwolde",
                adres="Lindenlaan 12",
                postcode="9711lm",
                plaats="Groningen",
                website="www.delinde.example",
                partner="ja",
            ),
            organisation_row(naam="Sportclub Vlagtwedde", type="sports", gemeenten="GM1950"),
        ],
    )
    response = upload(coordinator_client, ORGANISATIONS, content)
    assert response.status_code == 200
    result = response.context["result"]
    assert result.is_valid
    assert [row.number for row in result.rows] == [2, 3]
    assert "Buurtcentrum De Linde" in response.content.decode()
    assert Organisation.objects.count() == 0, "the preview saves nothing"

    token = response.context["confirm_form"]["token"].value()
    response = coordinator_client.post(CONFIRM, {"token": token})
    assert response.status_code == 302
    assert Organisation.objects.count() == 2
    linde = Organisation.objects.get(name="Buurtcentrum De Linde")
    assert linde.kind == Organisation.Kind.YOUTH_WORK
    assert set(linde.domains.all()) == {terms["domain"], terms["education"]}
    assert set(linde.municipalities.all()) == {municipality, other_municipality}
    assert list(linde.themes.all()) == [terms["theme"]]
    assert linde.is_partner and linde.website == "https://www.delinde.example"
    location = linde.locations.get()
    assert (location.postal_code, location.municipality) == ("9711 LM", municipality)
    assert linde.last_verified_by == coordinator
    assert timezone.now() - linde.last_verified_at < timezone.timedelta(minutes=1)
    created = linde.history.get()
    assert (created.history_type, created.history_user) == ("+", coordinator)
    assert {link.domain for link in created.domains.all()} == {terms["domain"], terms["education"]}


def test_coverage_shows_imported_organisations_at_once(
    coordinator_client, municipality, terms, django_capture_on_commit_callbacks
):
    coverage = reverse("network:coverage")
    assert coordinator_client.get(coverage).status_code == 200  # counts now cached
    content = csv_bytes(ORGANISATION_HEADER, [organisation_row(domeinen="Onderwijs")])
    token = upload(coordinator_client, ORGANISATIONS, content).context["confirm_form"]["token"]
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(CONFIRM, {"token": token.value()})
    counts = coverage_counts(axis="domains", municipalities=[municipality])
    assert counts[(municipality.pk, terms["education"].pk)] == 1


def test_valid_contact_file_is_saved(coordinator_client, coordinator, municipality, terms):
    linde = OrganisationFactory(name="Buurtcentrum De Linde")
    content = csv_bytes(
        CONTACT_HEADER,
        [
            contact_row(
                organisatie="buurtcentrum  de linde",
                email="Samira@Example.org",
                sleutelfiguur="ja",
                talen="Arabisch",
                gemeenschappen="Marokkaans-Nederlands",
                domeinen="Jongerenwerk",
                gemeenten="Groningen",
            ),
            contact_row(naam="Kees de Vries", email="kees@example.org", toestemming="2025-12-31"),
        ],
        delimiter=",",
    )
    response = upload(coordinator_client, CONTACTS, content)
    token = response.context["confirm_form"]["token"].value()
    coordinator_client.post(CONFIRM, {"token": token})
    samira = ContactPerson.objects.get(full_name="Samira el Amrani")
    assert samira.organisation == linde
    assert samira.email == "samira@example.org"
    assert samira.is_key_figure
    assert samira.consent_date.isoformat() == "2026-01-15"
    assert [str(t) for t in samira.languages.all()] == ["Arabisch"]
    assert list(samira.municipalities.all()) == [municipality]
    assert samira.last_verified_by == coordinator
    kees = ContactPerson.objects.get(full_name="Kees de Vries")
    assert kees.organisation is None and kees.consent_date.isoformat() == "2025-12-31"


def test_saving_runs_a_bounded_number_of_queries(
    coordinator, municipality, terms, django_assert_max_num_queries
):
    for total in (10, 600):
        rows = [
            organisation_row(
                naam=f"Organisatie {total}-{n}",
                domeinen="Jongerenwerk|Onderwijs",
                thema_s="Polarisatie",
                adres="Lindenlaan 1",
                postcode="9711 LM",
                plaats="Groningen",
            )
            for n in range(total)
        ]
        result = import_validate(kind=ORGANISATIONS, content=csv_bytes(ORGANISATION_HEADER, rows))
        # Batched inserts: SQLite caps a batch at 999 parameters, Postgres takes 500 rows.
        with django_assert_max_num_queries(60):
            assert import_apply(result=result, by=coordinator) == total
    assert Organisation.objects.count() == 610


def test_file_with_errors_saves_nothing_and_lists_the_errors_per_row(
    coordinator_client, municipality, terms
):
    content = csv_bytes(
        ORGANISATION_HEADER,
        [
            organisation_row(naam="Goede rij"),
            organisation_row(naam="Foute rij", domeinen="Jongerenwerk|Ruimtevaart"),
            organisation_row(naam="", postcode="12345", adres="Dorpsstraat 1", plaats="Ergens"),
            organisation_row(naam="Onbekende gemeente", gemeenten="GM9999", type="Bakkerij"),
        ],
    )
    response = upload(coordinator_client, ORGANISATIONS, content)
    result = response.context["result"]
    assert not result.is_valid
    assert response.context["confirm_form"] is None
    errors = {(row.number, error.column) for row in result.rows for error in row.errors}
    assert errors == {
        (3, "domeinen"),
        (4, "naam"),
        (4, "postcode"),
        (5, "gemeenten"),
        (5, "type"),
    }
    body = html.unescape(response.content.decode())
    assert '"Ruimtevaart"' in body and '"GM9999"' in body and "Bakkerij" in body
    assert "Nothing has been saved" in body or "Er is niets opgeslagen" in body
    assert Organisation.objects.count() == 0


def test_duplicate_organisations_are_reported_not_created_twice(coordinator_client, terms):
    existing = OrganisationFactory(name="Buurtcentrum De Linde")
    LocationFactory(organisation=existing, postal_code="9711 LM")
    content = csv_bytes(
        ORGANISATION_HEADER,
        [
            organisation_row(
                naam="  buurtcentrum   de LINDE ", adres="A 1", postcode="9711LM", plaats="G"
            ),
            organisation_row(naam="Jongerenhuis", adres="B 2", postcode="9712 AB", plaats="G"),
            organisation_row(naam="JONGERENHUIS", adres="B 2", postcode="9712ab", plaats="G"),
            organisation_row(naam=existing.name, adres="C 3", postcode="9999 ZZ", plaats="G"),
        ],
    )
    result = upload(coordinator_client, ORGANISATIONS, content).context["result"]
    messages = {row.number: [e.message for e in row.errors] for row in result.rows}
    assert len(messages[2]) == 1 and messages[3] == [] and messages[5] == []
    assert len(messages[4]) == 1 and "3" in messages[4][0]
    assert Organisation.objects.count() == 1


def test_duplicate_contacts_by_email_are_reported(coordinator_client, db):
    ContactFactory(email="samira@example.org")
    content = csv_bytes(
        CONTACT_HEADER,
        [
            contact_row(email="SAMIRA@example.org"),
            contact_row(naam="Kees", email="kees@example.org"),
            contact_row(naam="Kees opnieuw", email="Kees@example.org"),
        ],
    )
    result = upload(coordinator_client, CONTACTS, content).context["result"]
    errors = {(row.number, error.column) for row in result.rows for error in row.errors}
    assert errors == {(2, "email"), (4, "email")}
    assert ContactPerson.objects.count() == 1


def test_contacts_need_an_existing_organisation_and_a_consent_date(coordinator_client, db):
    OrganisationFactory(name="Dubbel")
    OrganisationFactory(name="dubbel")
    content = csv_bytes(
        CONTACT_HEADER,
        [
            contact_row(organisatie="Bestaat niet", email="a@example.org"),
            contact_row(organisatie="Dubbel", email="b@example.org"),
            contact_row(sleutelfiguur="ja", toestemming="", email="c@example.org"),
            contact_row(toestemming="31-02-2026", email="d@example.org"),
            contact_row(toestemming="01-01-2999", email="e@example.org"),
            contact_row(sleutelfiguur="misschien", email="not-an-email"),
        ],
    )
    result = upload(coordinator_client, CONTACTS, content).context["result"]
    errors = {(row.number, error.column) for row in result.rows for error in row.errors}
    assert errors == {
        (2, "organisatie"),
        (3, "organisatie"),
        (4, "toestemming"),
        (5, "toestemming"),
        (6, "toestemming"),
        (7, "sleutelfiguur"),
        (7, "email"),
    }


def test_wrong_encoding_gets_a_clear_dutch_message(coordinator_client, municipality):
    content = csv_bytes(ORGANISATION_HEADER, [organisation_row()], encoding="utf-16")
    response = upload(coordinator_client, ORGANISATIONS, content)
    body = response.content.decode()
    assert "Er is niets opgeslagen" in body
    assert "CSV UTF-8" in body
    assert "niet als UTF-8" in body
    assert Organisation.objects.count() == 0


def test_excel_workbook_is_refused_with_advice(db):
    result = import_validate(kind=ORGANISATIONS, content=b"PK\x03\x04 rest of an xlsx file")
    assert not result.is_valid
    assert "CSV UTF-8" in result.file_errors[0]


def test_windows_1252_file_is_read_with_a_warning(coordinator_client, municipality):
    content = csv_bytes(
        ORGANISATION_HEADER, [organisation_row(naam="Café De Hoek")], encoding="cp1252"
    )
    response = upload(coordinator_client, ORGANISATIONS, content)
    result = response.context["result"]
    assert result.is_valid
    assert result.rows[0].label == "Café De Hoek"
    assert "Windows-1252" in result.warnings[0]


def test_missing_required_columns_are_named(coordinator_client, db):
    content = csv_bytes(["naam", "adres"], [["De Linde", "Lindenlaan 12"]])
    body = upload(coordinator_client, ORGANISATIONS, content).content.decode()
    assert "Verplichte kolommen ontbreken: type." in body


def test_empty_file_gets_a_dutch_message(coordinator_client, db):
    for content in [b"", b"\xef\xbb\xbf\r\n"]:
        body = upload(coordinator_client, ORGANISATIONS, content).content.decode()
        assert "bestand is leeg" in body


def test_header_without_rows_is_refused(db):
    result = import_validate(kind=CONTACTS, content=csv_bytes(CONTACT_HEADER, []))
    assert not result.is_valid and result.file_errors


def test_too_many_rows_are_refused(municipality):
    rows = [organisation_row(naam=f"Organisatie {n}") for n in range(5001)]
    result = import_validate(kind=ORGANISATIONS, content=csv_bytes(ORGANISATION_HEADER, rows))
    assert not result.is_valid
    assert "5.000" in result.file_errors[0]


def test_too_large_file_is_refused(coordinator_client, db):
    content = b"naam;type;gemeenten\r\n" + b"x" * (5 * 1024 * 1024)
    response = upload(coordinator_client, ORGANISATIONS, content)
    assert response.context["form"].errors["file"]
    assert Organisation.objects.count() == 0


def test_unknown_columns_are_ignored_with_a_warning_so_exports_can_be_imported(municipality):
    content = csv_bytes(
        ["Naam", "Type", "Gemeenten", "E-mail", "Laatst gecontroleerd"],
        [["De Linde", "Jongerenwerk", "Groningen", "info@delinde.example", "01-01-2026"]],
    )
    result = import_validate(kind=ORGANISATIONS, content=content)
    assert result.is_valid
    assert result.rows[0].data["email"] == "info@delinde.example"
    assert "Laatst gecontroleerd" in result.warnings[0]


def test_confirm_checks_again_and_saves_nothing_if_the_map_changed(
    coordinator_client, municipality
):
    content = csv_bytes(ORGANISATION_HEADER, [organisation_row(), organisation_row(naam="B")])
    response = upload(coordinator_client, ORGANISATIONS, content)
    token = response.context["confirm_form"]["token"].value()
    OrganisationFactory(name="Buurtcentrum De Linde")  # created meanwhile, without location
    response = coordinator_client.post(CONFIRM, {"token": token})
    assert response.status_code == 200
    assert not response.context["result"].is_valid
    assert Organisation.objects.count() == 1


def test_confirming_twice_does_not_import_twice(coordinator_client, municipality):
    response = upload(
        coordinator_client, ORGANISATIONS, csv_bytes(ORGANISATION_HEADER, [organisation_row()])
    )
    token = response.context["confirm_form"]["token"].value()
    coordinator_client.post(CONFIRM, {"token": token})
    coordinator_client.post(CONFIRM, {"token": token})
    assert Organisation.objects.count() == 1


def test_tampered_or_foreign_upload_is_refused(client_for, coordinator, municipality):
    other = type(coordinator).objects.create_user(email="other-coordinator@example.org")
    result = import_validate(
        kind=ORGANISATIONS, content=csv_bytes(ORGANISATION_HEADER, [organisation_row()])
    )
    client = client_for(coordinator)
    for token in [
        upload_sign(result=result, user=coordinator)[:-2] + "xx",
        upload_sign(result=result, user=other),
        signing.dumps({"kind": ORGANISATIONS, "user": coordinator.pk, "text": "naam"}),
        "",
    ]:
        response = client.post(CONFIRM, {"token": token})
        assert response.status_code == 302
        assert response["Location"] == UPLOAD
    assert Organisation.objects.count() == 0


def test_import_apply_refuses_an_invalid_result(db, coordinator):
    result = import_validate(kind=ORGANISATIONS, content=b"")
    with pytest.raises(ValueError):
        import_apply(result=result, by=coordinator)


def test_upload_page_documents_the_columns_and_links_the_templates(coordinator_client, terms):
    body = coordinator_client.get(UPLOAD).content.decode()
    for text in ["aangrijpingspunten", "sleutelfiguur", "toestemming", "GM0014"]:
        assert text in body
    assert reverse("network:import-template", args=["organisaties"]) in body
    assert reverse("network:import-template", args=["personen"]) in body
    assert "Marokkaans-Nederlands" in body, "the accepted list values are shown"


@pytest.mark.parametrize(
    ("kind", "header"), [(ORGANISATIONS, ORGANISATION_HEADER), (CONTACTS, CONTACT_HEADER)]
)
def test_template_has_the_documented_header_and_one_example_row(coordinator_client, kind, header):
    response = coordinator_client.get(reverse("network:import-template", args=[kind]))
    assert response["Content-Disposition"] == f'attachment; filename="sjabloon-{kind}.csv"'
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:]), delimiter=";"))
    assert rows[0] == header
    assert len(rows) == 2


def test_unknown_template_kind_is_404(coordinator_client):
    assert coordinator_client.get("/sociale-kaart/import/sjabloon/fietsen.csv").status_code == 404


def test_coordinator_may_import(coordinator_client):
    assert coordinator_client.get(UPLOAD).status_code == 200


@pytest.mark.parametrize(
    "persona", ["professional", "handler", "municipal_employee", "role_model", "administrator"]
)
def test_only_coordinators_may_import(request, client_for, persona, municipality):
    client = client_for(request.getfixturevalue(persona))
    content = csv_bytes(ORGANISATION_HEADER, [organisation_row()])
    template = reverse("network:import-template", args=["organisaties"])
    assert client.get(UPLOAD).status_code == 403
    assert client.get(template).status_code == 403
    assert upload(client, ORGANISATIONS, content).status_code == 403
    assert client.post(CONFIRM, {"token": "x"}).status_code == 403
    assert Organisation.objects.count() == 0


def test_anonymous_visitor_is_sent_to_login(client, db):
    template = reverse("network:import-template", args=["organisaties"])
    for response in [client.get(UPLOAD), client.get(template), client.post(CONFIRM)]:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_an_unknown_kind_of_person_is_refused_row_by_row_and_nothing_is_saved(
    coordinator_client, municipality
):
    content = csv_bytes(
        CONTACT_HEADER,
        [
            contact_row(naam="Kees", email="kees@example.org", soort="Vrijwilliger"),
            contact_row(naam="Anna", email="anna@example.org", soort="Ervaringsdeskundige"),
            contact_row(naam="Joost", email="joost@example.org", soort="Buurtvader"),
        ],
    )
    response = upload(coordinator_client, CONTACTS, content)
    result = response.context["result"]
    assert not result.is_valid and response.context["confirm_form"] is None
    errors = {(row.number, error.column) for row in result.rows for error in row.errors}
    assert errors == {(4, "soort")}
    body = html.unescape(response.content.decode())
    assert 'Onbekende soort "Buurtvader"' in body and "Vrijwilliger" in body
    assert ContactPerson.objects.count() == 0
