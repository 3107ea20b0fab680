from celery import shared_task

from polrad import ledger
from polrad.accounts.roles import Role
from polrad.accounts.selectors import users_with_role
from polrad.queue import queue_each


@shared_task
def send_stale_record_digests() -> int:
    """Monthly: email each coordinator the stale records of their municipalities."""
    coordinators = users_with_role(Role.COORDINATOR).values_list("pk", flat=True)
    return queue_each(send_stale_record_digest, coordinators, ledger.month_key())


@shared_task
def send_stale_record_digest(coordinator_id: int, period: str) -> bool:
    from network import freshness

    return freshness.stale_digest_send(coordinator_id=coordinator_id, period=period)
