"""Coaching of role models: who sees what, logging a session, overdue flags, the weekly digest."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from polrad.accounts.roles import Role
from polrad.ledger import week_key
from polrad.models import SentMessage
from rolemodels.workflow import Stage
from tests.factories import UserFactory
from tests.rolemodels.factories import ActivityFactory, RoleModelFactory, active_role_model_for
from tests.trainings.factories import CoachingActionFactory, CoachingSessionFactory
from trainings import tasks
from trainings.coaching import services as coaching
from trainings.models import CoachingAction, CoachingSession

OVERVIEW = reverse("trainings:coaching")
NOTES = "Vertrouwelijk: twijfelt of ze doorgaat."


def page_of(role_model):
    return reverse("trainings:coaching-role-model", args=[role_model.pk])


def log_url(role_model):
    return reverse("trainings:coaching-session-create", args=[role_model.pk])


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def coach(db):
    """An experienced role model who coaches others (not a coordinator)."""
    return UserFactory(email="coach@example.org", roles=[Role.ROLE_MODEL])


@pytest.fixture
def coached(coach, role_model):
    """The demo role model's profile, coached by `coach`, with one session with notes."""
    profile = active_role_model_for(role_model, coach=coach)
    session = CoachingSessionFactory(
        role_model=profile, coach=coach, date=days_ago(10), confidential_notes=NOTES
    )
    CoachingActionFactory(session=session, description="Contact met jongerenwerk")
    return profile


# --- who sees what ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator", "coach"])
def test_coach_and_coordinator_read_the_confidential_notes(client_for, coached, persona, request):
    response = client_for(request.getfixturevalue(persona)).get(page_of(coached))
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTES in html and "Contact met jongerenwerk" in html


def test_role_model_sees_own_coaching_but_never_the_notes(client_for, coached, role_model):
    client = client_for(role_model)
    response = client.get(reverse("trainings:coaching-mine"), follow=True)
    assert response.redirect_chain[-1][0] == page_of(coached)
    html = response.content.decode()
    assert "Hoe ging de voorlichting" in html and "Contact met jongerenwerk" in html
    assert NOTES not in html and "Vertrouwelijk" not in html
    assert log_url(coached) not in html
    assert not response.context["coaches"]


@pytest.mark.parametrize("persona", ["professional", "municipal_employee", "outsider", "handler"])
def test_others_learn_nothing_of_a_role_models_coaching(client_for, coached, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(page_of(coached)).status_code == 404
    assert client.get(log_url(coached)).status_code == 404


def test_another_role_model_learns_nothing_of_a_role_models_coaching(client_for, coached):
    other = UserFactory(roles=[Role.ROLE_MODEL])
    active_role_model_for(other)
    client = client_for(other)
    assert client.get(page_of(coached)).status_code == 404
    assert client.get(log_url(coached)).status_code == 404


def test_a_coach_does_not_see_the_role_models_of_another_coach(client_for, coached):
    other_coach = UserFactory(roles=[Role.ROLE_MODEL])
    RoleModelFactory(stage=Stage.ACTIVE, coach=other_coach)
    client = client_for(other_coach)
    assert client.get(page_of(coached)).status_code == 404
    assert coached not in client.get(OVERVIEW).context["role_models"]


def test_anonymous_visitors_are_sent_to_the_login(client, coached):
    action = CoachingAction.objects.get()
    for url in (OVERVIEW, page_of(coached), log_url(coached)):
        response = client.get(url)
        assert response.status_code == 302 and "inloggen" in response.url
    response = client.post(reverse("trainings:coaching-action-done", args=[action.pk]))
    assert response.status_code == 302 and "inloggen" in response.url
    action.refresh_from_db()
    assert action.done_at is None


# --- the overview ----------------------------------------------------------------------------


def test_coordinator_sees_every_active_role_model(client_for, coordinator, coached):
    mine = RoleModelFactory(stage=Stage.ACTIVE, coach=coordinator)
    RoleModelFactory(stage=Stage.IN_TRAINING, coach=coordinator)
    response = client_for(coordinator).get(OVERVIEW)
    assert response.status_code == 200
    assert set(response.context["role_models"]) == {coached, mine}


def test_coordinator_sees_which_active_role_models_have_no_coach(client_for, coordinator, coached):
    RoleModelFactory(stage=Stage.ACTIVE, full_name="Zonder Coach", coach=None)
    page = client_for(coordinator).get(OVERVIEW).content.decode()
    rows = page.split("<tr")
    assert gettext("no coach") in next(row for row in rows if "Zonder Coach" in row)
    assert gettext("no coach") not in next(row for row in rows if coached.full_name in row)


def test_coach_sees_only_those_they_coach(client_for, coach, coached):
    RoleModelFactory(stage=Stage.ACTIVE)
    response = client_for(coach).get(OVERVIEW)
    assert list(response.context["role_models"]) == [coached]


def test_role_model_without_coachees_goes_to_own_coaching(client_for, coached, role_model):
    response = client_for(role_model).get(OVERVIEW)
    assert response.status_code == 302 and response.url == reverse("trainings:coaching-mine")


@pytest.mark.parametrize("persona", ["professional", "municipal_employee", "outsider"])
def test_overview_is_refused_to_who_neither_coaches_nor_coordinates(client_for, persona, request):
    assert client_for(request.getfixturevalue(persona)).get(OVERVIEW).status_code == 403


def test_role_models_long_without_coaching_are_flagged_first(client_for, coordinator, settings):
    settings.COACHING_OVERDUE_WEEKS = 8
    recent = RoleModelFactory(stage=Stage.ACTIVE, full_name="A Recent")
    long_ago = RoleModelFactory(stage=Stage.ACTIVE, full_name="B Lang geleden")
    never = RoleModelFactory(stage=Stage.ACTIVE, full_name="C Nooit")
    CoachingSessionFactory(role_model=recent, date=days_ago(7))
    CoachingSessionFactory(role_model=long_ago, date=days_ago(8 * 7 + 1))
    CoachingSessionFactory(role_model=long_ago, date=days_ago(200))
    client = client_for(coordinator)
    response = client.get(OVERVIEW)
    rows = list(response.context["role_models"])
    assert rows == [never, long_ago, recent]
    assert rows[1].last_coached == days_ago(57)
    assert response.content.decode().count('class="coaching-overdue"') == 2
    flagged = client.get(OVERVIEW, {"overdue": "1"}).context["role_models"]
    assert list(flagged) == [never, long_ago]


def test_exactly_the_limit_is_not_yet_overdue(settings, coordinator):
    settings.COACHING_OVERDUE_WEEKS = 4
    role_model = RoleModelFactory(stage=Stage.ACTIVE)
    CoachingSessionFactory(role_model=role_model, date=days_ago(28))
    assert not coaching.coaching_is_overdue(role_model)
    assert not coaching.coaching_overview(coordinator, only_overdue=True).exists()


def test_overview_counts_open_and_overdue_actions(client_for, coordinator, coached):
    session = CoachingSessionFactory(role_model=coached, date=days_ago(40))
    CoachingActionFactory(session=session, due_date=days_ago(3))  # overdue
    CoachingActionFactory(session=session, due_date=days_ago(5), done_at=timezone.now())
    row = client_for(coordinator).get(OVERVIEW).context["role_models"][0]
    assert (row.last_coached, row.open_actions, row.overdue_actions) == (days_ago(10), 2, 1)


@pytest.mark.parametrize("rows", [1, 30])
def test_overview_queries_are_bounded(client_for, coordinator, django_assert_max_num_queries, rows):
    for index in range(rows):
        role_model = RoleModelFactory(stage=Stage.ACTIVE, coach=coordinator)
        if index % 2:
            CoachingActionFactory(session__role_model=role_model)
    client = client_for(coordinator)
    client.get(OVERVIEW)
    with django_assert_max_num_queries(10):
        assert client.get(OVERVIEW).status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_role_model_page_queries_are_bounded(
    client_for, coordinator, coached, django_assert_max_num_queries, rows
):
    activity = ActivityFactory(role_model=coached)
    for _ in range(rows):
        session = CoachingSessionFactory(role_model=coached)
        session.activities.add(activity)
        CoachingActionFactory(session=session)
    client = client_for(coordinator)
    client.get(page_of(coached))
    with django_assert_max_num_queries(12):
        assert client.get(page_of(coached)).status_code == 200


# --- logging a session -----------------------------------------------------------------------


def _form(**overrides):
    data = {
        "date": days_ago(1).isoformat(),
        "topics": "De voorlichting op het Noorderpoort.",
        "confidential_notes": "Moe; neemt even minder op zich.",
        "actions-TOTAL_FORMS": "3",
        "actions-INITIAL_FORMS": "0",
        "actions-0-description": "Rooster doorsturen",
        "actions-0-due_date": (timezone.localdate() + timedelta(days=14)).isoformat(),
    }
    data.update(overrides)
    return data


def test_coach_logs_a_session_with_activities_and_actions(client_for, coach, coached):
    activity = ActivityFactory(role_model=coached)
    client = client_for(coach)
    assert client.get(log_url(coached)).status_code == 200
    response = client.post(log_url(coached), _form(activities=[activity.pk]))
    assert response.status_code == 302 and response.url == page_of(coached)
    session = CoachingSession.objects.latest("pk")
    assert (session.role_model, session.coach, session.date) == (coached, coach, days_ago(1))
    assert list(session.activities.all()) == [activity]
    assert [(a.description, a.done_at) for a in session.actions.all()] == [
        ("Rooster doorsturen", None)
    ]


def test_coordinator_logs_a_session_for_any_role_model(client_for, coordinator):
    role_model = RoleModelFactory(stage=Stage.ACTIVE)
    response = client_for(coordinator).post(log_url(role_model), _form())
    assert response.status_code == 302
    assert role_model.coaching_sessions.get().coach == coordinator


def test_role_model_may_not_log_own_coaching(client_for, coached, role_model):
    client = client_for(role_model)
    assert client.get(log_url(coached)).status_code == 403
    assert client.post(log_url(coached), _form()).status_code == 403
    assert coached.coaching_sessions.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", "FUTURE"),
        ("date", "gisteren"),
        ("topics", ""),
        ("actions-0-due_date", ""),
        ("actions-1-due_date", "2026-01-01"),
        ("activities", "OTHER"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(
    client_for, coach, coached, field, value
):
    if value == "FUTURE":
        value = (timezone.localdate() + timedelta(days=1)).isoformat()
    if value == "OTHER":
        ActivityFactory(role_model=coached)  # the list of activities to pick from
        value = ActivityFactory().pk
    response = client_for(coach).post(log_url(coached), _form(**{field: value}))
    assert response.status_code == 200
    form, actions = response.context["form"], response.context["actions"]
    assert form.errors or any(actions.errors)
    assert 'class="invalid-feedback' in response.content.decode()
    assert coached.coaching_sessions.count() == 1
    assert CoachingAction.objects.count() == 1


def test_the_service_refuses_a_future_date_and_foreign_activities(coach, coached):
    with pytest.raises(coaching.CoachingError):
        coaching.coaching_session_log(
            role_model=coached, coach=coach, date=days_ago(-1), topics="Later"
        )
    with pytest.raises(coaching.CoachingError):
        coaching.coaching_session_log(
            role_model=coached,
            coach=coach,
            date=days_ago(0),
            topics="Nu",
            activities=[ActivityFactory()],
        )
    assert coached.coaching_sessions.count() == 1


# --- marking actions done --------------------------------------------------------------------


def test_coach_marks_an_action_done_once(client_for, coach, coached):
    action = CoachingAction.objects.get()
    url = reverse("trainings:coaching-action-done", args=[action.pk])
    client = client_for(coach)
    assert client.post(url).url == page_of(coached)
    action.refresh_from_db()
    first = action.done_at
    assert first is not None
    client.post(url)
    action.refresh_from_db()
    assert action.done_at == first


def test_marking_done_needs_a_post(client_for, coach, coached):
    action = CoachingAction.objects.get()
    url = reverse("trainings:coaching-action-done", args=[action.pk])
    assert client_for(coach).get(url).status_code == 405


@pytest.mark.parametrize(("persona", "status"), [("role_model", 403), ("professional", 404)])
def test_others_cannot_mark_an_action_done(client_for, coached, persona, status, request):
    action = CoachingAction.objects.get()
    url = reverse("trainings:coaching-action-done", args=[action.pk])
    assert client_for(request.getfixturevalue(persona)).post(url).status_code == status
    action.refresh_from_db()
    assert action.done_at is None


# --- the weekly digest -----------------------------------------------------------------------


@pytest.fixture
def overdue_situation(coach, coached, settings):
    """`coached` has an overdue action; another coachee was never coached; a third is fine."""
    settings.COACHING_OVERDUE_WEEKS = 8
    CoachingActionFactory(
        session=coached.coaching_sessions.get(), description="Verslag sturen", due_date=days_ago(2)
    )
    never = RoleModelFactory(stage=Stage.ACTIVE, coach=coach, full_name="Nooit Gecoacht")
    fine = RoleModelFactory(stage=Stage.ACTIVE, coach=coach, full_name="Net Gesproken")
    CoachingSessionFactory(role_model=fine, date=days_ago(3))
    RoleModelFactory(stage=Stage.ACTIVE, full_name="Van Een Ander")  # someone else's
    return never


def test_digest_lists_the_coachs_overdue_role_models_and_actions(coach, overdue_situation):
    assert tasks.send_coach_digests.delay().get() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["coach@example.org"]
    assert "Nooit Gecoacht" in message.body and "Verslag sturen" in message.body
    assert page_of(overdue_situation) in message.body
    assert "Net Gesproken" not in message.body and "Van Een Ander" not in message.body
    assert "Contact met jongerenwerk" not in message.body  # open, but not yet due
    assert NOTES not in message.body


def test_digest_goes_out_once_per_week_per_coach(coach, overdue_situation):
    week = week_key()
    assert tasks.send_coach_digest.delay(coach.pk, week).get() is True
    assert tasks.send_coach_digest.delay(coach.pk, week).get() is False
    tasks.send_coach_digests.delay()
    assert len(mail.outbox) == 1
    sent = SentMessage.objects.filter(kind=coaching.DIGEST, recipient=coach, period=week)
    assert sent.count() == 1
    next_week = week_key(timezone.localdate() + timedelta(days=7))
    assert tasks.send_coach_digest.delay(coach.pk, next_week).get() is True
    assert len(mail.outbox) == 2


def test_a_coach_with_nothing_overdue_gets_no_email(coach, coached):
    assert tasks.send_coach_digests.delay().get() == 1
    assert mail.outbox == []


def test_a_failed_send_can_be_retried(coach, overdue_situation, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(coaching.mail, "send", broken)
    with pytest.raises(OSError):
        coaching.coach_digest_send(coach_id=coach.pk, week=week_key())
    assert not SentMessage.objects.exists()
    monkeypatch.undo()
    assert coaching.coach_digest_send(coach_id=coach.pk, week=week_key())
