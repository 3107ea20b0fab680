"""Role models living in the municipality: active now, and new (first moved to active)."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from polrad.reports.data import KeyFigure, Section, Table
from polrad.reports.figures.common import Places, several, table
from polrad.reports.periods import Period
from rolemodels.models import RoleModel, StageChange
from rolemodels.workflow import Stage


def role_models_section(places: Places, period: Period) -> Section:
    """Role models living in the municipality: active now, and new (first moved to active)
    in the period and the one before."""
    role_models = RoleModel.objects.order_by()
    if places is not None:
        role_models = role_models.filter(municipality__in=places)
    active = role_models.filter(stage=Stage.ACTIVE)
    previous = period.previous
    new = first_activations(places, previous.starts_at, period.ends_before).aggregate(
        now=Count("role_model", distinct=True, filter=Q(created_at__gte=period.starts_at)),
        before=Count("role_model", distinct=True, filter=Q(created_at__lt=previous.ends_before)),
    )
    per_theme = (
        RoleModel.themes.through.objects.filter(rolemodel__in=active)
        .values_list("theme__name")
        .annotate(n=Count("rolemodel_id"))
        .order_by("-n", "theme__name")
    )
    section = Section(
        key="role-models",
        title=_("Role models"),
        figures=[
            KeyFigure(_("Active role models"), active.count(), key="role-models-active"),
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
        note=_("Role models count in the municipality where they live."),
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
