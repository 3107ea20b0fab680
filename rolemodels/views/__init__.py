from rolemodels.views.activities import (
    ActivityListView,
    MatchView,
    MyActivitiesView,
    activity_create,
    activity_dashboard,
    activity_detail,
    activity_export,
    activity_queue,
    activity_review,
    activity_submit,
    activity_update,
)
from rolemodels.views.pipeline import (
    IndexView,
    NominateView,
    RoleModelDetailView,
    RoleModelUpdateView,
    StageListView,
    role_model_move,
    role_model_photo,
)
from rolemodels.views.profile import OwnProfileView, RoleModelCardView
from rolemodels.views.public import ApplyThanksView, apply

__all__ = [
    "ActivityListView",
    "ApplyThanksView",
    "IndexView",
    "MatchView",
    "MyActivitiesView",
    "NominateView",
    "OwnProfileView",
    "RoleModelCardView",
    "RoleModelDetailView",
    "RoleModelUpdateView",
    "StageListView",
    "activity_create",
    "activity_dashboard",
    "activity_detail",
    "activity_export",
    "activity_queue",
    "activity_review",
    "activity_submit",
    "activity_update",
    "apply",
    "role_model_move",
    "role_model_photo",
]
