from django.urls import path

from trainings.views import (
    attendance,
    certificates,
    coaching,
    dashboard,
    enrolment,
    evaluations,
    programmes,
    sessions,
)

app_name = "trainings"

urlpatterns = [
    path("programma/nieuw/", programmes.ProgrammeCreateView.as_view(), name="programme-create"),
    path("programma/<int:pk>/", programmes.ProgrammeDetailView.as_view(), name="programme"),
    path(
        "programma/<int:pk>/bewerken/",
        programmes.ProgrammeUpdateView.as_view(),
        name="programme-update",
    ),
    path("programma/<int:pk>/module/nieuw/", programmes.module_create, name="module-create"),
    path("module/<int:pk>/bewerken/", programmes.module_update, name="module-update"),
    path("module/<int:pk>/bestand/", programmes.module_file, name="module-file"),
    path("<int:pk>/inschrijven/", enrolment.enrol, name="enrol"),
    path("<int:pk>/deelnemer/", enrolment.enrol_someone, name="enrol-someone"),
    path("inschrijving/<int:pk>/annuleren/", enrolment.enrolment_cancel, name="enrolment-cancel"),
    path("plek/<str:token>/", enrolment.offer, name="offer"),
    path("<int:pk>/aanwezigheid/", attendance.attendance, name="attendance"),
    path("<int:pk>/aanwezigheid/binnenloper/", attendance.walk_in, name="walk-in"),
    path("<int:pk>/inchecken/", attendance.check_in, name="check-in"),
    path("", sessions.IndexView.as_view(), name="index"),
    path("mijn/", sessions.my_trainings, name="mine"),
    path("agenda.ics", sessions.feed, name="feed"),
    path("agenda/<str:token>/trainingen.ics", sessions.personal_feed, name="personal-feed"),
    path("programma/<int:pk>/sessie/nieuw/", sessions.session_create, name="session-create"),
    path("<int:pk>/", sessions.session_detail, name="session"),
    path("<int:pk>/bewerken/", sessions.session_update, name="session-update"),
    path("<int:pk>/annuleren/", sessions.session_cancel, name="session-cancel"),
    path("<int:pk>/agenda.ics", sessions.session_calendar, name="session-ics"),
    path("mijn-certificaten/", certificates.my_certificates, name="my-certificates"),
    path(
        "certificaat/<int:pk>.pdf", certificates.certificate_download, name="certificate-download"
    ),
    path("verifieren/", certificates.verify, name="verify"),
    path("verifieren/<str:code>/", certificates.verify, name="verify"),
    path("evaluatie/<str:token>/", evaluations.evaluate, name="evaluate"),
    path("evaluaties/", evaluations.evaluation_results, name="evaluations"),
    path("coaching/", coaching.coaching_overview, name="coaching"),
    path("coaching/mijn/", coaching.my_coaching, name="coaching-mine"),
    path("coaching/rolmodel/<int:pk>/", coaching.coaching_role_model, name="coaching-role-model"),
    path(
        "coaching/rolmodel/<int:pk>/gesprek/",
        coaching.coaching_session_create,
        name="coaching-session-create",
    ),
    path(
        "coaching/acties/<int:pk>/afgerond/",
        coaching.coaching_action_done,
        name="coaching-action-done",
    ),
    path("cijfers/", dashboard.dashboard, name="dashboard"),
]
