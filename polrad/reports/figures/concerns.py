"""Concern trends: aggregates only, never a single concern or any text.

Every count is a cell of one fixed grid: a calendar month that has ended, in the places of
the report. A table has a column per month, each month suppressed on its own as in the trend
updates (`signals.trends.suppress_linked`: "< 5" for small counts, "*" for what must be hidden
with them), and no totals over several months. Totals over a free period, beside the months
they are made of, would let a reader subtract a hidden cell back out; cells of one grid
cannot be combined into anything the grid does not show already.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from polrad.reports.data import Section, Table
from polrad.reports.figures.common import Places
from polrad.reports.periods import Period
from signals import trends
from signals.models import Concern
from signals.workflow import Outcome

# A wider table no longer fits a page; a longer period shows its last twelve months.
MAX_MONTHS = 12


def whole_months(period: Period, *, ended_by: date | None = None) -> list[date]:
    """The first days of the whole calendar months inside the period (ended by `ended_by`)."""
    first = period.start.replace(day=1)
    if first != period.start:
        first += relativedelta(months=1)
    end = (period.end + timedelta(days=1)).replace(day=1)
    if ended_by is not None:
        end = min(end, ended_by.replace(day=1))
    months = []
    while first < end:
        months.append(first)
        first += relativedelta(months=1)
    return months


def _counts(places: Places, months: list[date], field: str) -> dict[date, dict[str, int]]:
    """Concerns submitted per month and per value of `field`: one query."""
    concerns = Concern.objects.filter(
        submitted_at__gte=trends.local_midnight(months[0]),
        submitted_at__lt=trends.local_midnight(months[-1] + relativedelta(months=1)),
    )
    if places is not None:
        concerns = concerns.filter(municipality__in=places)
    rows = (
        concerns.order_by()
        .annotate(month=TruncMonth("submitted_at"))
        .values_list("month", field)
        .annotate(n=Count("pk"))
    )
    counts: dict[date, dict[str, int]] = {month: {} for month in months}
    for month, value, n in rows:
        counts[timezone.localtime(month).date()][value] = n
    return counts


def concerns_section(places: Places, period: Period) -> Section:
    section = Section(key="concerns", title=_("Concern trends"))
    months = whole_months(period, ended_by=timezone.localdate())[-MAX_MONTHS:]
    if not months:
        section.note = _(
            "Concern figures are shown per calendar month that has ended; this period holds "
            "no such month."
        )
        return section
    per_category = _counts(places, months, "category__name")
    per_outcome = _counts(places, months, "outcome")
    categories = sorted({name for counts in per_category.values() for name in counts})
    outcomes = [label for value, label in Outcome.choices]
    open_label = _("Not closed with an outcome yet")
    shown = {}
    for month in months:
        by_category = {name: per_category[month].get(name, 0) for name in categories}
        closed = {label: per_outcome[month].get(value, 0) for value, label in Outcome.choices}
        closed[open_label] = sum(by_category.values()) - sum(closed.values())
        # Both tables count the same concerns of the month: they hide their total together.
        shown[month] = trends.suppress_linked({"categories": by_category, "outcomes": closed})
    columns = [date_format(month, "M Y") for month in months]
    section.note = _(
        "Concerns submitted per calendar month that has ended, %(first)s to %(last)s; each "
        "month is a column of its own and its small numbers are hidden."
    ) % {"first": date_format(months[0], "F Y"), "last": date_format(months[-1], "F Y")}
    section.tables = [
        _grid(
            "concerns-by-category",
            _("Concerns per category and month"),
            _("Category"),
            categories,
            columns,
            [shown[m]["categories"] for m in months],
        ),
        _grid(
            "concerns-by-outcome",
            _("Outcomes per month of submission"),
            _("Outcome"),
            [*outcomes, open_label],
            columns,
            [shown[m]["outcomes"] for m in months],
        ),
    ]
    return section


def _grid(key, title, label, names, columns, months: list[dict]) -> Table:
    rows = [[name, *(month["cells"][name] for month in months)] for name in names]
    rows.append([_("Total"), *(month["total"] for month in months)])
    return Table(
        key=key,
        title=title,
        columns=[label, *columns],
        rows=rows,
        note=trends.suppression_note(),
    )
