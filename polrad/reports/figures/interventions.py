"""Interventions deployed: activities that delivered an intervention of the catalogue (by
kind and practice category), and interventions chosen in case conferences (concern-derived:
a grid of whole months with small counts suppressed, as every concern figure)."""

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Intervention
from polrad.dates import month_label
from polrad.periods import Period
from polrad.reports.data import KeyFigure, Section, Table
from polrad.reports.figures.activities import approved_activities
from polrad.reports.figures.common import Places
from polrad.reports.figures.concerns import MAX_MONTHS, whole_months
from signals import trends
from signals.stats import conference_intervention_month_grid


def interventions_section(places: Places, period: Period) -> Section:
    delivered = approved_activities(places, period).filter(intervention__isnull=False)
    before = approved_activities(places, period.previous).filter(intervention__isnull=False)
    section = Section(
        key="interventions",
        title=_("Interventions deployed"),
        figures=[
            KeyFigure(
                _("Activities that delivered an intervention"),
                delivered.count(),
                before.count(),
                key="activities-with-intervention",
            )
        ],
        tables=[
            _activities_table(delivered, "intervention__kind", Intervention.Kind, _("Kind")),
            _activities_table(
                delivered, "intervention__category", Intervention.Category, _("Practice category")
            ),
        ],
    )
    months = whole_months(period, ended_by=timezone.localdate())[-MAX_MONTHS:]
    if months:
        grid = conference_intervention_month_grid(municipalities=places, months=months)
        columns = [month_label(month) for month in months]
        section.tables += [
            _conference_table(
                "interventions-conferences-by-kind", _("Kind"), columns, grid, "kinds"
            ),
            _conference_table(
                "interventions-conferences-by-category",
                _("Practice category"),
                columns,
                grid,
                "categories",
            ),
        ]
        section.note = _(
            "Case conferences count per calendar month that has ended; small numbers are hidden."
        )
    return section


def _activities_table(activities, field: str, choices, label: str) -> Table:
    found = {
        row[field]: row
        for row in activities.values(field).annotate(n=Count("pk"), reached=Sum("participants"))
    }
    rows = [
        [str(name), found.get(value, {}).get("n", 0), found.get(value, {}).get("reached") or 0]
        for value, name in choices.choices
    ]
    key = "interventions-activities-by-" + ("kind" if field.endswith("kind") else "category")
    return Table(
        key=key,
        title=_("Activities per %(label)s of the intervention") % {"label": label.lower()},
        columns=[label, _("Activities"), _("Participants")],
        rows=rows,
    )


def _conference_table(key, label, columns, grid, part) -> Table:
    return Table(
        key=key,
        title=_("Interventions chosen in case conferences, per %(label)s and month")
        % {"label": label.lower()},
        columns=[label, *columns],
        rows=[*grid[part]["rows"], [_("Total"), *grid[part]["totals"]]],
        note=trends.suppression_note(),
    )
