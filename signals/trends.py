"""Trend updates: what the network saw in a period, with small counts suppressed.

The aggregates are computed once per period (a handful of GROUP BY queries) and shared by
every recipient's email. Counts from 1 up to the threshold are hidden (primary suppression).
Other counts are hidden too (secondary suppression) until the shown total leaves every hidden
cell free to be anything from 1 to at least the threshold, so that subtraction cannot pin one
down; when no choice does that, the total is hidden as well. Every hidden cell and total looks
the same ("*"), whatever its size; zero cells are shown, and never hidden to protect others.
"""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from polrad.dates import local_midnight
from signals.models import Concern
from trainings.models import Session
from trainings.workflow import SessionState

MONTHLY, QUARTERLY = "monthly", "quarterly"


@dataclass(frozen=True)
class Period:
    key: str
    start: date
    end: date  # exclusive

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month

    @property
    def frequency(self) -> str:
        """Who gets the trend update of this period: quarterly or monthly subscribers."""
        return QUARTERLY if self.months == 3 else MONTHLY

    @property
    def previous(self) -> "Period":
        if self.months == 12:
            return year_period(self.start.year - 1)
        start = self.start - relativedelta(months=self.months)
        return period_starting(start, quarterly=self.months == 3)


def period_starting(start: date, *, quarterly: bool) -> Period:
    if quarterly:
        start = start.replace(month=3 * ((start.month - 1) // 3) + 1, day=1)
        key = f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        return Period(key, start, start + relativedelta(months=3))
    start = start.replace(day=1)
    return Period(f"{start:%Y-%m}", start, start + relativedelta(months=1))


def year_period(year: int) -> Period:
    return Period(str(year), date(year, 1, 1), date(year + 1, 1, 1))


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


# A count below the threshold shows as "< 5"; a count hidden only so that the small ones
# cannot be worked out from the total (secondary suppression), and a hidden total, show as "*".
HIDDEN = "*"


def small(threshold: int) -> str:
    return f"< {threshold}"


def suppression_note(threshold: int | None = None) -> str:
    """The footnote under a table with hidden cells, in the active language."""
    threshold = threshold or settings.CONCERN_SMALL_COUNT_THRESHOLD
    return _(
        "To protect privacy, “%(small)s” stands for a number from 1 to %(largest)s, and "
        "“%(hidden)s” for a number hidden as well, so that the small numbers cannot be "
        "worked out from the others or the total."
    ) % {"small": small(threshold), "largest": threshold - 1, "hidden": HIDDEN}


def _protected(small_counts: list[int], secondary: list[int], threshold: int) -> bool:
    """Whether a reader who knows the hidden sum, that each "< T" cell is 1..T-1 and that each
    "*" cell is at least T, still finds every "< T" cell free to be any of 1..T-1."""
    cells, known_sum = len(small_counts) + len(secondary), sum(small_counts) + sum(secondary)
    if cells < 2:
        return False
    # The largest a small cell can be: the sum minus the least the others can be.
    largest = known_sum - (len(small_counts) - 1) - len(secondary) * threshold
    if largest < threshold - 1:
        return False
    # The least it can be: 1 when a "*" cell can take up the rest; else the sum minus the most
    # the other small cells can be.
    least = known_sum - (len(small_counts) - 1) * (threshold - 1) if not secondary else 1
    return least <= 1


def suppress(counts: dict[str, int], threshold: int | None = None, *, hide_all=False) -> dict:
    """Counts per label plus their total, as display texts with small counts hidden.

    Counts below the threshold show as "< 5". Where the total and the shown cells would let
    a reader work one of them out, the smallest other counts above zero are hidden too ("*"),
    until none can be; failing that, the total is hidden. Zeros are shown: a zero harms no one.
    `hide_all` hides every count above zero and the total: for a table whose total another
    table of the same concerns had to hide.
    """
    threshold = threshold or settings.CONCERN_SMALL_COUNT_THRESHOLD
    total = sum(counts.values())
    primary = {label for label, n in counts.items() if 0 < n < threshold}
    secondary = {label for label, n in counts.items() if hide_all and n >= threshold}
    candidates = sorted((n, label) for label, n in counts.items() if n >= threshold)

    def protected() -> bool:
        return _protected([counts[k] for k in primary], [counts[k] for k in secondary], threshold)

    while primary and not hide_all and candidates and not protected():
        secondary.add(candidates.pop(0)[1])
    total_hidden = bool(total) and (hide_all or (bool(primary) and not protected()))

    def cell(label: str, n: int) -> str:
        if label in primary:
            return small(threshold)
        return HIDDEN if label in secondary else str(n)

    return {
        "cells": {label: cell(label, n) for label, n in counts.items()},
        "total": HIDDEN if total_hidden else str(total),
        "hidden": bool(primary or secondary),
    }


def suppress_linked(tables: dict[str, dict[str, int]], threshold: int | None = None) -> dict:
    """Several tables of the same concerns (so with the same total): when one has to hide its
    total, showing it in another would undo that, so then all of them hide everything."""
    shown = {name: suppress(counts, threshold) for name, counts in tables.items()}
    if any(table["total"] == HIDDEN for table in shown.values()):
        return {name: suppress(counts, threshold, hide_all=True) for name, counts in tables.items()}
    return shown


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


FIELDS = {"categories": "category__name", "municipalities": "municipality__name"}
UPCOMING_TRAININGS = 5


def upcoming_trainings(limit: int = UPCOMING_TRAININGS) -> list[dict]:
    """The next planned training sessions, as texts for an email: one query."""
    sessions = (
        Session.objects.filter(state=SessionState.PLANNED, starts_at__gt=timezone.now())
        .select_related("programme", "municipality")
        .order_by("starts_at", "pk")[:limit]
    )
    with translation.override(settings.LANGUAGE_CODE):
        return [
            {
                "title": session.display_title,
                "starts": date_format(timezone.localtime(session.starts_at), "j F Y, H:i"),
                "municipality": session.municipality.name if session.municipality else "",
                "url": settings.SITE_URL + session.get_absolute_url(),
            }
            for session in sessions
        ]


def _note_in_the_site_language() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return suppression_note()


def trend_aggregates(period: Period) -> dict:
    """The network's trends for a period beside the previous one, and the coming trainings:
    six queries, for everyone (the approved interpretations of the period lead).

    JSON-serialisable, so that one computation can be handed to every batch of emails.
    """
    from signals.interpretations import approved_for_update  # it reads this module

    now = {name: _counts(period, field) for name, field in FIELDS.items()}
    before = {name: _counts(period.previous, field) for name, field in FIELDS.items()}
    labels = {name: sorted(set(now[name]) | set(before[name])) for name in FIELDS}
    current = suppress_linked(
        {name: {label: now[name].get(label, 0) for label in labels[name]} for name in FIELDS}
    )
    previous = suppress_linked(
        {name: {label: before[name].get(label, 0) for label in labels[name]} for name in FIELDS}
    )
    tables = {
        name: {
            "rows": [
                {
                    "label": label,
                    "now": current[name]["cells"][label],
                    "before": previous[name]["cells"][label],
                }
                for label in labels[name]
            ],
            "total_now": current[name]["total"],
            "total_before": previous[name]["total"],
        }
        for name in FIELDS
    }
    return {
        "interpretations": approved_for_update(period.key),
        "period": period.key,
        "previous": period.previous.key,
        "threshold": settings.CONCERN_SMALL_COUNT_THRESHOLD,
        "note": _note_in_the_site_language(),
        "any_hidden": any(side[name]["hidden"] for side in (current, previous) for name in FIELDS),
        "trainings": upcoming_trainings(),
        **tables,
    }
