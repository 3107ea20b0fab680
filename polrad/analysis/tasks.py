from celery import shared_task


@shared_task
def send_action_digests() -> int:
    """Weekly: each owner and municipal staff member gets their open actions."""
    from polrad.analysis.emails import action_digests_send

    return action_digests_send()


@shared_task
def send_action_digest(recipient_id: int, week: str) -> bool:
    from polrad.analysis.emails import action_digest_send

    return action_digest_send(recipient_id=recipient_id, week=week)
