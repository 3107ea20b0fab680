"""Role models living in the municipality: active at the end of the period, and new (first
moved to active) in it."""

from datetime import datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from polrad.periods import Period
from polrad.reports.data import KeyFigure, Section, Table
from polrad.reports.figures.common import Places, several, table
from rolemodels.models import RoleModel, StageChange
from rolemodels.workflow import Stage


def active_at(role_models: QuerySet[RoleModel], moment: datetime) -> QuerySet[RoleModel]:
    """The role models whose stage at `moment` was active: the last move before it, from the
    append-only history (for a moment still to come, that is their stage today)."""
    if moment >= timezone.now():
        return role_models.filter(stage=Stage.ACTIVE)
    last_move = (
        StageChange.objects.filter(role_model=OuterRef("pk"), created_at__lt=moment)
        .order_by("-created_at", "-pk")
        .values("to_stage")[:1]
    )
    return role_models.annotate(stage_then=Subquery(last_move)).filter(stage_then=Stage.ACTIVE)


def role_models_section(places: Places, period: Period) -> Section:
    """Role models living in the municipality: active at the end of the period (and of the
    one before), and new (first moved to active) in each."""
    role_models = RoleModel.objects.order_by()
    if places is not None:
        role_models = role_models.filter(municipality__in=places)
    active = active_at(role_models, period.ends_before)
    previous = period.previous
    active_before = active_at(role_models, previous.ends_before).count()
    new = first_activations(places, previous.starts_at, period.ends_before).aggregate(
        now=Count("role_model", distinct=True, filter=Q(created_at__gte=period.starts_at)),
        before=Count("role_model", distinct=True, filter=Q(created_at__lt=previous.ends_before)),
    )
    per_theme = (
        RoleModel.themes.through.objects.filter(rolemodel__in=active.values("pk"))
        .values_list("theme__name")
        .annotate(n=Count("rolemodel_id"))
        .order_by("-n", "theme__name")
    )
    section = Section(
        key="role-models",
        title=_("Role models"),
        figures=[
            KeyFigure(
                _("Active role models at the end of the period"),
                active.count(),
                active_before,
                key="role-models-active",
            ),
            KeyFigure(
                _("New role models in the period"), new["now"], new["before"], key="role-models-new"
            ),
        ],
        tables=[
            table(
                "role-models-by-theme",
                _("Active role models per theme they can speak on"),
                [_("Theme"), _("Active role models")],
                [list(row) for row in per_theme],
            )
        ],
        note=_(
            "Role models count in the municipality where they live; the profile does not "
            "record where they work."
        ),
    )
    if several(places):
        section.tables.append(_role_models_per_municipality(active, places, period))
    return section


def first_activations(places: Places, starts_at, ends_before) -> QuerySet[StageChange]:
    """Moves from training to active, the first activation (coming back from a pause is not)."""
    moves = StageChange.objects.filter(
        from_stage=Stage.IN_TRAINING,
        to_stage=Stage.ACTIVE,
        created_at__gte=starts_at,
        created_at__lt=ends_before,
    ).order_by()
    if places is not None:
        moves = moves.filter(role_model__municipality__in=places)
    return moves


def _role_models_per_municipality(active, places: Places, period: Period) -> Table:
    counts = dict(active.values_list("municipality__name").annotate(n=Count("pk")))
    new = dict(
        first_activations(places, period.starts_at, period.ends_before)
        .values_list("role_model__municipality__name")
        .annotate(n=Count("role_model", distinct=True))
    )
    return table(
        "role-models-by-municipality",
        _("Role models per municipality"),
        [_("Municipality"), _("Active role models"), _("New role models in the period")],
        [[name, counts.get(name, 0), new.get(name, 0)] for name in sorted(set(counts) | set(new))],
    )
