"""The weekly reminder about stuck candidates: once per coordinator per week, the right people."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.utils import timezone

from polrad.accounts.roles import Role
from polrad.ledger import week_key
from polrad.models import SentMessage as StuckReminder
from rolemodels.tasks import send_stuck_reminder, send_stuck_reminders
from rolemodels.workflow import Stage
from tests.factories import UserFactory
from tests.rolemodels.factories import RoleModelFactory

MONDAY = "2026-11-23 08:00 +0100"


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def test_reminder_lists_the_stuck_candidates_and_nobody_else(coordinator, settings):
    settings.ROLE_MODEL_STUCK_DAYS = 14
    with time_machine.travel(MONDAY, tick=False):
        RoleModelFactory(full_name="Wacht Lang", stage=Stage.INTAKE, stage_changed_at=days_ago(20))
        RoleModelFactory(
            full_name="Ook Lang", stage=Stage.IN_TRAINING, stage_changed_at=days_ago(40)
        )
        RoleModelFactory(
            full_name="Net Begonnen", stage=Stage.APPLIED, stage_changed_at=days_ago(3)
        )
        RoleModelFactory(full_name="Actief", stage=Stage.ACTIVE, stage_changed_at=days_ago(90))
        RoleModelFactory(full_name="Afgewezen", stage=Stage.DECLINED, stage_changed_at=days_ago(90))
        assert send_stuck_reminders.delay().get() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email]
    assert "Wacht Lang" in message.body and "Ook Lang" in message.body
    for name in ["Net Begonnen", "Actief", "Afgewezen"]:
        assert name not in message.body
    assert "/rolmodellen/" in message.body
    assert message.body.index("Ook Lang") < message.body.index("Wacht Lang")  # longest first


def test_reminder_is_sent_once_per_coordinator_per_week_whatever_the_retries(coordinator):
    RoleModelFactory(stage=Stage.APPLIED, stage_changed_at=days_ago(60))
    with time_machine.travel(MONDAY):
        send_stuck_reminders.delay()
        send_stuck_reminders.delay()
        send_stuck_reminder.delay(coordinator.pk, week_key())
    assert len(mail.outbox) == 1
    assert StuckReminder.objects.get().detail["candidates"] == 1
    with time_machine.travel("2026-11-30 08:00 +0100"):
        send_stuck_reminders.delay()
    assert len(mail.outbox) == 2


def test_each_active_coordinator_gets_one_and_others_none(coordinator, professional):
    other = UserFactory(roles=[Role.COORDINATOR])
    UserFactory(roles=[Role.COORDINATOR], is_active=False)
    RoleModelFactory(stage=Stage.INTAKE, stage_changed_at=days_ago(60))
    send_stuck_reminders.delay()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, other.email])
    assert not StuckReminder.objects.filter(recipient=professional).exists()


def test_no_email_when_nobody_is_stuck(coordinator):
    RoleModelFactory(stage=Stage.INTAKE, stage_changed_at=days_ago(1))
    send_stuck_reminders.delay()
    assert mail.outbox == []
    assert StuckReminder.objects.get().sent_at is not None


def test_a_coordinator_with_municipalities_hears_about_those_only(
    coordinator, municipality, other_municipality
):
    coordinator.municipalities.set([municipality])
    RoleModelFactory(full_name="Hier", municipality=municipality, stage_changed_at=days_ago(30))
    RoleModelFactory(
        full_name="Daar", municipality=other_municipality, stage_changed_at=days_ago(30)
    )
    send_stuck_reminders.delay()
    assert "Hier" in mail.outbox[0].body and "Daar" not in mail.outbox[0].body


def test_beat_schedules_the_reminder_weekly_on_monday_morning(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["role-models-stuck-candidates"]
    assert entry["task"] == "rolemodels.tasks.send_stuck_reminders"
    assert entry["schedule"].day_of_week == {1}
    assert entry["schedule"].hour == {8} and entry["schedule"].minute == {0}
