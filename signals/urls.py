from django.urls import path

from signals import views
from signals.views import interpretations, mentor_pool

app_name = "signals"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("melden/", views.report_start, name="report-start"),
    path("melden/acuut/", views.report_acute, name="report-acute"),
    path("melden/formulier/", views.report_form, name="report-form"),
    path("mijn/", views.MyReportsView.as_view(), name="my-reports"),
    path("mijn/<int:pk>/", views.my_report, name="my-report"),
    path("mijn/<int:pk>/ontvangen/", views.report_receipt, name="receipt"),
    path("trendupdates/", views.trend_settings, name="trend-settings"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("tevredenheid/<str:token>/", views.satisfaction_question, name="satisfaction"),
    path("werkvoorraad/", views.WorkQueueView.as_view(), name="queue"),
    path("werkvoorraad/export.csv", views.concern_export, name="export"),
    path("cijfers/", views.concern_figures, name="figures"),
    path("mentorpool/", mentor_pool.referral_list, name="mentor-pool"),
    path("mentorpool/<int:pk>/", mentor_pool.referral_match, name="mentor-pool-match"),
    path(
        "<int:pk>/mentorpool/",
        mentor_pool.concern_refer_to_mentor_pool,
        name="refer-mentor-pool",
    ),
    path("duiding/", interpretations.interpretation_list, name="interpretations"),
    path("duiding/<int:pk>/", interpretations.interpretation_update, name="interpretation-update"),
    path(
        "duiding/<int:pk>/goedkeuren/",
        interpretations.interpretation_approve,
        name="interpretation-approve",
    ),
    path("<int:pk>/", views.concern_detail, name="detail"),
    path("<int:pk>/status/", views.concern_move, name="move"),
    path("<int:pk>/pdf/", views.concern_pdf, name="pdf"),
    path("<int:pk>/oppakken/", views.concern_take, name="take"),
    path("<int:pk>/toewijzen/", views.concern_assign, name="assign"),
    path("<int:pk>/notitie/", views.concern_note, name="note"),
    path("<int:pk>/bewaren/", views.concern_retain, name="retain"),
    path("<int:pk>/casusoverleg/", views.concern_conference, name="conference"),
    path("<int:pk>/acties/", views.concern_action, name="action"),
    path("<int:pk>/acties/<int:action_pk>/gedaan/", views.concern_action_done, name="action-done"),
    path("<int:pk>/doorverwijzen/", views.concern_refer, name="refer"),
]
