"""Calendar days and months as the network lives them: in Europe/Amsterdam."""

from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.utils import timezone


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
