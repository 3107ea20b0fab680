from celery import shared_task

from polrad import ledger
from polrad.queue import queue_each


@shared_task
def send_action_digests() -> int:
    """Weekly: each owner and municipal staff member gets their open actions."""
    from polrad.analysis.digest import digest_recipients

    return queue_each(send_action_digest, digest_recipients(), ledger.week_key())


@shared_task
def send_action_digest(recipient_id: int, period: str) -> bool:
    from polrad.analysis.digest import action_digest_send

    return action_digest_send(recipient_id=recipient_id, period=period)
