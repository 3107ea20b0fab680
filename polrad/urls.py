from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from polrad import views
from polrad.home.views import HomeView

admin.site.site_header = "POLRAD"
admin.site.site_title = "POLRAD"

urlpatterns = [
    path("", HomeView.as_view(), name="dashboard"),
    path("rapportages/", include("polrad.reports.urls")),
    path("account/", include("polrad.accounts.urls")),
    path("sociale-kaart/", include("network.urls")),
    path("interventies/", include("network.interventions.urls")),
    path("kennisbank/", include("network.interventions.urls_knowledge")),
    path("rolmodellen/", include("rolemodels.urls")),
    path("meldingen/", include("signals.urls")),
    path("trainingen/", include("trainings.urls")),
    path("analyses/", include("polrad.analysis.urls")),
    path(
        "persoonlijke-link/<str:purpose>/vernieuwen/",
        views.personal_links_renew,
        name="links-renew",
    ),
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
