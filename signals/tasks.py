"""Emails about concerns. They never carry content: a short notice and a link."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from polrad import mail, periods
from polrad.accounts.roles import Role
from polrad.accounts.selectors import users_with_role
from signals import digests, emails, retention, satisfaction, trends
from signals.models import Concern, Note, TrendDigest


def _handler_emails(municipality_id: int) -> list[str]:
    handlers = users_with_role(Role.HANDLER, municipality_id=municipality_id)
    return sorted(set(handlers.values_list("email", flat=True)))


@shared_task
def send_receipt(concern_id: int) -> None:
    """To the reporter: the reference code, what happens next, when they hear back."""
    concern = Concern.objects.select_related("reporter").filter(pk=concern_id).first()
    if concern is None or concern.reporter is None:
        return
    mail.send([emails.receipt(concern)])


@shared_task
def notify_handlers_of_urgent_concern(concern_id: int) -> None:
    """To every handler of the concern's municipality, at once: only that there is one."""
    concern = Concern.objects.filter(pk=concern_id).first()
    if concern is None:
        return
    recipients = _handler_emails(concern.municipality_id)
    if recipients:
        mail.send([emails.urgent(concern, recipients)])


@shared_task
def send_message_notice(note_id: int) -> None:
    """To the reporter: there is a message from the handler; the text stays on the platform."""
    note = Note.objects.select_related("concern__reporter").filter(pk=note_id).first()
    if note is None or note.concern.reporter is None:
        return
    mail.send([emails.message_notice(note.concern)])


@shared_task
def anonymise_expired_concerns() -> int:
    """Daily: wipe the personal content of concerns whose retention period has ended, and of
    mentorships that ended longer ago than that period (CONCERN_RETENTION_MONTHS)."""
    from rolemodels.mentoring.services import mentorships_anonymise_ended

    done = retention.concerns_anonymise_expired()
    ended_before = timezone.localdate() - relativedelta(months=settings.CONCERN_RETENTION_MONTHS)
    mentorships_anonymise_ended(ended_before=ended_before)
    return done


@shared_task
def send_retention_warnings() -> int:
    """Daily: tell the handlers of a municipality, once per concern, which concerns will be
    anonymised within CONCERN_RETENTION_WARNING_DAYS (references and dates only), so they
    can keep one longer."""
    warned = 0
    for municipality_id, concerns in retention.concerns_to_warn().items():
        with transaction.atomic():
            # Rows another run already marked are left out: each concern is announced once.
            pks = list(
                Concern.objects.select_for_update(skip_locked=True)
                .filter(pk__in=[c.pk for c in concerns], retention_warned_at__isnull=True)
                .values_list("pk", flat=True)
            )
            upcoming = [c for c in concerns if c.pk in pks]
            recipients = _handler_emails(municipality_id)
            if not upcoming or not recipients:
                continue
            Concern.objects.filter(pk__in=pks).update(retention_warned_at=timezone.now())
            rows = [
                {
                    "reference": c.reference,
                    "end": retention.retention_end(c),
                    "url": settings.SITE_URL + reverse("signals:detail", args=[c.pk]),
                }
                for c in upcoming
            ]
            mail.send([emails.retention_warning(rows, recipients)])
            warned += len(upcoming)
    return warned


TREND_BATCH = 100


@shared_task
def send_trend_updates(period: str | None = None, frequency: str = trends.MONTHLY) -> int:
    """Monthly (or quarterly): compute the period's trends once, then fan the emails out in
    batches. A given period decides the frequency: a quarter goes to quarterly subscribers.
    Recipients who have this period's update, or are being sent it, are left out."""
    chosen = (
        periods.parse(period) if period else periods.last_complete(trends.PERIOD_KINDS[frequency])
    )
    aggregates = trends.trend_aggregates(chosen)
    handled = TrendDigest.objects.filter(digests.handled(chosen.key), user=OuterRef("pk"))
    ids = list(
        digests.trend_recipients(trends.FREQUENCIES[chosen.kind])
        .exclude(Exists(handled))
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), TREND_BATCH):
        send_trend_update_batch.delay(chosen.key, ids[start : start + TREND_BATCH], aggregates)
    return len(ids)


# acks_late (also when the worker process is lost) only here: the ledger makes a second
# delivery of the same batch harmless, and a batch of a dead worker is delivered again and
# takes over its stale claims. SMTP trouble (an OSError) is retried with backoff; the ledger
# keeps what was sent from going out again. The time limits keep a batch inside its lease.
@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError, SoftTimeLimitExceeded),
    retry_backoff=60,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=6,
    soft_time_limit=digests.CLAIM_LEASE.total_seconds() / 6,
    time_limit=digests.CLAIM_LEASE.total_seconds() / 3,
)
def send_trend_update_batch(period: str, user_ids: list[int], aggregates: dict) -> int:
    return digests.trend_update_send_batch(period=period, user_ids=user_ids, aggregates=aggregates)


@shared_task
def send_closed_notice(concern_id: int) -> None:
    """To the reporter: the report is closed, the outcome is on the platform; satisfied?"""
    concern = Concern.objects.select_related("reporter").filter(pk=concern_id).first()
    if concern is None or concern.reporter is None or concern.state != "closed":
        return
    token = satisfaction.satisfaction_token(concern)
    answer_url = settings.SITE_URL + reverse("signals:satisfaction", args=[token])
    mail.send([emails.closed_notice(concern, answer_url=answer_url)])
