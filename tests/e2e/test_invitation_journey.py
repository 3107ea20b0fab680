"""A coordinator invites a professional, who chooses a password and sets up two-factor."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import (
    LOGIN_URL,
    SETUP_URL,
    VERIFY_URL,
    current_code,
    enter_code,
    log_in_with_password,
    log_out,
    nav_hrefs,
    path_is,
)

pytestmark = pytest.mark.e2e

INVITE_URL = "/account/gebruikers/uitnodigen/"
USER_LIST_URL = "/account/gebruikers/"
INVITATION_LINK = re.compile(r"/account/uitnodiging/[^/\s]+/[^/\s]+/")
INVITEE_EMAIL = "pieter.dewit@example.org"
INVITEE_PASSWORD = "fietsen langs het Reitdiep in de regen"


def test_coordinator_invites_a_professional_who_sets_up_two_factor(
    new_page, assert_accessible, mailoutbox
):
    # The coordinator invites Pieter as a professional.
    coordinator = new_page()
    coordinator.goto(LOGIN_URL)
    log_in_with_password(coordinator, "coordinator@example.org")
    expect(coordinator).to_have_url(path_is(VERIFY_URL))
    enter_code(coordinator, current_code())
    expect(coordinator).to_have_url(path_is("/"))

    coordinator.goto(USER_LIST_URL)
    coordinator.locator(f'main a[href="{INVITE_URL}"]').click()
    expect(coordinator).to_have_url(path_is(INVITE_URL))
    assert_accessible(coordinator)
    coordinator.locator('input[name="email"]').fill(INVITEE_EMAIL)
    coordinator.locator('input[name="full_name"]').fill("Pieter de Wit")
    coordinator.locator('input[name="roles"][value="professional"]').check()
    coordinator.locator('main form[method="post"] button[type="submit"]').click()
    expect(coordinator).to_have_url(path_is(USER_LIST_URL))
    expect(coordinator.locator("main .alert-success")).to_contain_text(INVITEE_EMAIL)
    log_out(coordinator)

    assert [m.to for m in mailoutbox] == [[INVITEE_EMAIL]]
    link = INVITATION_LINK.search(mailoutbox[0].body)
    assert link, f"no invitation link in:\n{mailoutbox[0].body}"

    # Pieter opens the link in his own browser and chooses a password.
    professional = new_page()
    professional.goto(link.group(0))
    expect(professional.locator('input[name="new_password1"]')).to_be_visible()
    assert_accessible(professional)
    professional.locator('input[name="new_password1"]').fill(INVITEE_PASSWORD)
    professional.locator('input[name="new_password2"]').fill(INVITEE_PASSWORD)
    professional.locator('main form[method="post"] button[type="submit"]').click()
    expect(professional).to_have_url(path_is(LOGIN_URL))
    expect(professional.locator("main .alert-success")).to_be_visible()

    # Professionals read concerns: two-factor is not optional.
    log_in_with_password(professional, INVITEE_EMAIL, INVITEE_PASSWORD)
    expect(professional).to_have_url(path_is(SETUP_URL))
    expect(professional.locator("svg.qr-code")).to_be_visible()
    assert_accessible(professional)
    secret = professional.locator(".secret").inner_text().strip()
    enter_code(professional, current_code(secret))

    codes = professional.locator(".recovery-codes li")
    expect(codes.first).to_be_visible()
    assert codes.count() >= 5
    assert_accessible(professional)
    professional.locator("main a.btn-primary").click()

    expect(professional).to_have_url(path_is("/"))
    assert_accessible(professional)
    assert {"/", "/sociale-kaart/", "/trainingen/", "/meldingen/"} <= nav_hrefs(professional)
