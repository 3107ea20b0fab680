"""Concern trends: aggregates only, never a single concern or any text.

The figures count only the whole calendar months inside the period that have ended: with a
free range of days, or a month still running, two reports could be subtracted down to a
single concern. Cells are suppressed as in the trend updates (`signals.trends.suppress`,
`suppress_linked` through `signals.stats.concern_figures`), with the same footnote.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from network.models import Municipality
from polrad.reports.data import KeyFigure, Section, Table
from polrad.reports.figures.common import Places, table
from polrad.reports.periods import Period
from signals import trends
from signals.stats import concern_figures


def whole_months(period: Period, *, ended_by: date | None = None) -> trends.Period | None:
    """The whole calendar months inside the period (that have ended by `ended_by`), as one
    period with an exclusive end; None when there are none."""
    start = period.start.replace(day=1)
    if start != period.start:
        start += relativedelta(months=1)
    end = (period.end + timedelta(days=1)).replace(day=1)
    if ended_by is not None:
        end = min(end, ended_by.replace(day=1))
    if end <= start:
        return None
    return trends.Period(key=f"{start:%Y-%m}/{end:%Y-%m}", start=start, end=end)


def concerns_section(places: Places, period: Period) -> Section:
    section = Section(key="concerns", title=_("Concern trends"))
    today = timezone.localdate()
    months = whole_months(period, ended_by=today)
    if months is None:
        section.note = (
            _("Concern figures are not shown for periods shorter than a month.")
            if whole_months(period) is None
            else _("Concern figures are shown for whole months that have ended; none yet.")
        )
        return section
    municipalities = Municipality.objects.all() if places is None else places
    now = concern_figures(municipalities=municipalities, period=months)
    earlier = whole_months(period.previous, ended_by=today)
    before = None
    if earlier is not None:
        before = concern_figures(municipalities=municipalities, period=earlier)
    last = months.end - timedelta(days=1)
    section.note = _(
        "Counted over the whole calendar months in the period that have ended: %(start)s to "
        "%(end)s. Aggregates only, with small numbers hidden."
    ) % {"start": date_format(months.start, "F Y"), "end": date_format(last, "F Y")}
    section.figures = [
        KeyFigure(
            _("Concerns submitted"),
            now["categories"]["total"],
            before["categories"]["total"] if before else None,
            key="concerns",
        ),
        KeyFigure(
            _("Closed with an outcome"),
            now["outcomes"]["total"],
            before["outcomes"]["total"] if before else None,
            key="concerns-closed",
        ),
    ]
    section.tables = [
        _concern_table(
            "concerns-by-category", _("Concerns per category"), _("Category"), now["categories"]
        ),
        _concern_table("concerns-by-month", _("Concerns per month"), _("Month"), now["months"]),
        _concern_table(
            "concerns-by-outcome", _("Outcomes of closed concerns"), _("Outcome"), now["outcomes"]
        ),
    ]
    return section


def _concern_table(key: str, title: str, label: str, shown: dict) -> Table:
    """Suppressed counts as texts, with their (possibly hidden) total; a chart only when
    nothing is hidden, so that no bar shows what a cell hides."""
    columns = [label, _("Concerns")]
    rows = [[name, value] for name, value in shown["rows"]]
    chart = None
    if rows and not shown["hidden"]:
        chart = table(key, title, columns, [[name, int(n)] for name, n in rows]).chart
    return Table(
        key=key,
        title=title,
        columns=columns,
        rows=[*rows, [_("Total"), shown["total"]]],
        chart=chart,
        note=trends.suppression_note(),
    )
