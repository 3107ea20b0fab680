"""A professional enrols in the basic training; the trainer registers attendance on her phone;
the professional downloads his certificate and a stranger verifies it."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from polrad.accounts.models import User
from tests.e2e.steps import (
    LOGIN_URL,
    current_code,
    enter_code,
    log_in_with_password,
    on_page,
    path_is,
)
from tests.trainings.factories import EnrolmentFactory, SessionFactory
from trainings.models import Certificate, Programme, Session
from trainings.workflow import Attendance, Audience, EnrolmentState, SessionState

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}
CALENDAR = "/trainingen/"
MY_CERTIFICATES = "/trainingen/mijn-certificaten/"
VERIFY = "/trainingen/verifieren/"
VERIFIED = re.compile(r"^https?://[^/]+/trainingen/verifieren/([A-Z0-9-]+)/$")
BASIC_TRAINING = "Basistraining Signalering van polarisatie en radicalisering"
TITLE = "Basistraining signalering, groep Zernike"
PIETER = "professional@example.org"
CORA = "coordinator@example.org"


def basic_training_group(trainer):
    """The basic training as the network runs it: Pieter attended all but its last part,
    which starts in three days and still has seats."""
    programme, _created = Programme.objects.get_or_create(
        name=BASIC_TRAINING,
        defaults={"audience": Audience.PROFESSIONALS, "required_sessions": 2},
    )
    pieter = User.objects.get(email=PIETER)
    for weeks_ago in range(programme.required_sessions - 1, 0, -1):
        starts_at = timezone.now() - timedelta(weeks=weeks_ago)
        held = SessionFactory(
            programme=programme,
            title=f"{TITLE}, eerder deel",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=3),
            state=SessionState.HELD,
        )
        EnrolmentFactory(
            session=held,
            user=pieter,
            full_name=pieter.full_name,
            email=pieter.email,
            attendance=Attendance.PRESENT,
        )
    starts_at = timezone.now() + timedelta(days=3)
    last = SessionFactory(
        programme=programme,
        title=TITLE,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        capacity=20,
    )
    last.trainers.add(trainer)
    return programme, last


def test_professional_is_trained_certified_and_verified(new_page, assert_accessible):
    cora = User.objects.get(email=CORA)
    programme, session = basic_training_group(trainer=cora)
    session_url = f"/trainingen/{session.pk}/"

    # Pieter, a school counsellor, wants to finish the basic training. He opens the calendar of
    # trainings and narrows it down to the basic training.
    pieter = new_page()
    pieter.goto(LOGIN_URL)
    log_in_with_password(pieter, PIETER)
    enter_code(pieter, current_code())
    pieter.goto(CALENDAR)
    expect(pieter.locator('main nav a[aria-current="page"]')).to_have_attribute("href", CALENDAR)
    assert_accessible(pieter)
    pieter.locator('main form[role="search"] [name="programme"]').select_option(str(programme.pk))
    pieter.locator('main form[role="search"] button[type="submit"]').click()
    expect(pieter).to_have_url(re.compile(rf"[?&]programme={programme.pk}\b"))
    assert_accessible(pieter)

    # He finds the last part of his group, opens it and enrols.
    pieter.locator("main table").get_by_role("link", name=TITLE, exact=True).click()
    expect(pieter).to_have_url(path_is(session_url))
    assert_accessible(pieter)
    pieter.locator(f'main form[action="{session_url}inschrijven/"] button').click()
    expect(pieter).to_have_url(path_is(session_url))
    expect(pieter.locator(".alert-success")).to_be_visible()
    assert_accessible(pieter)
    enrolment = session.enrolments.get(email=PIETER)
    assert enrolment.state == EnrolmentState.ENROLLED

    # Three days later the session takes place (we move it to this morning).
    starts_at = timezone.now() - timedelta(hours=4)
    Session.objects.filter(pk=session.pk).update(
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=3)
    )

    # Cora, the trainer, ticks off the participants on her phone at the end of the session.
    cora_page = new_page()
    cora_page.set_viewport_size(PHONE)
    cora_page.goto(LOGIN_URL)
    log_in_with_password(cora_page, CORA)
    enter_code(cora_page, current_code())
    cora_page.goto(session_url)
    assert_accessible(cora_page)
    cora_page.locator(f'main a[href="{session_url}aanwezigheid/"]').click()
    expect(cora_page).to_have_url(path_is(f"{session_url}aanwezigheid/"))
    assert_accessible(cora_page)
    present = cora_page.locator(
        f'input[name="attendance_{enrolment.pk}"][value="{Attendance.PRESENT}"]'
    )
    cora_page.locator(f'label[for="{present.get_attribute("id")}"]').click()
    expect(present).to_be_checked()
    cora_page.locator('main form[method="post"] button[type="submit"]').click()
    expect(cora_page).to_have_url(path_is(f"{session_url}aanwezigheid/"))
    expect(cora_page.locator(".alert-success")).to_be_visible()
    expect(present).to_be_checked()
    assert_accessible(cora_page)
    enrolment.refresh_from_db()
    session.refresh_from_db()
    assert enrolment.attendance == Attendance.PRESENT
    assert session.state == SessionState.HELD

    # Having attended every part, Pieter has a certificate. He downloads it as a PDF.
    certificate = Certificate.objects.get(programme=programme, email=PIETER)
    pieter.goto(MY_CERTIFICATES)
    expect(pieter.locator('main nav a[aria-current="page"]')).to_have_attribute(
        "href", MY_CERTIFICATES
    )
    row = pieter.locator("main tbody tr", has_text=programme.name)
    expect(row.locator("code")).to_have_text(certificate.code)
    expect(pieter.locator(f'main a[href="{VERIFY}"]')).to_be_visible()
    assert_accessible(pieter)
    link = row.locator('a[href$=".pdf"]')
    response = pieter.request.get(link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    with pieter.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")

    # An employer Pieter applies to checks the code on the public verification page.
    stranger = new_page()
    stranger.goto(VERIFY)
    assert_accessible(stranger)
    stranger.locator('main input[name="code"]').fill(certificate.code)
    stranger.locator('main form[method="get"] button[type="submit"]').click()
    expect(stranger).to_have_url(VERIFIED)
    result = stranger.locator('main section[aria-labelledby="result"]')
    expect(result.locator("h2")).to_have_text(on_page("This certificate is valid"))
    expect(result).to_contain_text("Pieter Professional")
    expect(result).to_contain_text(BASIC_TRAINING)
    expect(result).not_to_contain_text(PIETER)
    assert_accessible(stranger)
