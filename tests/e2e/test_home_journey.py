"""Each demo account opens its home page on a phone, sees what waits and follows the first
item; a visitor widens the letter spacing and enlarges the text, and the page keeps both."""

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import (
    LOGIN_URL,
    VERIFY_URL,
    current_code,
    enter_code,
    log_in_with_password,
    path_is,
)
from trainings.seed import NOTES as COACHING_NOTES

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}
# Demo account: needs a code, and where its first waiting item leads.
ACCOUNTS = {
    "coordinator@example.org": (True, "/rolmodellen/"),
    "handler@example.org": (True, "/meldingen/werkvoorraad/"),
    "rolemodel@example.org": (False, "/rolmodellen/activiteiten/mijn/"),
    "professional@example.org": (True, "/meldingen/mijn/"),
    "municipality@example.org": (False, "/analyses/acties/"),
    "admin@example.org": (True, "/admin/accounts/auditevent/"),
}


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def log_in(page, email: str, needs_code: bool) -> None:
    page.goto(LOGIN_URL)
    log_in_with_password(page, email)
    if needs_code:
        expect(page).to_have_url(path_is(VERIFY_URL))
        enter_code(page, current_code())
    expect(page).to_have_url(path_is("/"))


@pytest.mark.parametrize("email", ACCOUNTS)
def test_demo_account_sees_what_waits_and_follows_the_first_item(email, page, assert_accessible):
    needs_code, destination = ACCOUNTS[email]
    page.set_viewport_size(PHONE)
    log_in(page, email, needs_code)

    # What waits, counted, with the most urgent on top; or the figures of the municipality.
    shown = (
        page.locator("main .work-item-link").count()
        + page.locator("main .home-figures tbody tr").count()
    )
    assert shown >= 3, f"{email} sees {shown} things on the home page"
    assert_accessible(page)
    assert fits_the_screen(page), f"{email}'s home page scrolls sideways at 375 px"

    first = page.locator("main .work-item-link").first
    expect(first).to_be_visible()
    first.click()
    expect(page).to_have_url(path_is(destination) if "?" not in destination else destination)
    if not destination.startswith("/admin/"):  # Django's own admin is out of our hands
        assert_accessible(page)
        assert fits_the_screen(page), f"{destination} scrolls sideways at 375 px"


def test_letter_spacing_and_text_size_change_the_page_and_stay(page, assert_accessible):
    page.set_viewport_size(PHONE)
    log_in(page, "rolemodel@example.org", needs_code=False)
    html, body = page.locator("html"), page.locator("body")

    def spacing() -> float:
        return float(body.evaluate("b => parseFloat(getComputedStyle(b).letterSpacing) || 0"))

    def font_size() -> float:
        return float(
            page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        )

    normal_spacing, normal_size = spacing(), font_size()
    page.locator('[data-letter-spacing="up"]').click()
    page.locator('[data-letter-spacing="up"]').click()
    expect(html).to_contain_class("letter-spacing-2")
    assert spacing() > normal_spacing
    page.locator('[data-text-size="up"]').click()
    expect(html).to_contain_class("text-size-1")
    assert font_size() > normal_size
    assert_accessible(page)
    assert fits_the_screen(page), "the home page scrolls sideways with wide spacing"

    # Both choices stay on the next page and after a reload, and in the print style.
    page.locator("main .work-item-link").first.click()
    expect(page).to_have_url(path_is("/rolmodellen/activiteiten/mijn/"))
    page.reload()
    expect(html).to_contain_class("letter-spacing-2")
    expect(html).to_contain_class("text-size-1")
    page.emulate_media(media="print")
    assert spacing() > normal_spacing and font_size() > normal_size
    expect(page.locator(".toolbar")).to_be_hidden()
    page.emulate_media(media="screen")

    # Back to normal.
    page.locator('[data-letter-spacing="reset"]').click()
    expect(html).not_to_contain_class("letter-spacing-2")
    assert spacing() == normal_spacing


def test_mentor_follows_her_next_coaching_to_a_mentorship_it_discussed(page, assert_accessible):
    # Rachida's home page says when her next coaching session is; she taps it on her phone.
    page.set_viewport_size(PHONE)
    log_in(page, "rolemodel@example.org", needs_code=False)
    next_coaching = page.locator("main .work-item-link", has_text="volgende coachingsgesprek")
    expect(next_coaching).to_be_visible()
    next_coaching.click()
    expect(page.locator("main")).to_contain_text("Volgend gesprek gepland op")

    # Her latest session discussed two of her mentorships; she opens the first.
    discussed = page.locator("main article").first.locator("a[href^='/rolmodellen/mentoraten/']")
    expect(discussed.first).to_be_visible()
    assert_accessible(page)
    assert fits_the_screen(page), "her coaching page scrolls sideways at 375 px"
    discussed.first.click()
    expect(page.locator("#coaching-heading")).to_have_text("Besproken in coaching")
    expect(page.locator("main")).not_to_contain_text(COACHING_NOTES)
    assert_accessible(page)
    assert fits_the_screen(page), "the mentorship page scrolls sideways at 375 px"


def test_handler_sees_which_closed_concerns_are_wiped_soon(page, assert_accessible):
    page.set_viewport_size(PHONE)
    log_in(page, "handler@example.org", needs_code=True)
    page.locator("main .work-item-link", has_text="geanonimiseerd").click()
    expect(page).to_have_url(path_is("/meldingen/werkvoorraad/"))
    expect(page.locator("main table")).to_contain_text("Inhoud gewist na")
    expect(page.locator("main tbody tr")).to_have_count(2)
    assert_accessible(page)
