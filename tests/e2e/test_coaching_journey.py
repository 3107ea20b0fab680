"""A coach logs a coaching session with a follow-up action, and later marks an action done."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rolemodels.models import RoleModel
from tests.e2e.steps import LOGIN_URL, current_code, enter_code, log_in_with_password, path_is
from trainings.models import CoachingSession

pytestmark = pytest.mark.e2e

OVERVIEW = "/trainingen/coaching/"
ROLE_MODEL_PAGE = re.compile(r"^https?://[^/]+/trainingen/coaching/rolmodel/(\d+)/$")
TOPICS = "Hoe de ouderavond in Delfzijl ging; omgaan met boze reacties."
ACTION = "Contact leggen met de wijkagent"


def test_coach_logs_a_coaching_session_with_an_action(new_page, assert_accessible):
    # Cora coaches the role models of the network. On Monday morning she opens her coaching
    # overview: who has she not spoken to for a while, which actions are overdue?
    cora = new_page()
    cora.goto(LOGIN_URL)
    log_in_with_password(cora, "coordinator@example.org")
    enter_code(cora, current_code())
    cora.goto(OVERVIEW)
    expect(cora.locator("main tbody tr.coaching-overdue").first).to_be_visible()
    assert_accessible(cora)

    # She opens Rachida's coaching: the earlier sessions with her confidential notes.
    cora.locator("main tbody a", has_text="Rachida Rolmodel").click()
    expect(cora).to_have_url(ROLE_MODEL_PAGE)
    expect(cora.locator("main .confidential-notes").first).to_contain_text("Vertrouwelijk")
    assert_accessible(cora)

    # They spoke this morning; she logs the session with a follow-up action.
    cora.locator("main a.btn-primary[href$='/gesprek/']").click()
    expect(cora.locator('[name="date"]')).to_have_value(timezone.localdate().isoformat())
    assert_accessible(cora)
    cora.locator('[name="topics"]').fill(TOPICS)
    cora.locator('[name="confidential_notes"]').fill("Vond het zwaar; volgende keer samen.")
    cora.locator('[name="activities"]').first.check()
    cora.locator('[name="actions-0-description"]').fill(ACTION)
    due = timezone.localdate() + timedelta(days=14)
    cora.locator('[name="actions-0-due_date"]').fill(due.isoformat())
    cora.locator('main form[method="post"] button[type="submit"]').click()

    # Back on Rachida's page the new session is on top, with its action still open.
    expect(cora).to_have_url(ROLE_MODEL_PAGE)
    expect(cora.locator(".alert-success")).to_be_visible()
    newest = cora.locator("main article").first
    expect(newest).to_contain_text(TOPICS)
    expect(newest).to_contain_text(ACTION)
    assert_accessible(cora)
    rachida = RoleModel.objects.get(user__email="rolemodel@example.org")
    session = CoachingSession.objects.filter(role_model=rachida).latest("pk")
    assert (session.topics, session.coach.email) == (TOPICS, "coordinator@example.org")
    assert session.activities.count() == 1
    assert [(a.description, a.due_date) for a in session.actions.all()] == [(ACTION, due)]

    # The overdue action of an earlier session she has now dealt with: she marks it done.
    overdue = cora.locator("main li", has=cora.locator(".badge.text-bg-danger")).first
    overdue.locator('button[type="submit"]').click()
    expect(cora.locator(".alert-success")).to_be_visible()
    expect(cora.locator("main li .badge.text-bg-danger")).to_have_count(0)
    assert_accessible(cora)

    # Rachida, logged in herself, sees the session and the action, but not Cora's notes.
    own = new_page()
    own.goto(LOGIN_URL)
    log_in_with_password(own, "rolemodel@example.org")
    own.goto("/trainingen/coaching/mijn/")
    expect(own).to_have_url(path_is(f"/trainingen/coaching/rolmodel/{rachida.pk}/"))
    expect(own.locator("main article").first).to_contain_text(ACTION)
    expect(own.locator("main")).not_to_contain_text("Vertrouwelijk")
    expect(own.locator("main .confidential-notes")).to_have_count(0)
    assert_accessible(own)
