"""Plausible dates and numbers, one rule per kind of field, for forms, models and imports.

A date far outside what the field can mean (year 1, year 9999) is a typing error, and some
break more than the row: a session on 1 January of year 1 cannot be shown in Dutch time.
Bounds are relative to today, so the rules stay right over the years.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# The earliest date any field of the platform can mean (a birth, a consent, a VOG).
EARLIEST = date(1900, 1, 1)

# kind → (years back from today or None for EARLIEST, years ahead of today)
DATE_KINDS = {
    # Things that happened: a consent, a certificate of conduct, a vision adopted.
    "past": (None, 0),
    # What a role model or handler records about recent work: an activity, an observation,
    # a coaching session, a case conference.
    "recent": (10, 0),
    # Plans and periods: sessions, agreements, due dates, report periods.
    "planning": (10, 5),
    # Periods and agreements that may reach further ahead (retention, agreements).
    "long": (30, 25),
}


def _years_from(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def date_bounds(kind: str, *, today: date | None = None) -> tuple[date, date]:
    back, ahead = DATE_KINDS[kind]
    today = today or timezone.localdate()
    earliest = EARLIEST if back is None else _years_from(today, -back)
    return earliest, _years_from(today, ahead)


@deconstructible
class PlausibleDateValidator:
    """A date (or the day of a date-time) within the range of its kind, around today."""

    def __init__(self, kind: str):
        if kind not in DATE_KINDS:
            raise ValueError(f"unknown kind of date: {kind}")
        self.kind = kind

    def __call__(self, value):
        if value is None:
            return
        day = value.date() if isinstance(value, datetime) else value
        earliest, latest = date_bounds(self.kind)
        if earliest <= day <= latest:
            return
        if day > latest and self.kind in ("past", "recent"):
            message = _("This date lies in the future; enter a date up to today.")
        else:
            message = _("Enter a date between %(earliest)s and %(latest)s.")
        raise ValidationError(
            message,
            code="implausible_date",
            params={
                "earliest": date_format(earliest, "j F Y"),
                "latest": date_format(latest, "j F Y"),
            },
        )

    def __eq__(self, other):
        return isinstance(other, PlausibleDateValidator) and other.kind == self.kind


def plausible_date(kind: str) -> list:
    """Validators for a date field of this kind: `validators=plausible_date("past")`."""
    return [PlausibleDateValidator(kind)]


def count(maximum: int, *, minimum: int = 1) -> list:
    """Validators for a number of things (people, months, sessions): at least one, sane max."""
    return [MinValueValidator(minimum), MaxValueValidator(maximum)]


def check_date(value, kind: str) -> None:
    """For importers and services: raise ValidationError when `value` is implausible."""
    PlausibleDateValidator(kind)(value)
