from trainings.views import certificates, coaching, dashboard, evaluations, sessions

app_name = "trainings"

urlpatterns = [
    *sessions.urlpatterns,
    *certificates.urlpatterns,
    *evaluations.urlpatterns,
    *coaching.urlpatterns,
    *dashboard.urlpatterns,
]
