"""The annex of a PDF report: long tables (all municipalities side by side) go to a CSV
downloaded beside the PDF, with the same cells (suppression included); the PDF keeps the
region's figures, says where the rows are, and stays tagged."""

import csv
import hashlib
import io

import pytest
from django.urls import reverse
from django.utils import translation

from polrad.accounts.roles import Role
from polrad.reports import services
from polrad.reports.annex import ANNEX_ROWS, annex_csv, annex_filename
from polrad.reports.data import Table
from polrad.reports.models import StoredReport
from polrad.reports.pdf import report_pdf
from tests.conftest import login_verified
from tests.factories import UserFactory
from tests.reports.sample import sample_report
from tests.reports.test_pdf import pdf_objects, pdf_text, squeeze

PLACES = ANNEX_ROWS + 12


def with_side_by_side(report):
    """The sample report with a table of every municipality, concern figures suppressed."""
    rows = [[f"Gemeente {n:03}", n, "< 5" if n % 7 == 0 else n * 2] for n in range(PLACES)]
    rows[1][0] = "=HYPERLINK()"  # a name that a spreadsheet would run
    report.sections[0].tables.append(
        Table(
            key="municipalities",
            title="De gemeenten naast elkaar",
            columns=["Gemeente", "Activiteiten", "Zorgmeldingen"],
            rows=rows,
            note="Iemand die in meerdere gemeenten is getraind, telt in elk mee.",
        )
    )
    return report


def annex_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff") and text.count("\ufeff") == 1
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_annex_holds_every_row_of_the_long_tables_with_the_cells_as_shown():
    report = with_side_by_side(sample_report(rows=5))
    rows = annex_rows(annex_csv(report))
    assert rows[0] == ["De gemeenten naast elkaar"]
    assert rows[1] == ["Gemeente", "Activiteiten", "Zorgmeldingen"]
    body = rows[2 : 2 + PLACES]
    assert len(body) == PLACES
    assert body[7] == ["Gemeente 007", "7", "< 5"]  # suppressed as in the report
    assert body[8] == ["Gemeente 008", "8", "16"]
    assert body[1][0] == "'=HYPERLINK()"  # not run as a formula
    assert rows[2 + PLACES] == ["Iemand die in meerdere gemeenten is getraind, telt in elk mee."]
    assert not any(row and row[0] == "Online polarisatie" for row in rows)  # short: in the PDF


def test_a_report_without_long_tables_has_no_annex():
    assert annex_csv(sample_report(rows=ANNEX_ROWS)) is None


def test_the_pdf_keeps_short_tables_and_says_where_the_long_ones_are():
    with translation.override("nl"):
        report = with_side_by_side(sample_report(rows=5))
        pdf = report_pdf(report)
        filename = annex_filename(report)
    text = squeeze(pdf_text(pdf))
    assert filename.startswith("bijlage-groningen-")
    assert f"Alle {PLACES} rijen van deze tabel staan in de bijlage {filename}" in text
    assert "Online polarisatie" in text  # the short table is printed
    assert "Gemeente 030" not in text  # the long one is not
    objects = pdf_objects(pdf)
    assert b"/StructTreeRoot" in objects and b"/Lang (nl)" in objects


@pytest.fixture
def annual(monkeypatch, coordinator, django_capture_on_commit_callbacks):
    """A stored annual report, the figures stood in for by the sample with a long table."""
    monkeypatch.setattr(
        services, "build_report", lambda stored: with_side_by_side(sample_report(place="Regio"))
    )
    with django_capture_on_commit_callbacks(execute=True), translation.override("nl"):
        report = services.report_request(
            user=coordinator,
            kind=StoredReport.Kind.ANNUAL,
            municipality=None,
            period=sample_report().period,
        )
    report.refresh_from_db()
    return report


def test_the_annex_is_stored_with_the_pdf_and_offered_beside_it(client_for, coordinator, annual):
    client = client_for(coordinator)
    annex_url = reverse("reports:pdf-annex", args=[annual.pk])
    assert annex_url in client.get(reverse("reports:pdf-status", args=[annual.pk])).content.decode()
    response = client.get(annex_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="bijlage-regio-20240101-20241231.csv"'
    )
    assert hashlib.sha256(response.content).hexdigest() == annual.annex_checksum
    assert len(annex_rows(response.content)) == 2 + PLACES + 1


def test_a_changed_annex_is_not_handed_out(client_for, coordinator, annual):
    with annual.annex.open("wb") as file:
        file.write(b"Gemeente;Zorgmeldingen\r\nGemeente 001;3\r\n")
    response = client_for(coordinator).get(reverse("reports:pdf-annex", args=[annual.pk]))
    assert response.status_code == 409


def test_the_annex_of_the_annual_report_is_refused_without_the_network_permission(
    client_for, municipal_employee, annual
):
    response = client_for(municipal_employee).get(reverse("reports:pdf-annex", args=[annual.pk]))
    assert response.status_code == 403


def test_the_annex_is_refused_to_other_roles_and_anonymous_visitors(client, annual):
    role_model = UserFactory(roles=[Role.ROLE_MODEL])
    assert (
        login_verified(client, role_model)
        .get(reverse("reports:pdf-annex", args=[annual.pk]))
        .status_code
        == 403
    )
    client.logout()
    response = client.get(reverse("reports:pdf-annex", args=[annual.pk]))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_report_without_an_annex_offers_none(
    client_for, municipal_employee, municipality, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "build_report", lambda stored: sample_report())
    with django_capture_on_commit_callbacks(execute=True), translation.override("nl"):
        report = services.report_request(
            user=municipal_employee,
            kind=StoredReport.Kind.MUNICIPAL,
            municipality=municipality,
            period=sample_report().period,
        )
    client = client_for(municipal_employee)
    assert (
        "bijlage"
        not in client.get(reverse("reports:pdf-status", args=[report.pk])).content.decode()
    )
    assert client.get(reverse("reports:pdf-annex", args=[report.pk])).status_code == 404
