"""The figures a network reports to its funders, from approved activities."""

from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth

from polrad.dates import month_label
from polrad.figure_cache import VersionedCache
from rolemodels.models import Activity


@dataclass
class Row:
    label: str
    activities: int
    participants: int


@dataclass
class ActivityFigures:
    activities: int
    participants: int
    role_models: int
    municipalities: int
    per_month: list[Row]
    per_municipality: list[Row]
    per_theme: list[Row]
    per_target_group: list[Row]


def _rows(queryset, key: str, order: tuple[str, ...], label=str) -> list[Row]:
    """One row per value of `key`, with the number of activities and participants."""
    grouped = queryset.values(key).annotate(n=Count("pk"), reached=Sum("participants"))
    return [
        Row(label=label(entry[key]), activities=entry["n"], participants=entry["reached"] or 0)
        for entry in grouped.order_by(*order)
    ]


def role_models_deployed(activities: QuerySet[Activity]) -> int:
    """Distinct role models who gave the activities: those who logged them and co-presenters."""
    through = Activity.co_presenters.through
    logged = activities.order_by().values("role_model_id")
    co_presenting = through.objects.filter(activity__in=activities).values("rolemodel_id")
    return logged.union(co_presenting).count()


def _every_month(activities: QuerySet[Activity]) -> list[Row]:
    """Per month from the first to the last with activities, quiet months included (a chart
    that skipped them would draw a gap as a steady line), labelled as people read them."""
    counted = {
        row["month"]: row
        for row in activities.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(n=Count("pk"), reached=Sum("participants"))
    }
    rows = []
    if counted:
        month, last = min(counted), max(counted)
        while month <= last:
            row = counted.get(month, {})
            rows.append(
                Row(
                    label=month_label(month),
                    activities=row.get("n", 0),
                    participants=row.get("reached") or 0,
                )
            )
            month += relativedelta(months=1)
    return rows


def activity_figures(activities: QuerySet[Activity]) -> ActivityFigures:
    """Totals and breakdowns of the given (approved, filtered) activities: six queries."""
    activities = activities.order_by()
    totals = activities.aggregate(
        n=Count("pk"), reached=Sum("participants"), places=Count("municipality", distinct=True)
    )
    target_groups = dict(Activity.TargetGroup.choices)
    through = Activity.themes.through
    return ActivityFigures(
        activities=totals["n"],
        participants=totals["reached"] or 0,
        role_models=role_models_deployed(activities),
        municipalities=totals["places"],
        per_month=_every_month(activities),
        per_municipality=_rows(activities, "municipality__name", ("-n", "municipality__name")),
        per_theme=[
            Row(label=entry["theme__name"], activities=entry["n"], participants=entry["reached"])
            for entry in through.objects.filter(activity__in=activities)
            .values("theme__name")
            .annotate(n=Count("activity_id"), reached=Sum("activity__participants"))
            .order_by("-n", "theme__name")
        ],
        per_target_group=_rows(
            activities,
            "target_group",
            ("-n", "target_group"),
            label=lambda key: str(target_groups.get(key, key)),
        ),
    )


# Approved activities never change, so the figures change only when another is approved (or
# tagged with an intervention): services name its municipality (after commit), and the cached
# figures of that municipality and of the whole region go stale; the others' stay.
FIGURES = VersionedCache("rolemodels:figures", timeout=60 * 60)


def figures_changed(municipality_ids=None) -> None:
    """The activity figures of these municipalities (None: of all) must be counted again."""
    FIGURES.changed(municipality_ids)


# The pool: role models' stages (the history of moves) and profiles (where they live, their
# themes), and the mentorships of the mentors among them, per municipality.
POOL = VersionedCache("rolemodels:pool", timeout=60 * 60)
MENTORSHIPS = VersionedCache("rolemodels:mentorships", timeout=60 * 60)


def pool_changed(municipality_ids) -> None:
    POOL.changed(municipality_ids)


def mentorships_changed(municipality_ids) -> None:
    MENTORSHIPS.changed(municipality_ids)


# What matching counts per role model (rolemodels.matching.deployments): activities submitted
# or approved, logged or co-presented, around a date. Every write of an activity (logged,
# changed, submitted, approved, returned) makes them stale, whatever the municipality.
DEPLOYMENTS = VersionedCache("rolemodels:deployments", timeout=10 * 60)


def deployments_changed() -> None:
    DEPLOYMENTS.changed()


def cached_activity_figures(activities: QuerySet[Activity], *, params) -> ActivityFigures:
    """activity_figures, kept in the cache for the same parameters until an approval."""
    return FIGURES.get(sorted(params), lambda: activity_figures(activities))
