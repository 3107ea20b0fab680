"""A municipal officer looks at what the network did in her municipality, changes the period
and downloads the report as a PDF for the council; a coordinator opens the annual report."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from network.models import Municipality
from polrad.accounts.models import User
from polrad.reports.models import StoredReport
from tests.e2e.steps import (
    LOGIN_URL,
    current_code,
    enter_code,
    log_in_with_password,
    on_page,
    path_is,
)

pytestmark = pytest.mark.e2e

DASHBOARD = "/"
REPORTS = "/rapportages/"
MUNICIPAL = re.compile(r"^https?://[^/]+/rapportages/gemeente/(\d+)/(\?.*)?$")
STATUS = re.compile(r"^https?://[^/]+/rapportages/pdf/(\d+)/$")
GERDA = "municipality@example.org"
CORA = "coordinator@example.org"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Stored PDFs go to a temporary folder, not the project's var/media."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def query(page) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlparse(page.url).query).items()}


def choose_period(page, periode: str, **fields: str) -> None:
    """Fill the dashboard's period form and show the dashboard for it."""
    form = page.locator('main form[method="get"]')
    form.locator('[name="periode"]').select_option(periode)
    for name, value in fields.items():
        field = form.locator(f'[name="{name}"]')
        if name in ("van", "tot"):
            field.fill(value)
        else:
            field.select_option(value)
    form.locator('button[type="submit"]').click()
    expect(page).to_have_url(MUNICIPAL)
    assert query(page)["periode"] == periode


def test_municipal_officer_changes_the_period_and_downloads_the_pdf(new_page, assert_accessible):
    groningen = Municipality.objects.get(cbs_code="GM0014")
    gerda_user = User.objects.get(email=GERDA)
    assert not TOTPDevice.objects.filter(user=gerda_user).exists(), "she logs in with a password"
    last_year = timezone.localdate().year - 1

    # Gerda works for the municipality of Groningen. She logs in (no second step for her
    # role unless she set one up) and opens the reports from the navigation.
    gerda = new_page()
    gerda.goto(LOGIN_URL)
    log_in_with_password(gerda, GERDA)
    expect(gerda).to_have_url(path_is(DASHBOARD))
    gerda.locator(f'header nav a.nav-link[href="{REPORTS}"]').click()
    expect(gerda).to_have_url(path_is(REPORTS))
    assert_accessible(gerda)

    # Only her own municipality is listed; she opens its dashboard (the last whole quarter).
    scope = gerda.locator('main section[aria-labelledby="in-scope"] li a')
    expect(scope).to_have_count(1)
    expect(scope).to_have_text(groningen.name)
    scope.click()
    expect(gerda).to_have_url(MUNICIPAL)
    assert int(MUNICIPAL.match(gerda.url).group(1)) == groningen.pk
    assert query(gerda)["periode"] == "kwartaal"
    expect(gerda.locator("main h1")).to_contain_text(groningen.name)
    assert_accessible(gerda)

    # The council reports per year: she chooses last year.
    choose_period(gerda, "jaar", jaar=str(last_year))
    assert query(gerda)["jaar"] == str(last_year)
    expect(gerda.locator("main .lead")).to_contain_text(str(last_year))
    expect(gerda.locator("main .lead")).to_contain_text(str(last_year - 1))
    expect(gerda.locator(".alert-warning")).to_have_count(0)
    assert_accessible(gerda)

    # She sees the key figures of every section, this year beside the one before ...
    activities = gerda.locator("main #section-activities")
    key_figures = activities.locator("table.key-figures")
    expect(key_figures).to_be_visible()
    expect(key_figures.locator("thead")).to_contain_text(str(last_year))
    for key in ("activities", "role-models", "trainings", "network", "concerns"):
        expect(gerda.locator(f"main #section-{key} h2")).to_be_visible()
    # ... and charts drawn on the server, each with a title, a description and its table.
    charted = gerda.locator("main .report-table", has=gerda.locator("svg[role=img]")).first
    chart = charted.locator("svg[role=img]")
    expect(chart).to_be_visible()
    expect(chart.locator("title")).not_to_be_empty()
    expect(chart.locator("desc")).not_to_be_empty()
    expect(charted.locator("table caption")).to_have_text(chart.locator("title").text_content())
    assert charted.locator("table tbody tr").count() > 0

    # Out of curiosity she looks at a single month and at custom dates too.
    choose_period(gerda, "maand", jaar=str(last_year), maand="6")
    assert query(gerda)["maand"] == "6"
    assert_accessible(gerda)
    choose_period(gerda, "aangepast", van=f"{last_year}-03-01", tot=f"{last_year}-08-31")
    assert query(gerda)["van"] == f"{last_year}-03-01"
    expect(gerda.locator(".alert-warning")).to_have_count(0)
    assert_accessible(gerda)

    # Back to the year, which she downloads as a PDF for the council.
    choose_period(gerda, "jaar", jaar=str(last_year))
    gerda.locator(f'main form[action="{REPORTS}pdf/"] button[type="submit"]').click()
    expect(gerda).to_have_url(STATUS)
    stored = StoredReport.objects.get(pk=int(STATUS.match(gerda.url).group(1)))
    assert (stored.kind, stored.municipality_id) == (StoredReport.Kind.MUNICIPAL, groningen.pk)
    assert (stored.period_start.isoformat(), stored.period_end.isoformat()) == (
        f"{last_year}-01-01",
        f"{last_year}-12-31",
    )
    # Without a worker the report is made right away: the page offers the download.
    download_link = gerda.locator(f'main a[href="{REPORTS}pdf/{stored.pk}/download/"]')
    expect(download_link).to_have_text(on_page("Download the PDF"))
    assert_accessible(gerda)
    with gerda.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    stored.refresh_from_db()
    assert stored.state == StoredReport.State.DONE and stored.checksum


def test_coordinator_opens_the_annual_report(new_page, assert_accessible):
    last_year = timezone.localdate().year - 1

    cora = new_page()
    cora.goto(LOGIN_URL)
    log_in_with_password(cora, CORA)
    enter_code(cora, current_code())
    expect(cora).to_have_url(path_is(DASHBOARD))
    cora.goto(REPORTS)
    assert_accessible(cora)

    annual = f"{REPORTS}jaarverslag/{last_year}/"
    cora.locator(f'main a[href="{annual}"]').click()
    expect(cora).to_have_url(path_is(annual))
    expect(cora.locator("main h1")).to_contain_text(str(last_year))
    expect(cora.locator("main svg[role=img]").first).to_be_visible()
    assert_accessible(cora)

    # The figures on concerns: the whole network, month by month, small numbers hidden.
    cora.goto(REPORTS)
    cora.locator('main a[href="/meldingen/cijfers/"]').click()
    expect(cora).to_have_url(path_is("/meldingen/cijfers/"))
    expect(cora.locator("main table").first).to_be_visible()
    assert_accessible(cora)
