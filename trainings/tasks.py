from celery import shared_task

from trainings import emails, services


@shared_task(acks_late=True)
def send_enrolment_message(enrolment_id: int, kind: str) -> bool:
    """Safe to run twice: the message ledger lets each kind go out once per enrolment."""
    return emails.enrolment_message_send(enrolment_id=enrolment_id, kind=kind)


@shared_task
def expire_offers() -> int:
    """Every quarter of an hour: lapse seats not taken up in time and offer them onwards."""
    return services.offers_expire()


@shared_task
def send_session_reminders() -> int:
    """Daily: remind participants of sessions in the coming two days."""
    due = list(emails.due_reminders().values_list("pk", flat=True))
    for enrolment_id in due:
        send_enrolment_message.delay(enrolment_id, "reminder")
    return len(due)


@shared_task
def send_evaluation_requests() -> int:
    """Daily: ask those who attended a held session to evaluate it."""
    due = list(emails.due_evaluation_requests().values_list("pk", flat=True))
    for enrolment_id in due:
        send_enrolment_message.delay(enrolment_id, "evaluation")
    return len(due)


@shared_task
def send_coach_digests() -> int:
    """Weekly: each coach hears of their role models and actions that are overdue."""
    from trainings import coaching

    return coaching.coach_digests_send()


@shared_task(acks_late=True)
def send_coach_digest(coach_id: int, week: str) -> bool:
    """Safe to run twice: the digest ledger lets one go out per coach per week."""
    from trainings import coaching

    return coaching.coach_digest_send(coach_id=coach_id, week=week)
