from celery import shared_task

from network import freshness


@shared_task
def send_stale_record_digests() -> int:
    """Monthly: email each coordinator the stale records of their municipalities."""
    return freshness.stale_digests_send()


@shared_task
def send_stale_record_digest(coordinator_id: int, period: str) -> bool:
    return freshness.stale_digest_send(coordinator_id=coordinator_id, period=period)
