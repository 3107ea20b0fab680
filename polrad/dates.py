"""Calendar days and months as the network lives them: in Europe/Amsterdam."""

from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.formats import date_format


def local_midnight(day: date) -> datetime:
    """The start of a day in the current (Dutch) time zone: periods follow the local calendar,
    and a range on a timestamp column can use its index (a __date lookup cannot)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def months_of(start: date, end: date) -> list[date]:
    """The first days of the calendar months that begin from `start` up to (not including)
    `end`."""
    months, month = [], start.replace(day=1)
    if month < start:
        month += relativedelta(months=1)
    while month < end:
        months.append(month)
        month += relativedelta(months=1)
    return months


# How a calendar month is shown everywhere (tables, charts, figures): its Dutch name and
# year, "december 2026"; never an abbreviation ("Dec 2026") or ISO ("2026-12").
MONTH_FORMAT = "F Y"


def month_label(month: date) -> str:
    return date_format(month, MONTH_FORMAT)
