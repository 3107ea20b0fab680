"""Steps the journeys share: what a user does, in the words of the story."""

import re
from base64 import b32decode

from django.utils import translation
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from polrad.accounts.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET

LOGIN_URL = "/account/inloggen/"
VERIFY_URL = "/account/tweestaps/controle/"
SETUP_URL = "/account/tweestaps/instellen/"
PROFILE_URL = "/account/"


def path_is(path: str) -> re.Pattern:
    """Matches a full URL whose path is `path`, with or without a query string."""
    return re.compile(rf"^https?://[^/]+{re.escape(path)}(\?.*)?$")


def path_within(path: str) -> re.Pattern:
    """Matches a full URL whose path is `path` or lies below it (a section's start page)."""
    return re.compile(rf"^https?://[^/]+{re.escape(path)}([^?#]*)?(\?.*)?$")


def current_code(secret: str = DEMO_TOTP_SECRET) -> str:
    """The code an authenticator app with this base32 key shows right now."""
    return f"{TOTP(b32decode(secret)).token():06d}"


def log_in_with_password(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.locator('input[name="username"]').fill(email)
    page.locator('input[name="password"]').fill(password)
    page.locator('main form[method="post"] button[type="submit"]').click()


def enter_code(page: Page, code: str) -> None:
    page.locator('input[name="otp_token"]').fill(code)
    page.locator('main form[method="post"] button[type="submit"]').click()


def nav_hrefs(page: Page) -> set[str]:
    """The links of the main navigation, without the link to one's own account."""
    links = page.locator("header nav[aria-label] a.nav-link[href]")
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    return hrefs - {PROFILE_URL}


def log_out(page: Page) -> None:
    page.locator('header form[action="/account/uitloggen/"] button[type="submit"]').click()
    expect(page).to_have_url(path_is(LOGIN_URL))


def on_page(message) -> str:
    """A text as the Dutch-first pages show it."""
    with translation.override("nl"):
        return str(translation.gettext(str(message)))
