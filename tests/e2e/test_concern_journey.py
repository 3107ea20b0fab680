"""A professional reports a concern on his phone; a handler takes it, holds a case conference,
refers it to a partner and closes it; the reporter follows it and says he was satisfied."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from network.models import Organisation
from polrad.accounts.models import User
from signals.models import AccessLog, Category, Concern, SatisfactionAnswer
from signals.workflow import REPORTER_STEP, Outcome, State
from tests.e2e.steps import (
    LOGIN_URL,
    current_code,
    enter_code,
    log_in_with_password,
    on_page,
    path_is,
)

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}
REPORT_START = "/meldingen/melden/"
REPORT_ACUTE = "/meldingen/melden/acuut/"
REPORT_FORM = "/meldingen/melden/formulier/"
MY_REPORTS = "/meldingen/mijn/"
QUEUE = "/meldingen/werkvoorraad/"
TREND_SETTINGS = "/meldingen/trendupdates/"
RECEIPT = re.compile(r"^https?://[^/]+/meldingen/mijn/(\d+)/ontvangen/$")
CATEGORY = "Online uitingen"
OBSERVED = "Een leerling deelt in de klassenapp filmpjes van een extremistische groep."
ORGANISATION = "Noorderpoortcollege, team Zorg"
# What the handler writes for her colleagues; the reporter must never read it.
OUTCOME_TEXT = "Intern: gesprek met mentor en ouders gevoerd; geen verdere zorgen."
DECISIONS = "Jongerenwerk zoekt de leerling op; school houdt de klassenapp in de gaten."
MESSAGE = "Dank voor uw melding. We hebben het met partners besproken en zijn ermee bezig."


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

    # He checks what the acute-danger link says: call 112 now.
    pieter.goto(REPORT_ACUTE)
    expect(pieter.locator("main")).to_contain_text("112")
    assert_accessible(pieter)
    pieter.goto(REPORT_START)

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
    hamid.goto(f"{QUEUE}?view=new")  # the demo queue holds more than one page
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

    detail = f"/meldingen/{pk}/"
    # He discusses it at a case conference with the school and youth work, and records it.
    hamid.locator(
        "main details", has=hamid.locator(f'form[action="{detail}casusoverleg/"]')
    ).locator("summary").click()
    conference = hamid.locator(f'main form[action="{detail}casusoverleg/"]')
    conference.locator('[name="conference-held_on"]').fill(today.isoformat())
    conference.locator('[name="conference-organisations"]').first.check()
    conference.locator('[name="conference-decisions"]').fill(DECISIONS)
    conference.locator('button[type="submit"]').click()
    expect(hamid).to_have_url(path_is(detail))
    expect(hamid.locator(".alert-success")).to_be_visible()
    expect(hamid.locator("main")).to_contain_text(DECISIONS)
    assert_accessible(hamid)  # the detail page with its casework
    concern.refresh_from_db()
    assert concern.state == State.CASE_CONFERENCE and concern.conferences.count() == 1

    # He tells Pieter, in a message Pieter will see, that partners are on it.
    note = hamid.locator(f'main form[action="{detail}notitie/"]')
    note.locator('[name="note-text"]').fill(MESSAGE)
    note.locator('[name="note-to_reporter"]').check()
    note.locator('button[type="submit"]').click()
    expect(hamid.locator(".alert-success")).to_be_visible()

    # The conference decided to refer the pupil to youth work; he records what was shared.
    partner = (
        Organisation.objects.filter(is_active=True, municipalities=concern.municipality)
        .order_by("name", "pk")
        .first()
    )
    hamid.locator(
        "main details", has=hamid.locator(f'form[action="{detail}doorverwijzen/"]')
    ).locator("summary").click()
    referral = hamid.locator(f'main form[action="{detail}doorverwijzen/"]')
    referral.locator('[name="referral-organisation"]').select_option(str(partner.pk))
    referral.locator('[name="referral-shared"]').fill("Leeftijd, school en wat er gedeeld werd.")
    referral.locator('[name="referral-reason"]').fill("Jongerenwerk kent de leerling.")
    referral.locator('button[type="submit"]').click()
    expect(hamid).to_have_url(path_is(detail))
    expect(hamid.locator(".alert-success")).to_be_visible()
    expect(hamid.locator("main")).to_contain_text(partner.name)
    assert_accessible(hamid)
    concern.refresh_from_db()
    assert concern.state == State.REFERRED and concern.referrals.get().organisation == partner

    # After hearing back from the partner he closes it, with the outcome and an internal note.
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
    assert concern.transitions.count() == 5
    # Every time he opened the concern was recorded.
    assert AccessLog.objects.filter(user=handler, concern=concern).exists()

    # Pieter looks at his report again: a timeline of what happened, but not the handler's
    # internal explanation.
    pieter.goto(f"{MY_REPORTS}{pk}/")
    expect(pieter).to_have_url(path_is(f"{MY_REPORTS}{pk}/"))
    expect(pieter.locator("main h1")).to_contain_text(concern.reference)
    steps = pieter.locator("main ol.timeline > li")
    expect(steps).to_have_count(5)
    for index, state in enumerate(
        [State.SUBMITTED, State.IN_ASSESSMENT, State.CASE_CONFERENCE, State.REFERRED, State.CLOSED]
    ):
        expect(steps.nth(index)).to_contain_text(on_page(REPORTER_STEP[state]))
    expect(pieter.locator("main")).to_contain_text(on_page(Outcome.ADVICE.label))
    expect(pieter.locator("main")).to_contain_text(MESSAGE)
    assert OUTCOME_TEXT not in pieter.content()
    assert "gesprek met mentor" not in pieter.locator("body").inner_text()
    assert DECISIONS not in pieter.content() and partner.name not in pieter.content()
    assert_accessible(pieter)

    # The email about the closing asks whether he was satisfied: he clicks "yes".
    closed_mail = next(m for m in reversed(mail.outbox) if "/tevredenheid/" in m.body)
    assert closed_mail.to == ["professional@example.org"] and OBSERVED not in closed_mail.body
    yes = next(
        line.split(" ")[-1] for line in closed_mail.body.splitlines() if "antwoord=yes" in line
    )
    pieter.goto("/" + yes.split("://", 1)[1].split("/", 1)[1])  # on this test's server
    expect(pieter.locator('[name="satisfied"][value="yes"]')).to_be_checked()
    assert_accessible(pieter)
    pieter.locator('main form[method="post"] button[type="submit"]').click()
    expect(pieter.locator("main")).to_contain_text(
        on_page("Thank you for your answer. It helps the network to do better.")
    )
    answer = SatisfactionAnswer.objects.get(concern=concern)
    assert answer.satisfied and answer.closed_at == concern.closed_at

    # He also chooses how often he wants the network's trend update.
    pieter.goto(TREND_SETTINGS)
    expect(pieter).to_have_url(path_is(TREND_SETTINGS))
    assert_accessible(pieter)
