"""A visitor who is not logged in adjusts language and text size, and reads the statement."""

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import LOGIN_URL, path_is

pytestmark = pytest.mark.e2e

ACCESSIBILITY_URL = "/toegankelijkheid/"


def switch_language(page, code: str) -> None:
    page.locator("#language-select").select_option(code)
    page.locator('form.language-switcher button[type="submit"]').click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_visitor_switches_language_and_enlarges_text(page, assert_accessible):
    page.goto(LOGIN_URL)
    # Dutch first, although the browser asks for English.
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    heading = page.locator("h1").inner_text()
    assert_accessible(page)

    switch_language(page, "en")
    expect(page).to_have_url(path_is(LOGIN_URL))
    expect(page.locator("h1")).to_have_text("Log in")
    assert_accessible(page)
    switch_language(page, "nl")
    expect(page).to_have_url(path_is(LOGIN_URL))
    expect(page.locator("h1")).to_have_text(heading)

    page.locator('[data-text-size="up"]').click()
    expect(page.locator("html")).to_contain_class("text-size-1")
    # The chosen size stays on the next page.
    page.locator(f'footer a[href="{ACCESSIBILITY_URL}"]').click()
    expect(page).to_have_url(path_is(ACCESSIBILITY_URL))
    expect(page.locator("html")).to_contain_class("text-size-1")
    assert_accessible(page)
