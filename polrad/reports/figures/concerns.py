"""Concern trends: aggregates only, never a single concern or any text.

Every count is a cell of one fixed grid: a calendar month that has ended, in the places of
the report. A table has a column per month, each month suppressed on its own as in the trend
updates (`signals.trends.suppress_linked`: "< 5" for small counts, "*" for what must be hidden
with them), and no totals over several months. Totals over a free period, beside the months
they are made of, would let a reader subtract a hidden cell back out; cells of one grid
cannot be combined into anything the grid does not show already.
"""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from polrad.dates import month_label, months_of
from polrad.reports.data import Section, Table
from polrad.reports.figures.common import Places
from polrad.reports.periods import Period
from signals import trends
from signals.stats import concern_month_grid

# A wider table no longer fits a page; a longer period shows its last twelve months.
MAX_MONTHS = 12


def whole_months(period: Period, *, ended_by: date | None = None) -> list[date]:
    """The first days of the whole calendar months inside the period (ended by `ended_by`)."""
    end = (period.end + timedelta(days=1)).replace(day=1)
    if ended_by is not None:
        end = min(end, ended_by.replace(day=1))
    return months_of(period.start, end)


def concerns_section(places: Places, period: Period) -> Section:
    section = Section(key="concerns", title=_("Concern trends"))
    months = whole_months(period, ended_by=timezone.localdate())[-MAX_MONTHS:]
    if not months:
        section.note = _(
            "Concern figures are shown per calendar month that has ended; this period holds "
            "no such month."
        )
        return section
    grid = concern_month_grid(municipalities=places, months=months)
    columns = [month_label(month) for month in months]
    section.note = _(
        "Concerns submitted per calendar month that has ended, %(first)s to %(last)s; each "
        "month is a column of its own and its small numbers are hidden."
    ) % {"first": month_label(months[0]), "last": month_label(months[-1])}
    section.tables = [
        _table(
            "concerns-by-category",
            _("Concerns per category and month"),
            _("Category"),
            columns,
            grid["categories"],
        ),
        _table(
            "concerns-by-outcome",
            _("Outcomes per month of submission"),
            _("Outcome"),
            columns,
            grid["outcomes"],
        ),
    ]
    return section


def _table(key, title, label, columns, grid: dict) -> Table:
    return Table(
        key=key,
        title=title,
        columns=[label, *columns],
        rows=[*grid["rows"], [_("Total"), *grid["totals"]]],
        note=trends.suppression_note(),
    )
