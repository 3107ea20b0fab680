"""A professional reports a concern on her phone; a handler takes it, assesses it and closes it."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from polrad.accounts.models import User
from signals.models import AccessLog, Category, Concern
from signals.workflow import Outcome, State
from tests.e2e.steps import LOGIN_URL, current_code, enter_code, log_in_with_password, path_is

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}
REPORT_START = "/meldingen/melden/"
REPORT_ACUTE = "/meldingen/melden/acuut/"
REPORT_FORM = "/meldingen/melden/formulier/"
MY_REPORTS = "/meldingen/mijn/"
QUEUE = "/meldingen/werkvoorraad/"
RECEIPT = re.compile(r"^https?://[^/]+/meldingen/mijn/(\d+)/ontvangen/$")
CATEGORY = "Online uitingen"
OBSERVED = "Een leerling deelt in de klassenapp filmpjes van een extremistische groep."
ORGANISATION = "Noorderpoortcollege, team Zorg"
# What the handler writes for her colleagues; the reporter must never read it.
OUTCOME_TEXT = "Intern: gesprek met mentor en ouders gevoerd; geen verdere zorgen."


def test_professional_reports_a_concern_and_a_handler_closes_it(new_page, assert_accessible):
    # Pieter, a school counsellor, is worried about a pupil. Between two lessons he opens the
    # platform on his phone and goes to the page about reporting: what it is for, who reads
    # it, and to call 112 when someone is in acute danger.
    pieter = new_page()
    pieter.set_viewport_size(PHONE)
    pieter.goto(LOGIN_URL)
    log_in_with_password(pieter, "professional@example.org")
    enter_code(pieter, current_code())
    pieter.goto(REPORT_START)
    expect(pieter).to_have_url(path_is(REPORT_START))
    expect(pieter.locator(f'main .alert-danger a[href="{REPORT_ACUTE}"]')).to_be_visible()
    assert_accessible(pieter)

    # There is no acute danger, so he continues to the form.
    pieter.locator(f'main a.btn[href="{REPORT_FORM}"]').click()
    expect(pieter).to_have_url(path_is(REPORT_FORM))
    assert_accessible(pieter)

    # He describes what he saw, without names, and marks it as normal urgency.
    reported_before = Concern.objects.count()
    today = timezone.localdate()
    category = Category.objects.get(name=CATEGORY)
    pieter.locator('[name="category"]').select_option(str(category.pk))
    pieter.locator('[name="observed"]').fill(OBSERVED)
    pieter.locator('[name="observed_on"]').fill(today.isoformat())
    pieter.locator('[name="municipality"]').select_option(label="Groningen")
    pieter.locator('[name="setting"]').select_option(Concern.Setting.SCHOOL)
    pieter.locator('[name="people_count"]').fill("1")
    pieter.locator('[name="age_bracket"]').select_option(Concern.AgeBracket.TEEN)
    pieter.locator('[name="minors_involved"]').check()
    pieter.locator('[name="reporter_organisation"]').fill(ORGANISATION)
    pieter.locator('[name="urgency"][value="normal"]').check()
    pieter.locator('button[name="step"][value="review"]').click()

    # Step 2: he checks what he filled in. Nothing is stored yet.
    expect(pieter.locator('button[name="step"][value="send"]')).to_be_visible()
    expect(pieter.locator("main dl")).to_contain_text(OBSERVED)
    assert Concern.objects.count() == reported_before
    assert_accessible(pieter)

    # He sends it and gets a receipt with the reference code at once.
    pieter.locator('button[name="step"][value="send"]').click()
    expect(pieter).to_have_url(RECEIPT)
    pk = int(RECEIPT.match(pieter.url).group(1))
    concern = Concern.objects.get(pk=pk)
    expect(pieter.locator("main .reference")).to_have_text(concern.reference)
    assert_accessible(pieter)
    assert concern.reporter.email == "professional@example.org"
    assert concern.state == State.SUBMITTED
    assert concern.municipality.name == "Groningen"
    assert (concern.category, concern.observed, concern.observed_on) == (category, OBSERVED, today)
    assert (concern.setting, concern.people_count, concern.minors_involved) == (
        Concern.Setting.SCHOOL,
        1,
        True,
    )
    assert concern.reporter_organisation == ORGANISATION
    assert concern.urgency == Concern.Urgency.NORMAL

    # Under "My reports" the new report is listed with its reference.
    pieter.goto(MY_REPORTS)
    expect(pieter.locator(f'main a[href="{MY_REPORTS}{pk}/"]')).to_have_text(concern.reference)
    assert_accessible(pieter)

    # Hamid, a handler for the city of Groningen, opens his work queue and finds it there.
    hamid = new_page()
    hamid.goto(LOGIN_URL)
    log_in_with_password(hamid, "handler@example.org")
    enter_code(hamid, current_code())
    hamid.goto(QUEUE)
    expect(hamid).to_have_url(path_is(QUEUE))
    link = hamid.locator(f'main tbody a[href="/meldingen/{pk}/"]')
    expect(link).to_have_text(concern.reference)
    assert_accessible(hamid)

    # He opens it, and takes it.
    link.click()
    expect(hamid).to_have_url(path_is(f"/meldingen/{pk}/"))
    expect(hamid.locator("main h1")).to_contain_text(concern.reference)
    assert_accessible(hamid)
    hamid.locator(f'main form[action="/meldingen/{pk}/oppakken/"] button[type="submit"]').click()
    expect(hamid).to_have_url(path_is(f"/meldingen/{pk}/"))
    expect(hamid.locator(".alert-success")).to_be_visible()
    expect(hamid.locator(f'main form[action="/meldingen/{pk}/oppakken/"]')).to_have_count(0)
    assert_accessible(hamid)
    handler = User.objects.get(email="handler@example.org")
    concern.refresh_from_db()
    assert concern.assigned_to == handler

    # He starts the assessment.
    move = hamid.locator(f'main form[action="/meldingen/{pk}/status/"]')
    move.locator('[name="to"]').select_option(State.IN_ASSESSMENT)
    move.locator('button[type="submit"]').click()
    expect(hamid).to_have_url(path_is(f"/meldingen/{pk}/"))
    expect(hamid.locator(".alert-success")).to_be_visible()
    expect(move.locator('[name="outcome"]')).to_be_visible()
    assert_accessible(hamid)
    concern.refresh_from_db()
    assert concern.state == State.IN_ASSESSMENT

    # After talking to the school he closes it, with the outcome and an internal explanation.
    move.locator('[name="to"]').select_option(State.CLOSED)
    move.locator('[name="outcome"]').select_option(Outcome.ADVICE)
    move.locator('[name="outcome_text"]').fill(OUTCOME_TEXT)
    move.locator('button[type="submit"]').click()
    expect(hamid).to_have_url(path_is(f"/meldingen/{pk}/"))
    expect(hamid.locator(".alert-success")).to_be_visible()
    assert_accessible(hamid)
    concern.refresh_from_db()
    assert concern.state == State.CLOSED
    assert concern.outcome == Outcome.ADVICE
    assert concern.outcome_text == OUTCOME_TEXT
    assert concern.closed_at is not None
    assert concern.transitions.count() == 3
    # Every time he opened the concern was recorded.
    assert AccessLog.objects.filter(user=handler, concern=concern).exists()

    # Pieter looks at his report again: a timeline of what happened, but not the handler's
    # internal explanation.
    pieter.goto(f"{MY_REPORTS}{pk}/")
    expect(pieter).to_have_url(path_is(f"{MY_REPORTS}{pk}/"))
    expect(pieter.locator("main h1")).to_contain_text(concern.reference)
    steps = pieter.locator("main ol.timeline > li")
    expect(steps).to_have_count(3)
    assert OUTCOME_TEXT not in pieter.content()
    assert "gesprek met mentor" not in pieter.locator("body").inner_text()
    assert_accessible(pieter)
