"""A mentor logs a meeting on her phone, in under a minute; the coordinator sees it."""

import re

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from rolemodels.mentoring.models import Meeting
from tests.e2e.steps import LOGIN_URL, current_code, enter_code, log_in_with_password, path_is

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}
MENTORSHIPS = "/rolmodellen/mentoraten/"
BOARD = "/rolmodellen/mentoren/"
DETAIL = re.compile(r"^https?://[^/]+/rolmodellen/mentoraten/(\d+)/$")
NOTE = "Gesprek over school; hij voelt zich minder buitengesloten."


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_mentor_logs_a_meeting_on_her_phone(new_page, assert_accessible):
    # Rachida mentors too. After meeting her mentee she opens her mentorships on her phone.
    rachida = new_page()
    rachida.set_viewport_size(PHONE)
    rachida.goto(LOGIN_URL)
    log_in_with_password(rachida, "rolemodel@example.org")
    rachida.goto(MENTORSHIPS)
    assert_accessible(rachida)
    assert fits_the_screen(rachida), "the list of mentorships scrolls sideways on a phone"

    # She opens the first one and taps "log a meeting": date, an hour, one-to-one are ready.
    rachida.locator("main .card a.fw-semibold").first.click()
    expect(rachida).to_have_url(DETAIL)
    pk = int(DETAIL.match(rachida.url).group(1))
    assert_accessible(rachida)
    assert fits_the_screen(rachida), "the mentorship page scrolls sideways on a phone"
    rachida.locator(f'main a[href="{MENTORSHIPS}{pk}/gesprek/"]').click()
    expect(rachida).to_have_url(path_is(f"{MENTORSHIPS}{pk}/gesprek/"))
    expect(rachida.locator('[name="date"]')).to_have_value(timezone.localdate().isoformat())
    assert_accessible(rachida)
    assert fits_the_screen(rachida), "the meeting form scrolls sideways on a phone"

    # She ticks a topic, writes one line and saves.
    rachida.locator('[name="topics"]').first.check()
    rachida.locator('[name="note"]').fill(NOTE)
    rachida.locator('main button[type="submit"]').click()
    expect(rachida).to_have_url(DETAIL)
    expect(rachida.locator(".alert-success")).to_be_visible()
    expect(rachida.locator("main")).to_contain_text(NOTE)
    assert_accessible(rachida)

    meeting = Meeting.objects.filter(mentorship_id=pk).order_by("-pk").first()
    assert (meeting.note, meeting.date, meeting.topics.count()) == (
        NOTE,
        timezone.localdate(),
        1,
    )

    # The coordinator sees on the mentor board that Rachida met her mentee today, and so
    # does not find her among the mentors without a recent meeting.
    coordinator = new_page()
    coordinator.goto(LOGIN_URL)
    log_in_with_password(coordinator, "coordinator@example.org")
    enter_code(coordinator, current_code())
    coordinator.goto(BOARD)
    with translation.override("nl"):
        today = formats.date_format(timezone.localdate(), "j F Y")
    mentor = meeting.mentorship.mentor.full_name
    row = coordinator.locator("tbody tr", has=coordinator.get_by_role("link", name=mentor))
    expect(row).to_contain_text(today)
    assert_accessible(coordinator)
    coordinator.locator('main a[href="?quiet=1"]').click()
    expect(coordinator.locator("main table")).to_be_visible()
    expect(coordinator.get_by_role("link", name=mentor)).to_have_count(0)
    assert_accessible(coordinator)
