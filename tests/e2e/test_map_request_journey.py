"""A teacher without an account asks for the social map on her phone; a coordinator emails it."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from network.map_requests import MapRequest
from tests.e2e.steps import LOGIN_URL, current_code, enter_code, log_in_with_password, path_is

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}
FORM = "/sociale-kaart/aanvragen/"
THANKS = "/sociale-kaart/aanvragen/bedankt/"
OPEN_REQUESTS = "/sociale-kaart/aanvragen/overzicht/?status=open"
DETAIL = re.compile(r"^https?://[^/]+/sociale-kaart/aanvragen/(\d+)/$")


def fits_the_screen(page) -> bool:
    """Nothing sticks out sideways: the visitor never has to scroll horizontally."""
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_visitor_asks_for_the_map_and_a_coordinator_emails_it(new_page, assert_accessible):
    # Anouk, a teacher in Groningen, finds the request form below the login page.
    anouk = new_page()
    anouk.set_viewport_size(PHONE)
    anouk.goto(LOGIN_URL)
    anouk.locator(f'footer a[href="{FORM}"]').click()
    expect(anouk).to_have_url(path_is(FORM))
    assert_accessible(anouk)
    assert fits_the_screen(anouk), "the request form scrolls sideways on a phone"

    anouk.locator('[name="full_name"]').fill("Anouk de Vries")
    anouk.locator('[name="email"]').fill("anouk@regenboog.example")
    anouk.locator('[name="organisation"]').fill("Kindcentrum De Regenboog")
    anouk.locator('[name="municipality"]').select_option(label="Groningen")
    anouk.locator('[name="purpose"]').fill("Partners zoeken voor een project over samenleven.")
    anouk.locator('main form button[type="submit"]').click()
    expect(anouk).to_have_url(path_is(THANKS))
    assert_accessible(anouk)
    assert fits_the_screen(anouk)

    # The coordinator sees it among the open requests and answers it with the map.
    coordinator = new_page()
    coordinator.goto(LOGIN_URL)
    log_in_with_password(coordinator, "coordinator@example.org")
    enter_code(coordinator, current_code())
    coordinator.goto(OPEN_REQUESTS)
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name="Kindcentrum De Regenboog").click()
    expect(coordinator).to_have_url(DETAIL)
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Kaart mailen").click()
    expect(coordinator.locator("#request-state")).to_have_text("Kaart verstuurd")
    expect(coordinator.locator("#request-log")).to_contain_text("Kaart per e-mail verstuurd")
    assert_accessible(coordinator)

    request = MapRequest.objects.get(email="anouk@regenboog.example")
    assert request.state == MapRequest.State.MAP_SENT
    sent = [m for m in mail.outbox if m.to == ["anouk@regenboog.example"]]
    assert len(sent) == 1
    ((filename, content, mimetype),) = sent[0].attachments
    assert mimetype == "application/pdf"
    assert filename == "sociale-kaart-groningen.pdf" and content.startswith(b"%PDF")
