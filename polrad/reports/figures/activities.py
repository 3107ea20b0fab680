"""Activities and reach: approved activities by their (local) date."""

from django.db.models import Count, QuerySet, Sum
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from polrad.periods import Period
from polrad.reports.data import KeyFigure, Section
from polrad.reports.figures.common import Places, several, table
from rolemodels.models import Activity
from rolemodels.stats import activity_figures, role_models_deployed
from rolemodels.workflow import ActivityState

HIGHLIGHTS = 10
HIGHLIGHT_LENGTH = 300


def approved_activities(places: Places, period: Period) -> QuerySet[Activity]:
    activities = Activity.objects.filter(
        state=ActivityState.APPROVED, date__gte=period.start, date__lte=period.end
    )
    if places is not None:
        activities = activities.filter(municipality__in=places)
    return activities.order_by()


def activities_section(places: Places, period: Period) -> Section:
    activities = approved_activities(places, period)
    figures = activity_figures(activities)
    earlier = approved_activities(places, period.previous)
    before = earlier.aggregate(n=Count("pk"), reached=Sum("participants"))
    columns = [_("Activities"), _("Participants")]

    def rows(found) -> list[list]:
        return [[row.label, row.activities, row.participants] for row in found]

    section = Section(
        key="activities",
        title=_("Activities and reach"),
        figures=[
            KeyFigure(_("Approved activities"), figures.activities, before["n"], key="activities"),
            KeyFigure(
                _("Participants reached"),
                figures.participants,
                before["reached"] or 0,
                key="participants",
            ),
            KeyFigure(
                _("Role models deployed"),
                figures.role_models,
                role_models_deployed(earlier),
                key="role-models-deployed",
            ),
        ],
        tables=[
            table(
                "activities-by-month",
                _("Activities per month"),
                [_("Month"), *columns],
                rows(figures.per_month),
            ),
            table(
                "activities-by-target-group",
                _("Activities per target group"),
                [_("Target group"), *columns],
                rows(figures.per_target_group),
            ),
            table(
                "activities-by-theme",
                _("Activities per theme"),
                [_("Theme"), *columns],
                rows(figures.per_theme),
            ),
            table(
                "activities-by-venue-type",
                _("Activities per type of venue"),
                [_("Type of venue"), *columns],
                _per_venue_type(activities),
            ),
        ],
        highlights=_highlights(activities),
    )
    if several(places):
        section.tables.append(
            table(
                "activities-by-municipality",
                _("Activities per municipality"),
                [_("Municipality"), *columns],
                rows(figures.per_municipality),
            )
        )
    return section


def _per_venue_type(activities: QuerySet[Activity]) -> list[list]:
    labels = dict(Activity.VenueType.choices)
    grouped = (
        activities.values("venue_type")
        .annotate(n=Count("pk"), reached=Sum("participants"))
        .order_by("-n", "venue_type")
    )
    return [
        [str(labels.get(row["venue_type"], row["venue_type"])), row["n"], row["reached"] or 0]
        for row in grouped
    ]


def _highlights(activities: QuerySet[Activity]) -> list[str]:
    """Short descriptions a coordinator marked as shareable: never the private reflection."""
    shared = (
        activities.filter(shareable=True)
        .exclude(description="")
        .order_by("-date", "-pk")
        .values_list("date", "municipality__name", "description")[:HIGHLIGHTS]
    )
    return [
        f"{date_format(day, 'j F Y')}, {place}: {Truncator(text).chars(HIGHLIGHT_LENGTH)}"
        for day, place, text in shared
    ]
