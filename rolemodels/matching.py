"""Matching: which active, available role models fit an activity need, and why."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rolemodels.models import Activity, RoleModel
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
    reasons: list[str] = field(default_factory=list)


def _deployments(since: date, until: date) -> Coalesce:
    """Activities given (logged or co-presented) in [since, until), per role model."""
    window = Q(date__gte=since, date__lt=until, state__in=DEPLOYED)
    logged = (
        Activity.objects.filter(window, role_model=OuterRef("pk"))
        .order_by()
        .values("role_model")
        .annotate(n=Count("pk"))
        .values("n")
    )
    co_presented = (
        Activity.objects.filter(window, co_presenters=OuterRef("pk"))
        .order_by()
        .values("co_presenters")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(logged), 0) + Coalesce(Subquery(co_presented), 0)


def _available(need: Need) -> Q:
    if need.date.weekday() >= 5:
        return Q(available_weekends=True)
    return Q(available_evenings=True) if need.evening else Q(available_weekdays=True)


def _flag(condition) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def match_role_models(need: Need, limit: int = MAX_RESULTS) -> list[Match]:
    """Active role models free on the day and under their monthly maximum, best fit first."""
    month = need.date.replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)
    flags = {
        "municipality": _flag(Q(municipality=need.municipality)),
        "language": _has("languages", "language", need.language),
        "theme": _has("themes", "theme", need.theme),
        "community": _has("communities", "community", need.community),
        "target_group": _flag(
            Exists(
                Activity.objects.filter(
                    role_model=OuterRef("pk"),
                    target_group=need.target_group,
                    state=ActivityState.APPROVED,
                )
            )
        )
        if need.target_group
        else Value(0),
    }
    score = sum((F(f"fit_{name}") * weight for name, weight in WEIGHTS.items()), Value(0))
    candidates = (
        RoleModel.objects.filter(_available(need), stage=Stage.ACTIVE)
        .annotate(
            **{f"fit_{name}": flag for name, flag in flags.items()},
            this_month=_deployments(month, next_month),
            recent=_deployments(need.date - timedelta(days=RECENT_DAYS), need.date),
        )
        .filter(this_month__lt=F("max_activities_per_month"))
        .annotate(score=score)
        .select_related("municipality")
        .order_by("-score", "recent", "full_name", "pk")[:limit]
    )
    return [_match(role_model, need) for role_model in candidates]


def _has(field_name: str, column: str, value):
    """1 when the role model has `value` among `field_name` (through EXISTS: no duplicates)."""
    if value is None:
        return Value(0)
    through = getattr(RoleModel, field_name).through
    return _flag(Exists(through.objects.filter(rolemodel_id=OuterRef("pk"), **{column: value})))


def _match(role_model: RoleModel, need: Need) -> Match:
    reasons = []
    if role_model.fit_municipality:
        reasons.append(_("lives in %(municipality)s") % {"municipality": need.municipality})
    if role_model.fit_language:
        reasons.append(_("speaks %(language)s") % {"language": need.language})
    if role_model.fit_theme:
        reasons.append(_("speaks on %(theme)s") % {"theme": need.theme})
    if role_model.fit_community:
        reasons.append(_("reaches %(community)s") % {"community": need.community})
    if role_model.fit_target_group:
        reasons.append(_("has given activities for this target group"))
    reasons.append(
        ngettext(
            "%(count)d activity in the last %(days)d days",
            "%(count)d activities in the last %(days)d days",
            role_model.recent,
        )
        % {"count": role_model.recent, "days": RECENT_DAYS}
    )
    return Match(
        role_model=role_model, score=role_model.score, recent=role_model.recent, reasons=reasons
    )
