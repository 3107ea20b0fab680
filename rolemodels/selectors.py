"""Reads of the role-model app that carry a rule about who sees what."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from rolemodels.models import RoleModel, StageChange, stuck_before
from rolemodels.workflow import PIPELINE_STAGES, Stage

# Cards shown per column of the board; the rest are one click away in the stage's list.
CARDS_PER_STAGE = 20


def can_manage_role_models(user) -> bool:
    return user.has_perm("accounts.manage_role_models")


@dataclass
class Column:
    stage: Stage
    count: int
    cards: list[RoleModel]

    @property
    def more(self) -> int:
        return self.count - len(self.cards)


def role_models_in_stage(stage: str) -> QuerySet[RoleModel]:
    """A stage's role models, longest waiting first."""
    return (
        RoleModel.objects.filter(stage=stage)
        .select_related("municipality")
        .order_by("stage_changed_at", "pk")
    )


def pipeline_board() -> list[Column]:
    """One column per stage with its count and its longest-waiting cards (a query per stage)."""
    counts = dict(
        RoleModel.objects.order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    return [
        Column(
            stage=stage,
            count=counts.get(stage, 0),
            cards=list(role_models_in_stage(stage)[:CARDS_PER_STAGE]) if counts.get(stage) else [],
        )
        for stage in Stage
    ]


def role_model_get_for_manager(pk: int) -> RoleModel:
    return get_object_or_404(
        RoleModel.objects.select_related(
            "municipality", "coach", "nominated_by", "user"
        ).prefetch_related("communities", "languages", "themes"),
        pk=pk,
    )


def stage_history(role_model: RoleModel) -> QuerySet[StageChange]:
    return role_model.stage_changes.select_related("actor")


def own_role_model(user) -> RoleModel:
    """The profile linked to the user's account; 404 when they have none."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(RoleModel.objects.select_related("municipality"), user=user)


def stuck_role_models(municipalities=None) -> QuerySet[RoleModel]:
    """Candidates stuck in a pipeline stage, longest waiting first; optionally scoped."""
    queryset = RoleModel.objects.filter(
        stage__in=PIPELINE_STAGES, stage_changed_at__lt=stuck_before()
    )
    if municipalities is not None:
        queryset = queryset.filter(municipality__in=municipalities)
    return queryset.select_related("municipality").order_by("stage_changed_at", "pk")
