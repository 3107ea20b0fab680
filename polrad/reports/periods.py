"""The period of a report, in Europe/Amsterdam calendar days, and the period before it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from polrad.dates import local_midnight

MONTH, QUARTER, YEAR, CUSTOM = "month", "quarter", "year", "custom"


@dataclass(frozen=True)
class Period:
    kind: str
    start: date  # first day, inclusive
    end: date  # last day, inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def starts_at(self) -> datetime:
        """The first moment, local midnight: ranges on timestamps use `>= starts_at`."""
        return local_midnight(self.start)

    @property
    def ends_before(self) -> datetime:
        """The moment after the last day: ranges on timestamps use `< ends_before`."""
        return local_midnight(self.end + timedelta(days=1))

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return date_format(self.start, "F Y")
        if self.kind == QUARTER:
            return _("Q%(quarter)s %(year)s") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        if self.kind == YEAR:
            return str(self.start.year)
        return f"{date_format(self.start, 'j F Y')} – {date_format(self.end, 'j F Y')}"

    @property
    def previous(self) -> Period:
        """The period of the same kind just before; for custom dates, as many days before."""
        if self.kind == CUSTOM:
            return Period(
                CUSTOM, self.start - timedelta(days=self.days), self.start - timedelta(days=1)
            )
        months = {MONTH: 1, QUARTER: 3, YEAR: 12}[self.kind]
        start = self.start - relativedelta(months=months)
        return Period(self.kind, start, self.start - timedelta(days=1))


def month(year: int, month_: int) -> Period:
    start = date(year, month_, 1)
    return Period(MONTH, start, start + relativedelta(months=1) - timedelta(days=1))


def quarter(year: int, number: int) -> Period:
    start = date(year, 3 * number - 2, 1)
    return Period(QUARTER, start, start + relativedelta(months=3) - timedelta(days=1))


def year(year_: int) -> Period:
    return Period(YEAR, date(year_, 1, 1), date(year_, 12, 31))


def custom(start: date, end: date) -> Period:
    if end < start:
        raise ValueError("end before start")
    return Period(CUSTOM, start, end)
