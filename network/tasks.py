from celery import shared_task
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

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


@shared_task
def send_map_request_answer(event_id: int) -> bool:
    """The email of a coordinator's answer to a request for the map (safe to run twice)."""
    from network import services

    return services.map_request_answer_mail(event_id=event_id)


@shared_task
def anonymise_answered_map_requests() -> int:
    """Daily: wipe the requester's details MAP_REQUEST_RETENTION_MONTHS after the answer."""
    from network import services

    before = timezone.now() - relativedelta(months=settings.MAP_REQUEST_RETENTION_MONTHS)
    return services.map_requests_anonymise(answered_before=before)
