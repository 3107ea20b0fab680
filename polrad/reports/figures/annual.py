"""The parts only the network's annual report has: the funders' figures and the
municipalities side by side."""

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from network.models import Municipality
from polrad.periods import Period
from polrad.reports.data import KeyFigure, Report, Section, Table
from polrad.reports.figures.activities import approved_activities
from polrad.reports.figures.common import table
from polrad.reports.figures.role_models import active_at, first_activations
from rolemodels.models import RoleModel
from trainings.stats import ATTENDED_Q, seats_in

# Picked from the other sections by key.
FUNDER_FIGURES = (
    "activities",
    "participants",
    "role-models-deployed",
    "role-models-active",
    "role-models-new",
    "people-trained",
    "certificates",
)


def funders_section(report: Report) -> Section:
    """The few figures funders ask for, this year beside last year."""
    figures = [
        KeyFigure(figure.label, figure.now, figure.before, key=f"funders-{figure.key}")
        for figure in map(report.figure, FUNDER_FIGURES)
        if figure is not None
    ]
    rows = [[f.label, f.now, "" if f.before is None else f.before] for f in figures]
    return Section(
        key="funders",
        title=_("Figures for funders"),
        figures=figures,
        tables=[
            Table(
                key="funders",
                title=_("Figures for funders"),
                columns=[_("Figure"), report.period.label, report.previous.label],
                rows=rows,
                repeats_key_figures=True,
            )
        ],
    )


def municipalities_section(period: Period) -> Section:
    """Every municipality side by side (the active ones, and others with figures)."""
    columns = _per_municipality(period)
    rows = []
    for pk, name, is_active in Municipality.objects.values_list("pk", "name", "is_active"):
        row = [name, *(column.get(pk, 0) for column in columns)]
        if is_active or any(row[1:]):
            rows.append(row)
    rows.sort(key=lambda row: row[0])
    headers = [
        _("Municipality"),
        _("Approved activities"),
        _("Participants reached"),
        _("Active role models"),
        _("New role models in the period"),
        _("People trained"),
    ]
    title = _("The municipalities side by side")
    note = _("Someone trained in several municipalities counts in each.")
    side_by_side = table("municipalities", title, headers, rows, note=note)
    if side_by_side.chart:  # of the largest, not of the first in the alphabet
        largest = sorted(rows, key=lambda row: -row[1])
        side_by_side.chart = table("municipalities", title, headers, largest).chart
    return Section(key="municipalities", title=_("Per municipality"), tables=[side_by_side])


def _per_municipality(period: Period) -> list[dict[int, int]]:
    """The columns of the side-by-side table, each one grouped query by municipality id."""
    activities = (
        approved_activities(None, period)
        .values_list("municipality")
        .annotate(n=Count("pk"), reached=Sum("participants"))
    )
    trained = (
        seats_in(date_from=period.start, date_to=period.end)
        .filter(ATTENDED_Q)
        .annotate(place=Coalesce("municipality_id", "session__municipality_id"))
        .values_list("place")
        .annotate(n=Count("email", distinct=True))
    )
    activities = list(activities)
    return [
        {pk: n for pk, n, _reached in activities},
        {pk: reached or 0 for pk, _n, reached in activities},
        dict(
            active_at(RoleModel.objects.order_by(), period.ends_before)
            .values_list("municipality")
            .annotate(n=Count("pk"))
        ),
        dict(
            first_activations(None, period.starts_at, period.ends_before)
            .values_list("role_model__municipality")
            .annotate(n=Count("role_model", distinct=True))
        ),
        dict(trained),
    ]
