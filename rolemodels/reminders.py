"""The weekly reminder to coordinators about candidates stuck in the recruitment pipeline."""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from polrad.accounts.models import User
from polrad.accounts.roles import Role
from rolemodels.models import StuckReminder
from rolemodels.selectors import stuck_role_models

MAX_LISTED = 50


def current_week(today: date | None = None) -> date:
    """The Monday of this week."""
    today = today or timezone.localdate()
    return today - timedelta(days=today.weekday())


def stuck_reminders_send() -> int:
    """Queue one reminder per active coordinator for this week; returns how many were queued."""
    from rolemodels.tasks import send_stuck_reminder

    week = current_week().isoformat()
    coordinators = User.objects.filter(is_active=True, groups__name=Role.COORDINATOR)
    count = 0
    for coordinator_id in coordinators.values_list("pk", flat=True):
        send_stuck_reminder.delay(coordinator_id, week)
        count += 1
    return count


def stuck_reminder_send(*, coordinator_id: int, week: str) -> bool:
    """Send one coordinator's reminder for the week, at most once whatever the retries.

    The unique (coordinator, week) row is claimed under a row lock; a second run finds it
    sent and does nothing. Returns whether an email went out.
    """
    with transaction.atomic():
        reminder, _created = StuckReminder.objects.get_or_create(
            coordinator_id=coordinator_id, week=date.fromisoformat(week)
        )
        reminder = StuckReminder.objects.select_for_update().get(pk=reminder.pk)
        if reminder.sent_at is not None:
            return False
        coordinator = User.objects.get(pk=coordinator_id)
        municipalities = coordinator.municipalities.filter(is_active=True)
        stuck = stuck_role_models(municipalities if municipalities.exists() else None)
        reminder.candidates = stuck.count()
        if reminder.candidates:
            _send(coordinator, reminder, stuck[:MAX_LISTED])
        reminder.sent_at = timezone.now()
        reminder.save()
    return bool(reminder.candidates)


def _send(coordinator, reminder, candidates) -> None:
    context = {
        "coordinator": coordinator,
        "reminder": reminder,
        "candidates": candidates,
        "stuck_days": settings.ROLE_MODEL_STUCK_DAYS,
        "board_url": settings.SITE_URL + reverse("rolemodels:index"),
        "site_url": settings.SITE_URL,
        "network_name": settings.NETWORK_NAME,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("rolemodels/email/stuck_subject.txt", context).strip()
        body = render_to_string("rolemodels/email/stuck.txt", context)
    send_mail(subject, body, None, [coordinator.email])
