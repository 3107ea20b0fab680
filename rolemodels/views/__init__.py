from rolemodels.views.pipeline import (
    IndexView,
    NominateView,
    RoleModelDetailView,
    RoleModelUpdateView,
    StageListView,
    role_model_move,
)
from rolemodels.views.profile import OwnProfileView
from rolemodels.views.public import ApplyThanksView, apply

__all__ = [
    "ApplyThanksView",
    "IndexView",
    "NominateView",
    "OwnProfileView",
    "RoleModelDetailView",
    "RoleModelUpdateView",
    "StageListView",
    "apply",
    "role_model_move",
]
