from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from polrad import views

admin.site.site_header = "POLRAD"
admin.site.site_title = "POLRAD"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("rapportages/", views.ReportsView.as_view(), name="reports"),
    path("account/", include("polrad.accounts.urls")),
    path("sociale-kaart/", include("network.urls")),
    path("rolmodellen/", include("rolemodels.urls")),
    path("meldingen/", include("signals.urls")),
    path("trainingen/", include("trainings.urls")),
    path("toegankelijkheid/", views.AccessibilityView.as_view(), name="accessibility"),
    path("health/", views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    # One login for the whole site: the admin uses ours, with lockout and two-factor.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
    ),
    path("admin/", admin.site.urls),
]

handler403 = "polrad.views.permission_denied"
