"""Reads of the role-model app that carry a rule about who sees what."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from polrad.permissions import LOG_ACTIVITIES, MANAGE_ROLE_MODELS
from rolemodels.models import Activity, ActivityEvent, RoleModel, StageChange, stuck_before
from rolemodels.workflow import MENTOR_TRACKS, PIPELINE_STAGES, ActivityState, Stage
from trainings.models import Programme
from trainings.services import attended_sessions, has_completed_role_model_training

# Cards shown per column of the board; the rest are one click away in the stage's list.
CARDS_PER_STAGE = 20
# An approval this recent is news for the role model on their home page.
RECENTLY_APPROVED = timedelta(days=14)


def can_manage_role_models(user) -> bool:
    return user.has_perm(MANAGE_ROLE_MODELS)


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


def role_model_photo_for_user(user, pk: int) -> RoleModel:
    """A role model with a photo that the user may see: coordinators, and the person."""
    role_model = get_object_or_404(RoleModel.objects.only("photo", "user_id"), pk=pk)
    if not (can_manage_role_models(user) or role_model.user_id == user.pk):
        raise PermissionDenied
    if not role_model.photo:
        raise Http404
    return role_model


@dataclass(frozen=True)
class TrainingStatus:
    """Where a candidate stands with the role-model training the platform records."""

    completed: bool
    # The active role-model training, if the platform runs one.
    programme: Programme | None
    attended: int = 0

    @property
    def needs_confirmation(self) -> bool:
        """No role-model training on the platform: a coordinator confirms it instead."""
        return not self.completed and self.programme is None


def role_model_training_status(
    role_model: RoleModel, *, progress: bool = False, mentor: bool = False
) -> TrainingStatus:
    """Whether the candidate completed the role-model training (with `mentor`: the mentor
    training); with `progress`, the sessions of it they attended so far."""
    if has_completed_role_model_training(
        email=role_model.email, user=role_model.user, mentor=mentor
    ):
        return TrainingStatus(completed=True, programme=None)
    qualifies = {"qualifies_mentors" if mentor else "qualifies_role_models": True}
    programme = Programme.objects.filter(active=True, **qualifies).order_by("pk").first()
    attended = 0
    if progress and programme is not None:
        row = attended_sessions(programme, [role_model.email.lower()]).get(role_model.email.lower())
        attended = row["sessions"] if row else 0
    return TrainingStatus(completed=False, programme=programme, attended=attended)


def mentor_training_status(role_model: RoleModel, *, progress: bool = False):
    """The mentor training's status for someone on a mentor track; None for anyone else."""
    if role_model.track not in MENTOR_TRACKS:
        return None
    return role_model_training_status(role_model, progress=progress, mentor=True)


def role_model_get_for_manager(pk: int) -> RoleModel:
    return get_object_or_404(
        RoleModel.objects.select_related(
            "municipality", "coach", "nominated_by", "user"
        ).prefetch_related("communities", "languages", "themes"),
        pk=pk,
    )


def stage_history(role_model: RoleModel) -> QuerySet[StageChange]:
    return role_model.stage_changes.select_related("actor")


def own_role_model(user, *, missing_ok: bool = False) -> RoleModel | None:
    """The profile linked to the user's account; 404 (or None) when they have none."""
    if not user.is_authenticated:
        raise Http404
    queryset = RoleModel.objects.select_related("municipality")
    if missing_ok:
        return queryset.filter(user=user).first()
    return get_object_or_404(queryset, user=user)


# A role model logs and changes activities only while in these stages: someone who stopped or
# was declined keeps their history but adds nothing to it.
LOGGING_STAGES = frozenset({Stage.ACTIVE, Stage.PAUSED})


def may_log_as(role_model: RoleModel) -> bool:
    return role_model.stage in LOGGING_STAGES


def own_role_model_for_logging(user) -> RoleModel:
    """The user's own profile, if it may log activities now: 404 without one, 403 when stopped."""
    role_model = own_role_model(user)
    if not may_log_as(role_model):
        raise PermissionDenied
    return role_model


def role_model_card(pk: int) -> RoleModel:
    """What partners may know of an active role model; 404 for anyone else."""
    return get_object_or_404(
        RoleModel.objects.filter(stage=Stage.ACTIVE)
        .select_related("municipality")
        .prefetch_related("communities", "languages", "themes"),
        pk=pk,
    )


def stuck_role_models(municipalities=None) -> QuerySet[RoleModel]:
    """Candidates stuck in a pipeline stage, longest waiting first; optionally scoped."""
    queryset = RoleModel.objects.filter(
        stage__in=PIPELINE_STAGES, stage_changed_at__lt=stuck_before()
    )
    if municipalities is not None:
        queryset = queryset.filter(municipality__in=municipalities)
    return queryset.select_related("municipality").order_by("stage_changed_at", "pk")


# --- activities ---------------------------------------------------------------------------


def can_log_activities(user) -> bool:
    return user.has_perm(LOG_ACTIVITIES)


def _with_list_relations(queryset: QuerySet[Activity]) -> QuerySet[Activity]:
    return queryset.select_related(
        "role_model", "municipality", "host_organisation"
    ).prefetch_related("themes")


def activities_visible_to(user) -> QuerySet[Activity]:
    """Coordinators see every activity; a role model those they logged or co-presented."""
    if can_manage_role_models(user):
        return Activity.objects.all()
    if can_log_activities(user):
        # Ids first, then an OR of two indexed lookups: an OR with a correlated EXISTS made
        # Postgres scan all 200,000 activities of the national data (250 ms).
        own = list(RoleModel.objects.filter(user=user).values_list("pk", flat=True))
        co_presented = list(
            Activity.co_presenters.through.objects.filter(rolemodel_id__in=own).values_list(
                "activity_id", flat=True
            )
        )
        return Activity.objects.filter(Q(role_model_id__in=own) | Q(pk__in=co_presented))
    return Activity.objects.none()


def activity_get_for_user(user, pk: int) -> Activity:
    """An activity the user may see, with what its page shows; 404 for any other."""
    queryset = activities_visible_to(user).select_related(
        "role_model", "municipality", "host_organisation", "intervention"
    )
    return get_object_or_404(queryset.prefetch_related("themes", "co_presenters"), pk=pk)


def activity_get_for_edit(user, pk: int) -> Activity:
    """The user's own activity while it can still be changed; 403 once it cannot."""
    activity = activity_get_for_user(user, pk)
    owner = activity.role_model
    if owner.user_id != user.pk or not activity.is_editable or not may_log_as(owner):
        raise PermissionDenied
    return activity


def activity_history(activity: Activity) -> QuerySet[ActivityEvent]:
    return activity.events.select_related("actor")


# What a role model's own list shows of each activity (rolemodels/my_activities.html). The
# whole rows of the activity, its role model and host organisation (long texts, the search
# vector) took 17 ms a page to fetch and build at national scale; these columns take 5 ms.
OWN_LIST_FIELDS = [
    "date",
    "state",
    "venue_type",
    "venue",
    "participants",
    "review_comment",
    "role_model__user_id",
    "role_model__full_name",
    "municipality__name",
]


def own_activities(user) -> QuerySet[Activity]:
    """A role model's activities, newest first: what they logged and what they co-presented."""
    return (
        activities_visible_to(user)
        .select_related("role_model", "municipality")
        .only(*OWN_LIST_FIELDS)
        .order_by("-date", "-pk")
    )


def approval_queue() -> QuerySet[Activity]:
    """Submitted activities, the longest waiting first."""
    return _with_list_relations(Activity.objects.filter(state=ActivityState.SUBMITTED)).order_by(
        "submitted_at", "pk"
    )


def activities_for_overview() -> QuerySet[Activity]:
    """Every activity for the coordinators' overview, newest first (filtered by the view)."""
    return _with_list_relations(Activity.objects.all()).order_by("-date", "-pk")


# --- the home page: counts of what waits ------------------------------------------------------


def coordinator_waiting_counts() -> dict[str, int]:
    """What waits for the coordinators: activities to approve and stuck candidates (2 queries)."""
    return {
        "to_approve": approval_queue().order_by().count(),
        "stuck": stuck_role_models().order_by().count(),
    }


def own_activity_counts(user) -> dict[str, int]:
    """A role model's own activities still with them (drafts, returned) and those approved in
    the last fortnight: one query."""
    recent = timezone.now() - RECENTLY_APPROVED
    return Activity.objects.filter(role_model__user=user).aggregate(
        drafts=Count("pk", filter=Q(state=ActivityState.DRAFT)),
        returned=Count("pk", filter=Q(state=ActivityState.RETURNED)),
        approved=Count("pk", filter=Q(state=ActivityState.APPROVED, approved_at__gte=recent)),
    )


def approved_activity_totals(*, municipalities, periods: list) -> list[dict]:
    """Approved activities and participants per period (anything with `start` and `end`
    dates) in the municipalities, in one query, in the order of `periods`."""
    aggregates = {}
    for i, period in enumerate(periods):
        within = Q(date__gte=period.start, date__lte=period.end)
        aggregates[f"activities_{i}"] = Count("pk", filter=within)
        aggregates[f"participants_{i}"] = Sum("participants", filter=within)
    totals = Activity.objects.filter(
        state=ActivityState.APPROVED, municipality__in=municipalities
    ).aggregate(**aggregates)
    return [
        {"activities": totals[f"activities_{i}"], "participants": totals[f"participants_{i}"] or 0}
        for i in range(len(periods))
    ]


def active_role_models_of_municipality() -> Coalesce:
    """An annotation for a queryset of municipalities: its number of active role models."""
    return _count_per_municipality(RoleModel.objects.filter(stage=Stage.ACTIVE))


def _count_per_municipality(queryset) -> Coalesce:
    counted = (
        queryset.filter(municipality=OuterRef("pk"))
        .order_by()
        .values("municipality")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
