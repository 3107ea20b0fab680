"""A period of calendar days in Europe/Amsterdam: a month, a quarter, a year or chosen dates.

One `Period` for every part: the reports let a user choose one, the concern figures and the
trend updates use the calendar periods by their key. The key is the ledger's period-key
format (`2026-10`, `2026-Q3`, `2026`; see polrad/ledger.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from polrad.dates import local_midnight

MONTH, QUARTER, YEAR, CUSTOM = "month", "quarter", "year", "custom"
CALENDAR_MONTHS = {MONTH: 1, QUARTER: 3, YEAR: 12}


@dataclass(frozen=True)
class Period:
    kind: str
    start: date  # first day, inclusive
    end: date  # last day, inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def after(self) -> date:
        """The first day after the period: month ranges use `months_of(start, after)`."""
        return self.end + timedelta(days=1)

    @property
    def months(self) -> int:
        """The calendar months the period spans (1, 3 or 12 for a calendar period)."""
        return (self.after.year - self.start.year) * 12 + self.after.month - self.start.month

    @property
    def starts_at(self) -> datetime:
        """The first moment, local midnight: ranges on timestamps use `>= starts_at`."""
        return local_midnight(self.start)

    @property
    def ends_before(self) -> datetime:
        """The moment after the last day: ranges on timestamps use `< ends_before`."""
        return local_midnight(self.after)

    @property
    def key(self) -> str:
        """`2026-10`, `2026-Q3`, `2026`, or `2026-01-05/2026-02-09` for chosen dates."""
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{quarter_number(self.start)}"
        if self.kind == YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return date_format(self.start, "F Y")
        if self.kind == QUARTER:
            return _("Q%(quarter)s %(year)s") % {
                "quarter": quarter_number(self.start),
                "year": self.start.year,
            }
        if self.kind == YEAR:
            return str(self.start.year)
        return f"{date_format(self.start, 'j F Y')} – {date_format(self.end, 'j F Y')}"

    @property
    def previous(self) -> Period:
        """The period of the same kind just before; for custom dates, as many days before."""
        if self.kind == CUSTOM:
            return custom(self.start - timedelta(days=self.days), self.start - timedelta(days=1))
        return containing(self.start - timedelta(days=1), self.kind)


def quarter_number(day: date) -> int:
    return (day.month - 1) // 3 + 1


def _calendar(kind: str, start: date) -> Period:
    after = start + relativedelta(months=CALENDAR_MONTHS[kind])
    return Period(kind, start, after - timedelta(days=1))


def month(year: int, month_: int) -> Period:
    return _calendar(MONTH, date(year, month_, 1))


def quarter(year: int, number: int) -> Period:
    return _calendar(QUARTER, date(year, 3 * number - 2, 1))


def year(year_: int) -> Period:
    return _calendar(YEAR, date(year_, 1, 1))


def custom(start: date, end: date) -> Period:
    if end < start:
        raise ValueError("end before start")
    return Period(CUSTOM, start, end)


def containing(day: date, kind: str) -> Period:
    """The month, quarter or year that `day` lies in."""
    if kind == MONTH:
        return month(day.year, day.month)
    if kind == QUARTER:
        return quarter(day.year, quarter_number(day))
    return year(day.year)


def last_complete(kind: str, today: date | None = None) -> Period:
    """The most recent month, quarter or year that has ended."""
    today = today or timezone.localdate()
    return containing(today, kind).previous


def parse(key: str) -> Period:
    """`2026-10` (a month) or `2026-Q3` (a quarter); ValueError for anything else."""
    year_, _sep, part = key.partition("-")
    if part.startswith("Q") and part[1:] in {"1", "2", "3", "4"}:
        return quarter(int(year_), int(part[1:]))
    return month(int(year_), int(part))
