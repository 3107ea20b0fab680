"""A role model logs an activity on her phone; a coordinator approves it from the queue."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rolemodels.models import Activity
from rolemodels.workflow import ActivityState
from tests.e2e.steps import LOGIN_URL, current_code, enter_code, log_in_with_password, path_is

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}
ROLE_MODELS = "/rolmodellen/"
MY_ACTIVITIES = "/rolmodellen/activiteiten/mijn/"
NEW_ACTIVITY = "/rolmodellen/activiteiten/nieuw/"
QUEUE = "/rolmodellen/activiteiten/goedkeuren/"
FIGURES = "/rolmodellen/activiteiten/cijfers/"
DETAIL = re.compile(r"^https?://[^/]+/rolmodellen/activiteiten/(\d+)/$")
VENUE = "Buurthuis De Klinker"


def fits_the_screen(page) -> bool:
    """Nothing sticks out sideways: the visitor never has to scroll horizontally."""
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_role_model_logs_an_activity_on_her_phone_and_a_coordinator_approves_it(
    new_page, assert_accessible
):
    # Rachida gave a talk at a community centre this afternoon. On the bus home she opens the
    # platform on her phone and goes to the role-model section: her own activities.
    rachida = new_page()
    rachida.set_viewport_size(PHONE)
    rachida.goto(LOGIN_URL)
    log_in_with_password(rachida, "rolemodel@example.org")
    rachida.goto(ROLE_MODELS)
    expect(rachida).to_have_url(path_is(MY_ACTIVITIES))
    assert_accessible(rachida)

    # She taps the button to log an activity; the date already says today.
    rachida.locator(f'main a.btn[href="{NEW_ACTIVITY}"]').click()
    expect(rachida).to_have_url(path_is(NEW_ACTIVITY))
    today = timezone.localdate()
    expect(rachida.locator('[name="date"]')).to_have_value(today.isoformat())
    assert_accessible(rachida)
    assert fits_the_screen(rachida), "the activity form scrolls sideways on a phone"

    # She fills in where, for whom and how it went, and submits it.
    rachida.locator('[name="venue_type"]').select_option(Activity.VenueType.COMMUNITY_CENTRE)
    rachida.locator('[name="venue"]').fill(VENUE)
    rachida.locator('[name="target_group"]').select_option(Activity.TargetGroup.YOUNG_PEOPLE)
    rachida.locator('[name="participants"]').fill("14")
    rachida.locator('[name="themes"]').first.check()
    rachida.locator('[name="description"]').fill(
        "Gesprek met jongeren over opgroeien tussen twee culturen."
    )
    rachida.locator('[name="reflection"]').fill(
        "Goede vragen; twee jongeren bleven na afloop nog even praten."
    )
    rachida.locator('button[name="action"][value="submit"]').click()

    # She lands on her activity, which now awaits the coordinator.
    expect(rachida).to_have_url(DETAIL)
    pk = int(DETAIL.match(rachida.url).group(1))
    expect(rachida.locator(".alert-success")).to_be_visible()
    expect(rachida.locator("main .badge.state-submitted")).to_be_visible()
    assert_accessible(rachida)
    activity = Activity.objects.get(pk=pk)
    assert activity.role_model.full_name == "Rachida Rolmodel"
    assert activity.state == ActivityState.SUBMITTED
    assert (activity.date, activity.venue, activity.participants) == (today, VENUE, 14)
    assert activity.themes.count() == 1

    # The coordinator works through the approval queue at her desk and finds it there.
    coordinator = new_page()
    coordinator.goto(LOGIN_URL)
    log_in_with_password(coordinator, "coordinator@example.org")
    enter_code(coordinator, current_code())
    coordinator.goto(QUEUE)
    row = coordinator.locator("main tbody tr", has=coordinator.locator(f'a[href$="/{pk}/"]'))
    expect(row).to_contain_text("Rachida Rolmodel")
    expect(row).to_contain_text(VENUE)
    assert_accessible(coordinator)

    # She ticks it and approves the selection.
    row.locator(f'input[name="activities"][value="{pk}"]').check()
    coordinator.locator('main form[method="post"] button[type="submit"]').click()
    expect(coordinator).to_have_url(path_is(QUEUE))
    expect(coordinator.locator(".alert-success")).to_be_visible()
    expect(coordinator.locator(f'input[name="activities"][value="{pk}"]')).to_have_count(0)
    assert_accessible(coordinator)
    activity.refresh_from_db()
    assert activity.state == ActivityState.APPROVED
    assert activity.approved_at is not None

    # The approved activity now counts in the figures.
    coordinator.goto(FIGURES)
    expect(coordinator).to_have_url(path_is(FIGURES))
    assert_accessible(coordinator)
