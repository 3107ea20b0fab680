""" "This message of this kind for this recipient and this period" is recorded once.

The pattern, for every message that must go out at most once:

    with transaction.atomic():
        entry = ledger.claim(kind="network.stale_digest", recipient=user, period=key)
        if entry is None:
            return False            # sent before, or a twin run is sending it right now
        ...                         # build and send the email (polrad.mail.send)
    return True

The ledger row is written in the same transaction as the email goes out: a second run waits
for the first (the unique index) and then finds the row; a failed send raises, rolls the row
back and leaves the message to the retry. A crash between the SMTP server's acceptance and
the commit can send a message twice, never lose one. See docs/decisions/0006-mail-and-ledger.md.

One period-key format for all apps (ISO 8601, sortable within a unit; month, quarter and year
keys are `polrad.periods.Period.key`):

    day "2026-12-03" · ISO week "2026-W49" · month "2026-12" · quarter "2026-Q4" · year "2026"
    "" for a message sent once ever.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from polrad import periods
from polrad.models import SentMessage


def day_key(day: date | None = None) -> str:
    return (day or timezone.localdate()).isoformat()


def week_key(day: date | None = None) -> str:
    year, week, _weekday = (day or timezone.localdate()).isocalendar()
    return f"{year}-W{week:02d}"


def month_key(day: date | None = None) -> str:
    return periods.containing(day or timezone.localdate(), periods.MONTH).key


def quarter_key(day: date | None = None) -> str:
    return periods.containing(day or timezone.localdate(), periods.QUARTER).key


def year_key(day: date | None = None) -> str:
    return periods.containing(day or timezone.localdate(), periods.YEAR).key


def record_once(model: type[models.Model], **fields) -> models.Model | None:
    """Insert the ledger row `fields` into `model` (which has a unique constraint over them);
    None when it exists. Call inside the transaction that sends, so a failure undoes it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A ledger row must be written in the transaction that sends.")
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction survives a clash
            return model.objects.create(**fields)
    except IntegrityError:
        return None


def claim(*, kind: str, recipient, period: str = "", **detail) -> SentMessage | None:
    """The ledger entry for this message, new; None when it was sent (or is being sent)."""
    return record_once(SentMessage, kind=kind, recipient=recipient, period=period, detail=detail)


def sent_to(*, kind: str, period: str = "") -> models.QuerySet:
    """The ids of the users who have this period's message of this kind."""
    return SentMessage.objects.filter(kind=kind, period=period).values("recipient_id")
