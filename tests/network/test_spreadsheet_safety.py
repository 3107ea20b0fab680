"""Machine data verbatim, formula characters refused at input.

See docs/decisions/hsds-values-verbatim.md.
"""

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from network.imports import ImportKind, import_validate
from network.models import ContactPerson, Domain, Organisation
from tests.network.factories import ContactFactory, OrganisationFactory

MESSAGE = "Begin niet met =, +, - of @"
FORMULAS = ['=HYPERLINK("http://x.example")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"]


@pytest.mark.parametrize("value", FORMULAS)
def test_organisation_form_refuses_a_name_that_starts_a_formula(client_for, coordinator, value):
    data = {
        "name": value,
        "kind": "other",
        "locations-TOTAL_FORMS": "0",
        "locations-INITIAL_FORMS": "0",
        "locations-MIN_NUM_FORMS": "0",
        "locations-MAX_NUM_FORMS": "1000",
    }
    response = client_for(coordinator).post(reverse("network:organisation-create"), data)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("field", ["full_name", "function"])
def test_contact_form_refuses_text_that_starts_a_formula(client_for, coordinator, field):
    data = {"full_name": "Kees", "email": "kees@example.org", "kind": "volunteer", field: "=1+1"}
    response = client_for(coordinator).post(reverse("network:contact-create"), data)
    assert MESSAGE in response.content.decode()
    assert not ContactPerson.objects.exists()


def test_taxonomy_terms_refuse_a_name_that_starts_a_formula(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        Domain(name="@Domein", description="-").full_clean()
    assert set(error.value.message_dict) == {"name", "description"}


def test_import_refuses_names_and_descriptions_that_start_a_formula(municipality):
    content = b"naam;type;gemeenten;omschrijving\r\n=1+1;Overig;GM0014;@SUM(1)\r\n"
    result = import_validate(kind=ImportKind.ORGANISATIONS, content=content)
    errors = {(e.column, str(e.message)[: len(MESSAGE)]) for e in result.rows[0].errors}
    assert errors == {("naam", MESSAGE), ("omschrijving", MESSAGE)}


def test_phone_numbers_keep_their_plus(client_for, coordinator):
    data = {"full_name": "Kees", "phone": "+31 6 12345678", "kind": "professional"}
    client_for(coordinator).post(reverse("network:contact-create"), data)
    assert ContactPerson.objects.get().phone == "+31 6 12345678"


def test_hsds_keeps_values_verbatim_and_the_people_csv_guards_them(client_for, coordinator):
    # A record saved before the rule (or by code that skips validation).
    organisation = OrganisationFactory(name="=1+1", description="-lijstje", phone="+31501234567")
    ContactFactory(organisation=organisation, full_name="@Kees", phone="+31 6 1")
    client = client_for(coordinator)

    response = client.get(reverse("network:hsds-export"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    with archive.open("organizations.csv") as raw:
        [row] = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
    assert (row["name"], row["description"]) == ("=1+1", "-lijstje")
    assert "@Kees" in archive.read("contacts.csv").decode()
    assert "+31501234567" in archive.read("phones.csv").decode()

    response = client.get(reverse("network:organisation-export"))
    people_csv = b"".join(response.streaming_content).decode("utf-8-sig")
    [_header, row] = list(csv.reader(io.StringIO(people_csv), delimiter=";"))
    assert row[0] == "'=1+1"
    assert "'-lijstje" in row
