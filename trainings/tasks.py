from celery import shared_task

from polrad import ledger
from polrad.queue import queue_each
from trainings import selectors


@shared_task(acks_late=True)
def send_enrolment_message(enrolment_id: int, kind: str) -> bool:
    """Safe to run twice: the message ledger lets each kind go out once per enrolment."""
    from trainings import services

    return services.enrolment_message_send(enrolment_id=enrolment_id, kind=kind)


@shared_task
def expire_offers() -> int:
    """Every quarter of an hour: lapse seats not taken up in time and offer them onwards."""
    from trainings import services

    return services.offers_expire()


@shared_task
def send_session_reminders() -> int:
    """Daily: remind participants of sessions in the coming two days."""
    due = selectors.due_reminders().values_list("pk", flat=True)
    return queue_each(send_enrolment_message, due, "reminder")


@shared_task
def send_evaluation_requests() -> int:
    """Daily: ask those who attended a held session to evaluate it."""
    due = selectors.due_evaluation_requests().values_list("pk", flat=True)
    return queue_each(send_enrolment_message, due, "evaluation")


@shared_task
def send_coach_digests() -> int:
    """Weekly: each coach hears of their role models and actions that are overdue."""
    from trainings.coaching import services as coaching

    coaches = coaching.coaches_to_digest().values_list("pk", flat=True)
    return queue_each(send_coach_digest, coaches, ledger.week_key())


@shared_task(acks_late=True)
def send_coach_digest(coach_id: int, week: str) -> bool:
    """Safe to run twice: the ledger lets one digest go out per coach per week."""
    from trainings.coaching import services as coaching

    return coaching.coach_digest_send(coach_id=coach_id, week=week)
