import shutil
import subprocess
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from network import pdf
from network.models import NetworkAgreement
from tests.network.factories import (
    AgreementFactory,
    ContactFactory,
    DomainFactory,
    LocationFactory,
    OrganisationFactory,
)

NOTES = "Vertrouwelijk: alleen voor de coordinator"


def pdf_text(content: bytes) -> str:
    """The text of a PDF, by poppler's pdftotext (scripts/system-packages.sh installs it)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    # One space for every run of whitespace: words wrapped in a table cell read as one text.
    pages = result.stdout.decode("utf-8").split("\f")
    return "\f".join(" ".join(page.split()) for page in pages)


def url_for(municipality):
    return reverse("network:municipality-pdf", args=[municipality.pk])


@pytest.fixture
def social_map(municipality, other_municipality):
    youth_work = DomainFactory(name="Jongerenwerk")
    DomainFactory(name="Onderwijs")
    linde = OrganisationFactory(
        name="Buurtcentrum De Linde",
        municipalities=[municipality],
        domains=[youth_work],
        is_partner=True,
    )
    LocationFactory(organisation=linde, address="Lindenlaan 12", postal_code="9711 LM")
    ContactFactory(
        organisation=linde,
        full_name="Samira el Amrani",
        function="Jongerenwerker",
        phone="06-12345678",
        is_key_figure=True,
        coordinator_notes=NOTES,
        municipalities=[municipality],
        domains=[youth_work],
    )
    AgreementFactory(
        municipality=municipality,
        organisation=linde,
        responsibility=NetworkAgreement.Responsibility.FIRST_CONTACT,
        description="Eerste aanspreekpunt voor zorgen over jongeren",
    )
    OrganisationFactory(name="Sportclub Vlagtwedde", municipalities=[other_municipality])
    return linde


def test_pdf_shows_the_social_map_of_one_municipality(
    client_for, municipal_employee, municipality, social_map
):
    response = client_for(municipal_employee).get(url_for(municipality))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith('inline; filename="sociale-kaart-groningen-')
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    for expected in [
        "Groningen",
        "Buurtcentrum De Linde",
        "Lindenlaan 12",
        "Samira el Amrani",
        "06-12345678",
        "Eerste aanspreekpunt voor zorgen",
        "Onderwijs",  # a white spot: nobody in that domain
    ]:
        assert expected in text, expected
    assert "Sportclub Vlagtwedde" not in text
    assert NOTES not in text


def test_pdf_has_page_numbers(client_for, coordinator, municipality, social_map):
    text = pdf_text(client_for(coordinator).get(url_for(municipality)).content)
    pages = text.split("\f")
    assert len([page for page in pages if page.strip()]) >= 2
    assert "1" in pages[0] and "2" in pages[1]


def test_municipal_staff_get_404_for_a_municipality_outside_their_scope(
    client_for, municipal_employee, handler, other_municipality
):
    assert client_for(municipal_employee).get(url_for(other_municipality)).status_code == 404
    assert client_for(handler).get(url_for(other_municipality)).status_code == 404


@pytest.mark.parametrize("persona", ["coordinator", "professional", "administrator"])
def test_unscoped_network_members_get_every_municipality(
    request, client_for, persona, other_municipality
):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url_for(other_municipality)).status_code == 200


def test_anonymous_visitor_is_sent_to_login(client, municipality):
    response = client.get(url_for(municipality))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_rendering_is_a_pure_function_of_its_data(municipality, social_map):
    data = pdf.social_map_data(municipality)
    generated_at = timezone.make_aware(datetime(2026, 3, 1, 9, 30))
    content = pdf.social_map_pdf(data=data, generated_at=generated_at)
    assert content.startswith(b"%PDF")
    assert "1 maart 2026" in pdf_text(content)


def test_collecting_the_data_runs_a_bounded_number_of_queries(
    municipality, social_map, django_assert_max_num_queries
):
    for _n in range(30):
        organisation = OrganisationFactory(municipalities=[municipality], domains=[])
        ContactFactory(organisation=organisation, municipalities=[municipality])
    with django_assert_max_num_queries(16):
        data = pdf.social_map_data(municipality)
    assert data["organisation_count"] == 31


def test_coverage_page_links_the_pdfs_and_the_hsds_package(
    client_for, municipal_employee, municipality
):
    body = client_for(municipal_employee).get(reverse("network:coverage")).content.decode()
    assert url_for(municipality) in body
    assert reverse("network:hsds-export") in body
