from django.urls import path

from rolemodels import views
from rolemodels.views import activities, mentoring

app_name = "rolemodels"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("aanmelden/", views.apply, name="apply"),
    path("aanmelden/bedankt/", views.ApplyThanksView.as_view(), name="apply-thanks"),
    path("voordragen/", views.NominateView.as_view(), name="nominate"),
    path("mijn-profiel/", views.OwnProfileView.as_view(), name="own-profile"),
    path("matchen/", views.MatchView.as_view(), name="match"),
    path("fase/<str:stage>/", views.StageListView.as_view(), name="stage-list"),
    path("<int:pk>/", views.RoleModelDetailView.as_view(), name="detail"),
    path("<int:pk>/kaart/", views.RoleModelCardView.as_view(), name="card"),
    path("<int:pk>/bewerken/", views.RoleModelUpdateView.as_view(), name="update"),
    path("<int:pk>/fase/", views.role_model_move, name="move"),
    path("<int:pk>/foto/", views.role_model_photo, name="photo"),
    path("activiteiten/", views.ActivityListView.as_view(), name="activity-list"),
    path("activiteiten/export.csv", views.activity_export, name="activity-export"),
    path("activiteiten/mijn/", views.MyActivitiesView.as_view(), name="my-activities"),
    path("activiteiten/nieuw/", views.activity_create, name="activity-create"),
    path("activiteiten/goedkeuren/", views.activity_queue, name="activity-queue"),
    path("activiteiten/cijfers/", views.activity_dashboard, name="activity-dashboard"),
    path("activiteiten/<int:pk>/", views.activity_detail, name="activity-detail"),
    path("activiteiten/<int:pk>/bewerken/", views.activity_update, name="activity-update"),
    path("activiteiten/<int:pk>/indienen/", views.activity_submit, name="activity-submit"),
    path("activiteiten/<int:pk>/beoordelen/", views.activity_review, name="activity-review"),
    path(
        "activiteiten/<int:pk>/interventie/",
        activities.activity_intervention,
        name="activity-intervention",
    ),
    path(
        "activiteiten/<int:pk>/praktijkvoorbeeld/",
        activities.activity_practice_example,
        name="activity-practice-example",
    ),
    path("mentoren/", mentoring.MentorBoardView.as_view(), name="mentor-board"),
    path("mentoraten/", mentoring.mentorship_list, name="mentorship-list"),
    path("mentoraten/nieuw/", mentoring.mentorship_create, name="mentorship-create"),
    path("mentoraten/<int:pk>/", mentoring.mentorship_detail, name="mentorship"),
    path("mentoraten/<int:pk>/gesprek/", mentoring.meeting_create, name="meeting-create"),
    path("mentoraten/<int:pk>/beeindigen/", mentoring.mentorship_end, name="mentorship-end"),
    path(
        "mentoraten/<int:pk>/overdragen/",
        mentoring.mentorship_hand_over,
        name="mentorship-hand-over",
    ),
]
