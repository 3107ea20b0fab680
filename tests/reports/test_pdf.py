"""The PDF report: what it shows, that it is tagged, how it is stored, reused and served."""

import contextlib
import hashlib
import re
import subprocess
import zlib
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from polrad.accounts.roles import Role
from polrad.reports import services
from polrad.reports.annex import ANNEX_ROWS
from polrad.reports.data import Table
from polrad.reports.models import StoredReport
from polrad.reports.pdf import report_pdf
from polrad.reports.tasks import generate_report
from signals.trends import suppression_note
from tests.factories import UserFactory
from tests.reports.sample import sample_report

YEAR_2024 = {"periode": "jaar", "jaar": "2024"}


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) inflated."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        with contextlib.suppress(zlib.error):  # not every stream is deflated
            parts.append(zlib.decompress(match.group(1)))
    return b"\n".join(parts)


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def rendered():
    with translation.override("nl"):
        return report_pdf(sample_report(rows=40)), suppression_note()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def builds(monkeypatch):
    """Stand in for the figures (tested on their own): a hand-made report per build, counted."""
    calls = []

    def build(stored):
        calls.append(stored.pk)
        place = stored.municipality.name if stored.municipality else "Regio"
        return sample_report(place=place)

    monkeypatch.setattr(services, "build_report", build)
    return calls


def ask(client, municipality, **extra):
    data = {"kind": "municipal", "gemeente": municipality.pk, **YEAR_2024, **extra}
    return client.post(reverse("reports:pdf-request"), data)


@pytest.fixture
def stored(municipal_employee, municipality, builds, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), translation.override("nl"):
        report = services.report_request(
            user=municipal_employee,
            kind=StoredReport.Kind.MUNICIPAL,
            municipality=municipality,
            period=sample_report().period,
        )
    report.refresh_from_db()
    return report


# --- the document ------------------------------------------------------------------------


def test_pdf_has_cover_contents_sections_and_page_numbers(rendered):
    text = pdf_text(rendered[0])
    cover = text.split("\f")[0]
    assert settings.NETWORK_NAME.upper() in cover
    assert "Groningen" in cover and "2024" in cover and "15 januari 2025" in cover
    # The contents on the cover, each section with its page number at the right.
    assert re.search(r"Inhoud\s+Activiteiten en bereik +2\s+Trends in zorgmeldingen +\d+", cover)
    assert "Online polarisatie" in text and "Gastles op het Noorderpoort" in text
    assert re.search(r"Pagina 2 van \d+", text)
    assert settings.NETWORK_NAME in text.split("\f")[1]


def test_pdf_prints_each_number_once_and_a_table_of_zeros_as_a_sentence():
    report = sample_report(rows=5)
    quiet = Table(
        key="interventions-conferences-by-kind",
        title="Interventies uit casusoverleg",
        columns=["Soort", "januari 2024", "februari 2024"],
        rows=[["Preventief", "0", "0"], ["Reactief", 0, 0], ["Totaal", "0", "0"]],
    )
    report.sections[0].tables.append(quiet)
    with translation.override("nl"):
        text = pdf_text(report_pdf(report))
    # The short table is printed in full, without a chart beside it repeating its numbers.
    assert text.count("Online polarisatie") == 1
    assert "Interventies uit casusoverleg" in text and "Elk cijfer van deze tabel is 0." in text
    assert "Preventief" not in text


def test_pdf_writes_large_numbers_with_their_thousands_grouped():
    report = sample_report(rows=5)
    report.sections[0].figures[1].now = 6224
    report.sections[0].tables[0].rows[0][1] = 12500
    with translation.override("nl"):
        text = pdf_text(report_pdf(report))
    assert "6.224" in text and "12.500" in text and "6224" not in text


def test_pdf_sets_columns_of_text_flush_left_and_numbers_flush_right():
    """A column of words set flush right, under a number's heading, read badly ("Op orde
    (3-11-2026)" wrapped to the right edge of its cell)."""
    report = sample_report(rows=5)
    report.sections[0].tables.append(
        Table(
            key="analysis-basis",
            title="Basis op orde",
            columns=["Gemeente", "Randvoorwaarde", "Nu"],
            rows=[["Groningen", "Visie", "Op orde (3-11-2026)"]],
        )
    )
    with translation.override("nl"):
        pdf = report_pdf(report)
    lines = pdf_text(pdf).splitlines()
    # pdftotext -layout keeps the columns: flush left, "Visie" starts under its heading.
    heading = next(line for line in lines if "Randvoorwaarde" in line)
    row = next(line for line in lines if "Visie" in line)
    assert abs(row.index("Visie") - heading.index("Randvoorwaarde")) <= 1
    numbers = next(line for line in lines if "Online polarisatie" in line)
    assert numbers.rstrip()[-1].isdigit()  # a number column, flush right as before


def test_pdf_explains_suppression_in_a_footnote_of_the_concerns_section(rendered):
    pdf, note = rendered
    concerns = pdf_text(pdf).split("Trends in zorgmeldingen")[-1]
    assert "< 5" in concerns
    assert squeeze(note) in squeeze(concerns)


def test_pdf_is_tagged_for_screen_readers_in_dutch(rendered):
    objects = pdf_objects(rendered[0])
    assert b"/StructTreeRoot" in objects
    assert b"/MarkInfo" in objects
    assert b"/Lang (nl)" in objects
    info = subprocess.run(["pdfinfo", "-"], input=rendered[0], capture_output=True).stdout
    assert b"Tagged:          yes" in info


def test_charts_are_lists_of_label_and_value_with_bars_drawn_to_scale():
    """The bars are CSS, not SVG: a screen reader reads each label with its value, and
    WeasyPrint does not lay out the labels letter by letter."""
    # A long table (its rows go to the annex) is the one drawn as a chart in the PDF.
    with translation.override("nl"):
        pdf = report_pdf(sample_report(rows=ANNEX_ROWS + 1))
    lines = pdf_text(pdf).splitlines()
    for label, value in [("Online polarisatie", 12), ("Discriminatie", 9), ("Weerbaarheid", 7)]:
        # Once, in the chart, with its value on the line; the table's rows are in the annex.
        assert len([line for line in lines if re.search(rf"{label}\s+{value}$", line)]) == 1
    # At most 15 bars, not all 51 rows, and no table of them beside the chart.
    assert any(re.search(r"Thema 11\s+11$", line) for line in lines)
    assert not any("Thema 12" in line for line in lines)
    objects = pdf_objects(pdf)
    assert b"/S /L" in objects and b"/S /LI" in objects
    assert b"/S /Figure" not in objects  # no image without words for the chart


def test_funders_table_is_not_printed_twice_beside_its_key_figures():
    report = sample_report()
    report.sections[0].tables.append(
        Table(
            key="funders",
            title="Cijfers voor financiers",
            columns=["Cijfer", "2024", "2023"],
            rows=[["Goedgekeurde activiteiten", 28, 21]],
            repeats_key_figures=True,
        )
    )
    with translation.override("nl"):
        text = pdf_text(report_pdf(report))
    assert "Goedgekeurde activiteiten" in text
    assert "Cijfers voor financiers" not in text
    assert len(re.findall(r"Goedgekeurde activiteiten\s+28\s+21", text)) == 1


# --- storing and reusing -----------------------------------------------------------------


@pytest.mark.django_db
def test_request_generates_in_process_and_offers_the_download(
    client_for, municipal_employee, municipality, builds, django_capture_on_commit_callbacks
):
    client = client_for(municipal_employee)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, municipality)
    report = StoredReport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports:pdf-status", args=[report.pk])
    assert (report.state, report.progress, report.requested_by) == ("done", 100, municipal_employee)
    assert report.period_kind == "year" and report.language == "nl"
    page = client.get(response.url).content.decode()
    assert reverse("reports:pdf-download", args=[report.pk]) in page
    assert 'http-equiv="refresh"' not in page


def test_download_is_the_stored_file_with_matching_checksum_and_no_store(
    client_for, municipal_employee, stored
):
    response = client_for(municipal_employee).get(reverse("reports:pdf-download", args=[stored.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith('attachment; filename="rapportage-groningen')
    assert hashlib.sha256(response.content).hexdigest() == stored.checksum
    assert len(response.content) == stored.size
    assert response.content.startswith(b"%PDF-")


def test_same_parameters_reuse_the_done_report_without_regenerating(
    client_for, municipal_employee, municipality, stored, builds, django_capture_on_commit_callbacks
):
    client = client_for(municipal_employee)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, municipality)
    assert response.url == reverse("reports:pdf-status", args=[stored.pk])
    assert StoredReport.objects.count() == 1
    assert builds == [stored.pk]
    again = StoredReport.objects.get()
    assert (again.created_at, again.finished_at, again.checksum) == (
        stored.created_at,
        stored.finished_at,
        stored.checksum,
    )


def test_generate_again_makes_a_fresh_report(
    client_for, municipal_employee, municipality, stored, builds, django_capture_on_commit_callbacks
):
    StoredReport.objects.filter(pk=stored.pk).update(
        created_at=timezone.now() - services.FRESH_AFTER - timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client_for(municipal_employee), municipality, fresh="1")
    fresh = StoredReport.objects.exclude(pk=stored.pk).get()
    assert response.url == reverse("reports:pdf-status", args=[fresh.pk])
    assert fresh.state == "done" and builds == [stored.pk, fresh.pk]


def test_generate_again_right_away_gives_the_report_just_made(
    client_for, municipal_employee, municipality, stored, builds
):
    response = ask(client_for(municipal_employee), municipality, fresh="1")
    assert response.url == reverse("reports:pdf-status", args=[stored.pk])
    assert StoredReport.objects.count() == 1 and builds == [stored.pk]


def test_a_report_older_than_a_day_is_made_anew(
    client_for, municipal_employee, municipality, stored, builds, django_capture_on_commit_callbacks
):
    StoredReport.objects.filter(pk=stored.pk).update(
        finished_at=timezone.now() - services.REUSE_FOR - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        ask(client_for(municipal_employee), municipality)
    assert StoredReport.objects.count() == 2 and len(builds) == 2


def test_a_report_made_before_its_period_ended_is_not_reused(stored):
    period = stored.period
    StoredReport.objects.filter(pk=stored.pk).update(
        finished_at=period.ends_before - timedelta(hours=1)
    )
    params = {
        "kind": stored.kind,
        "municipality": stored.municipality,
        "period_kind": period.kind,
        "period_start": period.start,
        "period_end": period.end,
        "language": stored.language,
    }
    assert services.stored_report_reusable(period=period, **params) is None


def running_report(municipality, *, requested_by) -> StoredReport:
    """A municipal report of the sample period that a worker is making."""
    period = sample_report().period
    return StoredReport.objects.create(
        kind="municipal",
        municipality=municipality,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        language="nl",
        requested_by=requested_by,
        state="running",
    )


def test_a_lost_report_shows_as_failed_and_can_be_made_again(
    client_for, municipal_employee, municipality
):
    lost = running_report(municipality, requested_by=municipal_employee)
    StoredReport.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(hours=1))
    lost.refresh_from_db()
    assert lost.is_lost and not lost.is_busy
    page = client_for(municipal_employee).get(reverse("reports:pdf-status", args=[lost.pk]))
    assert b'http-equiv="refresh"' not in page.content  # it does not wait forever


def test_a_colleague_waiting_on_the_same_report_is_not_promised_an_email(
    client_for, municipal_employee, municipality
):
    busy = running_report(municipality, requested_by=UserFactory(roles=[Role.COORDINATOR]))
    page = client_for(municipal_employee).get(reverse("reports:pdf-status", args=[busy.pk]))
    assert "collega" in page.content.decode()


def test_task_run_twice_regenerates_nothing_and_mails_once(stored, builds):
    assert generate_report(stored.pk) is False
    assert builds == [stored.pk]
    assert len(mail.outbox) == 1


def test_running_report_is_not_started_twice(municipal_employee, municipality, builds):
    report = StoredReport.objects.create(
        kind="municipal",
        municipality=municipality,
        period_kind="year",
        period_start=sample_report().period.start,
        period_end=sample_report().period.end,
        language="nl",
        requested_by=municipal_employee,
        state=StoredReport.State.RUNNING,
    )
    assert services.stored_report_generate(report_id=report.pk) is False
    assert builds == []


def test_email_has_a_link_and_no_figures(stored):
    (message,) = mail.outbox
    assert message.to == ["municipality@example.org"]
    assert settings.SITE_URL + reverse("reports:pdf-status", args=[stored.pk]) in message.body
    for figure in ("734", "Online polarisatie", "Zorgmeldingen", "Gastles"):
        assert figure not in message.body
    assert not message.attachments


def test_failed_generation_is_recorded_and_offered_again(
    client_for, municipal_employee, municipality, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(stored):
        raise RuntimeError("figures broke")

    monkeypatch.setattr(services, "build_report", broken)
    client = client_for(municipal_employee)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, municipality)
    report = StoredReport.objects.get()
    assert (report.state, report.error) == ("failed", "RuntimeError")
    assert 'name="fresh"' in client.get(response.url).content.decode()
    assert mail.outbox == []


def test_status_page_refreshes_itself_while_the_report_is_made(
    client_for, municipal_employee, municipality
):
    report = StoredReport.objects.create(
        kind="municipal",
        municipality=municipality,
        period_kind="year",
        period_start=sample_report().period.start,
        period_end=sample_report().period.end,
        language="nl",
        progress=60,
        state=StoredReport.State.RUNNING,
    )
    client = client_for(municipal_employee)
    page = client.get(reverse("reports:pdf-status", args=[report.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'value="60"' in page
    response = client.get(reverse("reports:pdf-download", args=[report.pk]))
    assert response.status_code == 302
    status = client.get(reverse("reports:pdf-status", args=[report.pk]), {"format": "json"})
    assert status.json() == {"state": "running", "progress": 60, "download": None}


def test_changed_file_is_refused_without_a_server_error(client_for, municipal_employee, stored):
    with open(stored.file.path, "ab") as file:
        file.write(b"tampered")
    response = client_for(municipal_employee).get(reverse("reports:pdf-download", args=[stored.pk]))
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")


def test_missing_file_is_refused_without_a_server_error(client_for, municipal_employee, stored):
    stored.file.storage.delete(stored.file.name)
    response = client_for(municipal_employee).get(reverse("reports:pdf-download", args=[stored.pk]))
    assert response.status_code == 409


# --- permissions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("coordinator", 302), ("role_model", 403), ("professional", 403), ("handler", 403)],
)
def test_request_permissions(
    request, client_for, municipality, builds, persona, status, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(persona)
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(client_for(user), municipality).status_code == status


def test_municipal_staff_cannot_request_another_municipality(
    client_for, municipal_employee, other_municipality, builds
):
    assert ask(client_for(municipal_employee), other_municipality).status_code == 404
    assert not StoredReport.objects.exists()


def test_anonymous_request_goes_to_login(client, municipality, builds):
    response = ask(client, municipality)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_request_with_bad_input(client_for, municipal_employee, municipality, builds):
    client = client_for(municipal_employee)
    url = reverse("reports:pdf-request")
    bad_period = {"kind": "municipal", "gemeente": municipality.pk, "periode": "eeuw"}
    assert client.post(url, bad_period).status_code == 400
    assert client.post(url, {"kind": "municipal", "gemeente": "x", **YEAR_2024}).status_code == 404
    assert client.get(url).status_code == 405
    assert not StoredReport.objects.exists()


@pytest.mark.parametrize("name", ["reports:pdf-status", "reports:pdf-download"])
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("municipal_employee", 200),
        ("coordinator", 200),
        ("role_model", 403),
        ("professional", 403),
        ("outsider", 403),
    ],
)
def test_stored_report_permissions(request, client_for, stored, name, persona, status):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse(name, args=[stored.pk]))
    assert response.status_code == status


@pytest.mark.parametrize("name", ["reports:pdf-status", "reports:pdf-download"])
def test_other_municipalitys_report_does_not_exist_for_municipal_staff(
    client_for, other_municipality, stored, name
):
    elsewhere = UserFactory(roles=[Role.MUNICIPAL], municipalities=[other_municipality])
    assert client_for(elsewhere).get(reverse(name, args=[stored.pk])).status_code == 404


@pytest.mark.parametrize("name", ["reports:pdf-status", "reports:pdf-download"])
def test_anonymous_stored_report_goes_to_login(client, stored, name):
    response = client.get(reverse(name, args=[stored.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_annual_report_for_coordinators_only(
    client_for, coordinator, municipal_employee, builds, django_capture_on_commit_callbacks
):
    data = {"kind": "annual", "jaar": "2024"}
    url = reverse("reports:pdf-request")
    assert client_for(municipal_employee).post(url, data).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(url, data)
    report = StoredReport.objects.get()
    assert (report.kind, report.municipality, report.state) == ("annual", None, "done")
    assert response.url == reverse("reports:pdf-status", args=[report.pk])
    status = client_for(municipal_employee).get(response.url)
    assert status.status_code == 403


# --- with the real figures ---------------------------------------------------------------


def test_municipal_and_annual_reports_render_from_the_real_figures(
    client_for, coordinator, municipality, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, municipality)
        client.post(reverse("reports:pdf-request"), {"kind": "annual", "jaar": "2024"})
    municipal, annual = StoredReport.objects.order_by("pk")
    assert (municipal.state, annual.state) == ("done", "done")
    for report, place in ((municipal, "Groningen"), (annual, None)):
        response = client.get(reverse("reports:pdf-download", args=[report.pk]))
        text = pdf_text(response.content)
        assert place is None or place in text.split("\f")[0]
        assert re.search(r"Pagina 2 van \d+", text)
