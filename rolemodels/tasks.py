from celery import shared_task

from polrad import ledger
from polrad.accounts.roles import Role
from polrad.accounts.selectors import users_with_role
from polrad.queue import queue_each


@shared_task
def send_application_confirmation(role_model_id: int) -> None:
    """Tell a candidate their application arrived and what happens next."""
    from rolemodels import reminders

    reminders.application_confirmation_send(role_model_id=role_model_id)


@shared_task
def send_stuck_reminders() -> int:
    """Weekly: email each coordinator the candidates stuck in the recruitment pipeline."""
    coordinators = users_with_role(Role.COORDINATOR).values_list("pk", flat=True)
    return queue_each(send_stuck_reminder, coordinators, ledger.week_key())


@shared_task
def send_stuck_reminder(coordinator_id: int, week: str) -> bool:
    from rolemodels import reminders

    return reminders.stuck_reminder_send(coordinator_id=coordinator_id, week=week)


@shared_task
def send_activity_reviewed(event_id: int) -> bool:
    from rolemodels.emails import activity_reviewed_send

    return activity_reviewed_send(event_id=event_id)


@shared_task
def send_mentorship_assigned(mentorship_id: int, mentor_id: int) -> bool:
    from rolemodels.emails import mentorship_assigned_send

    return mentorship_assigned_send(mentorship_id=mentorship_id, mentor_id=mentor_id)
