"""Trend updates: what the network saw in a period, with small counts suppressed.

The aggregates are computed once per period (a handful of GROUP BY queries) and shared by
every recipient's email. Counts from 1 up to the threshold are shown as "< 5" (primary
suppression); when the total would then reveal them, the next smallest counts are hidden too
(secondary suppression), until the hidden counts add up to at least the threshold or the
total is hidden as well.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from signals.models import Concern

MONTHLY, QUARTERLY = "monthly", "quarterly"


@dataclass(frozen=True)
class Period:
    key: str
    start: date
    end: date  # exclusive

    @property
    def previous(self) -> "Period":
        months = 3 if "Q" in self.key else 1
        return period_starting(self.start - relativedelta(months=months), quarterly=months == 3)


def period_starting(start: date, *, quarterly: bool) -> Period:
    if quarterly:
        start = start.replace(month=3 * ((start.month - 1) // 3) + 1, day=1)
        key = f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        return Period(key, start, start + relativedelta(months=3))
    start = start.replace(day=1)
    return Period(f"{start:%Y-%m}", start, start + relativedelta(months=1))


def parse_period(key: str) -> Period:
    """`2026-10` (a month) or `2026-Q3` (a quarter); ValueError for anything else."""
    year, _sep, part = key.partition("-")
    if part.startswith("Q") and part[1:] in {"1", "2", "3", "4"}:
        return period_starting(date(int(year), 3 * int(part[1:]) - 2, 1), quarterly=True)
    return period_starting(date(int(year), int(part), 1), quarterly=False)


def last_complete(frequency: str, today: date | None = None) -> Period:
    """The most recent period that has ended: last month, or last quarter."""
    today = today or timezone.localdate()
    months = 3 if frequency == QUARTERLY else 1
    current = period_starting(today, quarterly=frequency == QUARTERLY)
    return period_starting(current.start - relativedelta(months=months), quarterly=months == 3)


def suppress(counts: dict[str, int], threshold: int | None = None) -> dict:
    """Counts per label plus their total, as display texts with small counts hidden."""
    threshold = threshold or settings.CONCERN_SMALL_COUNT_THRESHOLD
    total = sum(counts.values())
    primary = {label for label, n in counts.items() if 0 < n < threshold}
    hidden = set(primary)
    total_hidden = 0 < total < threshold
    visible = sorted((n, label) for label, n in counts.items() if label not in hidden)
    while hidden and not total_hidden and sum(counts[label] for label in hidden) < threshold:
        if visible:
            hidden.add(visible.pop(0)[1])
        else:
            total_hidden = True

    def text(label, n):
        if label in primary:
            return f"< {threshold}"
        return "·" if label in hidden else str(n)

    return {
        "cells": {label: text(label, n) for label, n in counts.items()},
        "total": f"< {threshold}" if total_hidden and total else str(total),
        "secondary": bool(hidden - primary),
    }


def local_midnight(day: date) -> datetime:
    """The start of a day in Europe/Amsterdam: periods follow the local calendar, and a range
    on the column itself can use its index (a __date lookup cannot)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _counts(period: Period, field: str) -> dict[str, int]:
    rows = (
        Concern.objects.filter(
            submitted_at__gte=local_midnight(period.start),
            submitted_at__lt=local_midnight(period.end),
        )
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
    )
    return {row[field]: row["n"] for row in rows}


def trend_aggregates(period: Period) -> dict:
    """The network's trends for a period beside the previous one: four queries, for everyone.

    JSON-serialisable, so that one computation can be handed to every batch of emails.
    """
    tables = {}
    for name, field in (("categories", "category__name"), ("municipalities", "municipality__name")):
        now, before = _counts(period, field), _counts(period.previous, field)
        labels = sorted(set(now) | set(before))
        current = suppress({label: now.get(label, 0) for label in labels})
        previous = suppress({label: before.get(label, 0) for label in labels})
        tables[name] = {
            "rows": [
                {"label": label, "now": current["cells"][label], "before": previous["cells"][label]}
                for label in labels
            ],
            "total_now": current["total"],
            "total_before": previous["total"],
            "secondary": current["secondary"] or previous["secondary"],
        }
    return {
        "period": period.key,
        "previous": period.previous.key,
        "threshold": settings.CONCERN_SMALL_COUNT_THRESHOLD,
        **tables,
    }
