from django.urls import path

from rolemodels import views

app_name = "rolemodels"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("aanmelden/", views.apply, name="apply"),
    path("aanmelden/bedankt/", views.ApplyThanksView.as_view(), name="apply-thanks"),
    path("voordragen/", views.NominateView.as_view(), name="nominate"),
    path("mijn-profiel/", views.OwnProfileView.as_view(), name="own-profile"),
    path("fase/<str:stage>/", views.StageListView.as_view(), name="stage-list"),
    path("<int:pk>/", views.RoleModelDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.RoleModelUpdateView.as_view(), name="update"),
    path("<int:pk>/fase/", views.role_model_move, name="move"),
]
