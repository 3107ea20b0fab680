from trainings.views import certificates, coaching, dashboard, sessions

app_name = "trainings"

urlpatterns = [
    *sessions.urlpatterns,
    *certificates.urlpatterns,
    *coaching.urlpatterns,
    *dashboard.urlpatterns,
]
