"""A municipal officer runs a short neighbourhood analysis from start to PDF and finds its
actions on the action list; a coordinator updates basis op orde and sees the change in the
municipal dashboard."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from network.models import Municipality
from polrad.analysis.models import Action, Analysis, Assessment
from tests.e2e.steps import (
    LOGIN_URL,
    current_code,
    enter_code,
    log_in_with_password,
    path_is,
)

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}
DETAIL = re.compile(r"^https?://[^/]+/analyses/(\d+)/$")
GERDA = "municipality@example.org"
CORA = "coordinator@example.org"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_municipal_officer_runs_a_short_neighbourhood_analysis_to_the_pdf(
    new_page, assert_accessible
):
    groningen = Municipality.objects.get(cbs_code="GM0014")
    today = timezone.localdate()
    gerda = new_page()
    gerda.set_viewport_size(PHONE)
    gerda.goto(LOGIN_URL)
    log_in_with_password(gerda, GERDA)
    gerda.goto("/analyses/")
    assert_accessible(gerda)
    assert fits_the_phone(gerda)

    # She starts the short version for tonight's neighbourhood meeting.
    gerda.locator('main a[href="/analyses/nieuw/"]').click()
    form = gerda.locator("main form")
    form.locator('[name="neighbourhood"]').fill("Selwerd")
    form.locator('[name="title"]').fill("Wijkoverleg Selwerd")
    form.locator('[name="kind"]').select_option("short")
    form.locator('[name="date"]').fill(today.isoformat())
    form.locator('[name="facilitator"]').fill("Wijkregisseur")
    form.locator('[name="follow_up_date"]').fill((today + timedelta(days=90)).isoformat())
    assert_accessible(gerda)
    form.locator('button[type="submit"]').click()
    expect(gerda).to_have_url(DETAIL)
    analysis = Analysis.objects.get(pk=int(DETAIL.match(gerda.url).group(1)))
    assert analysis.municipality == groningen and analysis.is_short
    # Nobody at the table yet: the page warns.
    expect(gerda.locator("main .alert-warning")).to_contain_text("Nog niet aan tafel")
    assert_accessible(gerda)
    assert fits_the_phone(gerda)

    # She adds the youth worker's organisation for the social domain.
    gerda.locator(f'main a[href="/analyses/{analysis.pk}/deelnemers/nieuw/"]').click()
    gerda.locator('[name="organisation"]').select_option(index=1)
    gerda.locator('[name="domain"]').select_option(label="Sociaal domein")
    assert_accessible(gerda)
    gerda.locator('main form button[type="submit"]').click()
    expect(gerda).to_have_url(DETAIL)
    assert analysis.participants.count() == 1

    # On a laptop in the meeting: every step on one screen.
    gerda.set_viewport_size({"width": 1280, "height": 800})
    gerda.goto(f"/analyses/{analysis.pk}/kort/")
    assert_accessible(gerda)
    gerda.get_by_label("Overlast door jongeren").check()
    gerda.get_by_label("Straat of plein").check()
    gerda.locator('[name="s5_phase"]').first.check()
    gerda.locator('[name="s6_notes"]').fill("Bruggenbouwers uit de wijk uitnodigen.")
    gerda.locator('main form button[type="submit"]').first.click()
    expect(gerda).to_have_url(DETAIL)
    analysis.refresh_from_db()
    assert analysis.phase is not None and analysis.ticked.count() == 2

    # She prints the checklist for next time and agrees an action.
    with gerda.expect_download() as download:
        gerda.locator(f'main a[href="/analyses/{analysis.pk}/checklist.pdf"]').click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    gerda.locator(f'main a[href="/analyses/{analysis.pk}/acties/nieuw/"]').click()
    gerda.locator('[name="what"]').fill("Avondronde met het jongerenwerk")
    gerda.locator('[name="owner_organisation"]').select_option(index=1)
    gerda.locator('[name="due_date"]').fill((today + timedelta(days=14)).isoformat())
    assert_accessible(gerda)
    gerda.locator('main form button[type="submit"]').click()
    expect(gerda).to_have_url(DETAIL)
    assert Action.objects.filter(analysis=analysis).count() == 1

    # The analysis as a PDF for the file.
    with gerda.expect_download() as download:
        gerda.locator(f'main a[href="/analyses/{analysis.pk}/analyse.pdf"]').click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")

    # The action is on the action list, also on her phone.
    gerda.set_viewport_size(PHONE)
    gerda.goto("/analyses/acties/")
    expect(gerda.locator("main table")).to_contain_text("Avondronde met het jongerenwerk")
    assert_accessible(gerda)
    assert fits_the_phone(gerda)


def test_coordinator_updates_basis_op_orde_and_sees_it_in_the_dashboard(
    new_page, assert_accessible
):
    groningen = Municipality.objects.get(cbs_code="GM0014")
    before = Assessment.objects.filter(municipality=groningen).count()
    cora = new_page()
    cora.goto(LOGIN_URL)
    log_in_with_password(cora, CORA)
    enter_code(cora, current_code())
    expect(cora).to_have_url(path_is("/"))
    cora.goto("/analyses/basis-op-orde/")
    assert_accessible(cora)
    cora.locator(f'main a[href="/analyses/basis-op-orde/{groningen.pk}/"]').click()
    expect(cora.locator("main")).to_contain_text("Uit de gegevens:")
    assert_accessible(cora)

    # A new assessment: everything as before, but the vision is now in order.
    cora.locator(f'main a[href="/analyses/basis-op-orde/{groningen.pk}/nieuw/"]').click()
    assert_accessible(cora)
    date_field = cora.locator('[name="date"]')
    date_field.fill((timezone.localdate()).isoformat())
    statuses = cora.locator('select[name$="_status"]')
    for index in range(statuses.count()):
        statuses.nth(index).select_option("partly")
    statuses.first.select_option("in_order")
    cora.locator('main form button[type="submit"]').last.click()
    expect(cora).to_have_url(path_is(f"/analyses/basis-op-orde/{groningen.pk}/"))
    assert Assessment.objects.filter(municipality=groningen).count() == before + 1

    # The municipal dashboard shows it beside the previous assessment.
    cora.goto(f"/rapportages/gemeente/{groningen.pk}/")
    section = cora.locator("main #section-analysis")
    expect(section).to_contain_text("Analyse en regie")
    expect(section).to_contain_text("Op orde")
    assert_accessible(cora)
    cora.set_viewport_size(PHONE)
    cora.goto(f"/analyses/basis-op-orde/{groningen.pk}/")
    assert_accessible(cora)
    assert fits_the_phone(cora)
