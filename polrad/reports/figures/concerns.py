"""Concern trends: aggregates only, never a single concern or any text.

Every count is a cell of a month as `signals.suppression` publishes it, the same cell on every
page, in every report and email: a calendar month that has ended, a column each, no totals
over several months. The report's municipalities get their row of concerns per month; the
split per category and per outcome is the whole region's (split per municipality, beside the
region's, it could be subtracted). That split is the same in every municipality's report,
so their PDFs carry it in the annex (`Table.in_annex`); the region's annual report prints it.
"""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from polrad.dates import month_label, months_of
from polrad.periods import Period
from polrad.reports.data import Section, Table
from polrad.reports.figures.common import Places
from signals import trends
from signals.stats import concern_month_grid

# A wider table no longer fits a page; a longer period shows its last twelve months.
MAX_MONTHS = 12


def whole_months(period: Period, *, ended_by: date | None = None) -> list[date]:
    """The first days of the whole calendar months inside the period (ended by `ended_by`)."""
    end = period.after.replace(day=1)
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
    region = grid["region_wide"]
    section.tables = [
        _table(
            "concerns-by-category",
            _("Concerns in the whole region per category and month")
            if region
            else _("Concerns per category and month"),
            _("Category"),
            columns,
            grid["categories"],
            in_annex=region,
        ),
        _table(
            "concerns-by-outcome",
            _("Outcomes in the whole region per month of submission")
            if region
            else _("Outcomes per month of submission"),
            _("Outcome"),
            columns,
            grid["outcomes"],
            in_annex=region,
        ),
    ]
    if region:
        section.tables.insert(
            0,
            _table(
                "concerns-by-municipality",
                _("Concerns per municipality and month"),
                _("Municipality"),
                columns,
                grid["places"],
            ),
        )
    return section


def _table(key, title, label, columns, grid: dict, *, in_annex: bool = False) -> Table:
    rows = grid["rows"]
    places = key == "concerns-by-municipality"
    if not (places and len(rows) == 1):  # one municipality's total is its own row again
        rows = [*rows, [_("Total"), *grid["totals"]]]
    return Table(
        key=key,
        title=title,
        columns=[label, *columns],
        rows=rows,
        note=trends.suppression_note(),
        in_annex=in_annex,
    )
