"""Matching: which active, available role models fit an activity need, and why.

At national scale thousands of role models are active. Rather than a correlated subquery per
role model, each kind of fit and the deployment counts are read once as sets and counters
(a fixed number of indexed queries), then ranked in Python.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connections
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rolemodels.models import Activity, RoleModel
from rolemodels.stats import DEPLOYMENTS
from rolemodels.workflow import ActivityState, Stage

# What each kind of fit weighs in the ranking; ties go to who was deployed least recently.
WEIGHTS = {"municipality": 4, "language": 3, "theme": 2, "community": 2, "target_group": 1}
RECENT_DAYS = 90
MAX_RESULTS = 25
# Activities that count as a deployment (a draft may never happen).
DEPLOYED = (ActivityState.SUBMITTED, ActivityState.APPROVED)


@dataclass
class Need:
    municipality: object
    date: date
    evening: bool = False
    target_group: str = ""
    language: object = None
    theme: object = None
    community: object = None


@dataclass
class Match:
    role_model: RoleModel
    score: int
    recent: int
    fits: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)


def deployments(windows: dict[str, tuple[date, date]]) -> dict[str, Counter]:
    """Activities given (logged or co-presented) per role model id, in each of these named
    windows [since, until): two queries, whatever the number of windows."""
    since = min(start for start, _end in windows.values())
    until = max(end for _start, end in windows.values())
    through = Activity.co_presenters.through
    counts = {name: Counter() for name in windows}
    for queryset, column, path in (
        (Activity.objects.all(), "role_model_id", ""),
        (through.objects.all(), "rolemodel_id", "activity__"),
    ):
        in_any = queryset.filter(
            **{f"{path}date__gte": since, f"{path}date__lt": until, f"{path}state__in": DEPLOYED}
        )
        per_window = {
            name: Count("pk", filter=Q(**{f"{path}date__gte": start, f"{path}date__lt": end}))
            for name, (start, end) in windows.items()
        }
        rows = in_any.order_by().values(column).annotate(**per_window).values_list(column, *windows)
        # Straight from the cursor: Django's per-row converters and dicts cost about 6 ms for
        # the ~30,000 (role model, counts) rows of a national day.
        sql, params = rows.query.sql_with_params()
        with connections[rows.db].cursor() as cursor:
            cursor.execute(sql, params)
            for pk, *numbers in cursor.fetchall():
                for name, number in zip(windows, numbers, strict=True):
                    counts[name][pk] += number
    return counts


def _available(need: Need) -> Q:
    if need.date.weekday() >= 5:
        return Q(available_weekends=True)
    return Q(available_evenings=True) if need.evening else Q(available_weekdays=True)


def _with(field_name: str, column: str, value) -> set[int]:
    """Ids of the role models with `value` among their `field_name` (languages, ...)."""
    if value is None:
        return set()
    through = getattr(RoleModel, field_name).through
    return set(through.objects.filter(**{column: value}).values_list("rolemodel_id", flat=True))


def _fitting(need: Need) -> dict[str, set[int]]:
    experienced = set()
    if need.target_group:
        experienced = set(
            Activity.objects.filter(
                target_group=need.target_group,
                state=ActivityState.APPROVED,
                role_model__stage=Stage.ACTIVE,
            )
            .order_by()
            .values_list("role_model_id", flat=True)
            .distinct()
        )
    return {
        "language": _with("languages", "language", need.language),
        "theme": _with("themes", "theme", need.theme),
        "community": _with("communities", "community", need.community),
        "target_group": experienced,
    }


def match_role_models(need: Need, limit: int = MAX_RESULTS) -> list[Match]:
    """Active role models free on the day and under their monthly maximum, best fit first."""
    month = need.date.replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)
    windows = {
        "month": (month, next_month),
        "recent": (need.date - timedelta(days=RECENT_DAYS), need.date),
    }
    # Counted over 25,000 activities of a national season (30 ms), the same for every need on
    # that day: kept until an activity is written (rolemodels.stats.DEPLOYMENTS).
    counts = DEPLOYMENTS.get(("windows", sorted(windows.items())), lambda: deployments(windows))
    this_month, recent = counts["month"], counts["recent"]
    fitting = _fitting(need)
    ranked = []
    for pk, municipality_id, maximum, name in RoleModel.objects.filter(
        _available(need), stage=Stage.ACTIVE
    ).values_list("pk", "municipality_id", "max_activities_per_month", "full_name"):
        if this_month[pk] >= maximum:
            continue
        fits = {kind for kind, ids in fitting.items() if pk in ids}
        if municipality_id == need.municipality.pk:
            fits.add("municipality")
        score = sum(WEIGHTS[kind] for kind in fits)
        ranked.append((-score, recent[pk], name, pk, fits))
    ranked.sort(key=lambda row: row[:4])
    top = ranked[:limit]
    role_models = RoleModel.objects.select_related("municipality").in_bulk([row[3] for row in top])
    return [
        _match(role_models[pk], need, -minus_score, count, fits)
        for minus_score, count, _name, pk, fits in top
    ]


def _match(role_model: RoleModel, need: Need, score: int, recent: int, fits: set) -> Match:
    reasons = []
    if "municipality" in fits:
        reasons.append(_("lives in %(municipality)s") % {"municipality": need.municipality})
    if "language" in fits:
        reasons.append(_("speaks %(language)s") % {"language": need.language})
    if "theme" in fits:
        reasons.append(_("speaks on %(theme)s") % {"theme": need.theme})
    if "community" in fits:
        reasons.append(_("reaches %(community)s") % {"community": need.community})
    if "target_group" in fits:
        reasons.append(_("has given activities for this target group"))
    reasons.append(
        ngettext(
            "%(count)d activity in the last %(days)d days",
            "%(count)d activities in the last %(days)d days",
            recent,
        )
        % {"count": recent, "days": RECENT_DAYS}
    )
    return Match(role_model=role_model, score=score, recent=recent, fits=fits, reasons=reasons)
