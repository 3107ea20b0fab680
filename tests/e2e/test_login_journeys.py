"""Demo users log in, find their way through the navigation of their role, and leave."""

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import (
    LOGIN_URL,
    VERIFY_URL,
    current_code,
    enter_code,
    log_in_with_password,
    log_out,
    nav_hrefs,
    path_is,
    path_within,
)

pytestmark = pytest.mark.e2e

DASHBOARD = "/"
SOCIAL_MAP = "/sociale-kaart/"
ROLE_MODELS = "/rolmodellen/"
TRAININGS = "/trainingen/"
CONCERNS = "/meldingen/"
REPORTS = "/rapportages/"
USERS = "/account/gebruikers/"
ADMINISTRATION = "/admin/"
EVERY_PAGE = {
    DASHBOARD,
    SOCIAL_MAP,
    ROLE_MODELS,
    TRAININGS,
    CONCERNS,
    REPORTS,
    USERS,
    ADMINISTRATION,
}

# role: (demo account, needs a code from the authenticator app, the navigation of the role)
ROLES = {
    "coordinator": (
        "coordinator@example.org",
        True,
        {DASHBOARD, SOCIAL_MAP, ROLE_MODELS, TRAININGS, CONCERNS, REPORTS, USERS},
    ),
    "handler": ("handler@example.org", True, {DASHBOARD, SOCIAL_MAP, TRAININGS, CONCERNS}),
    "rolemodel": (
        "rolemodel@example.org",
        False,
        {DASHBOARD, SOCIAL_MAP, ROLE_MODELS, TRAININGS, CONCERNS},  # to report a worry
    ),
    "professional": (
        "professional@example.org",
        True,
        {DASHBOARD, SOCIAL_MAP, TRAININGS, CONCERNS},
    ),
    "municipality": (
        "municipality@example.org",
        False,
        {DASHBOARD, SOCIAL_MAP, TRAININGS, REPORTS},
    ),
    "admin": ("admin@example.org", True, {DASHBOARD, SOCIAL_MAP, TRAININGS, USERS, ADMINISTRATION}),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_demo_role_logs_in_and_sees_its_navigation(role, page, assert_accessible):
    email, needs_code, navigation = ROLES[role]

    page.goto(LOGIN_URL)
    assert_accessible(page)
    log_in_with_password(page, email)

    if needs_code:
        expect(page).to_have_url(path_is(VERIFY_URL))
        assert nav_hrefs(page) == set(), "a password-only session must not show the navigation"
        assert_accessible(page)
        enter_code(page, current_code())

    expect(page).to_have_url(path_is(DASHBOARD))
    assert_accessible(page)
    shown = nav_hrefs(page)
    assert navigation <= shown, f"{role} misses {sorted(navigation - shown)}"
    forbidden = shown & (EVERY_PAGE - navigation)
    assert not forbidden, f"{role} sees links it may not use: {sorted(forbidden)}"

    for href in sorted(navigation - {DASHBOARD}):
        link = page.locator(f'header nav a.nav-link[href="{href}"]')
        if not link.count():  # the admin site has a header of its own
            page.goto(DASHBOARD)
        link.click()
        expect(page).to_have_url(path_within(href))
        assert_accessible(page)

    page.goto(DASHBOARD)
    log_out(page)
    expect(page.locator('input[name="username"]')).to_be_visible()


def test_password_only_session_cannot_reach_pages(page, assert_accessible):
    page.goto(LOGIN_URL)
    log_in_with_password(page, "coordinator@example.org")
    expect(page).to_have_url(path_is(VERIFY_URL))

    page.goto(SOCIAL_MAP)

    expect(page).to_have_url(path_is(VERIFY_URL))
    assert nav_hrefs(page) == set()
    assert_accessible(page)
    # Once the code is given, the coordinator lands where they were going.
    enter_code(page, current_code())
    expect(page).to_have_url(path_within(SOCIAL_MAP))
