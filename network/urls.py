from django.urls import path

from network import views
from network.views import io, map_requests
from network.views.contacts import contact_moment_create

app_name = "network"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("organisaties/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisaties/nieuw/", views.organisation_edit, name="organisation-create"),
    path(
        "organisaties/<int:pk>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path("organisaties/<int:pk>/bewerken/", views.organisation_edit, name="organisation-update"),
    path(
        "organisaties/<int:pk>/beleid/",
        views.organisation_policy_edit,
        name="organisation-policy",
    ),
    path(
        "organisaties/<int:pk>/relatie/",
        views.RelationCreateView.as_view(),
        name="relation-create",
    ),
    path("personen/", views.ContactListView.as_view(), name="contact-list"),
    path("personen/nieuw/", views.ContactCreateView.as_view(), name="contact-create"),
    path("personen/<int:pk>/", views.ContactDetailView.as_view(), name="contact-detail"),
    path("personen/<int:pk>/bewerken/", views.ContactUpdateView.as_view(), name="contact-update"),
    path("personen/<int:pk>/contact/", contact_moment_create, name="contact-moment"),
    path("afspraken/nieuw/", views.AgreementCreateView.as_view(), name="agreement-create"),
    path(
        "organisaties/<int:pk>/gecontroleerd/",
        views.record_verify,
        {"kind": "organisation"},
        name="organisation-verify",
    ),
    path(
        "organisaties/<int:pk>/actief/",
        views.record_set_active,
        {"kind": "organisation"},
        name="organisation-set-active",
    ),
    path(
        "personen/<int:pk>/gecontroleerd/",
        views.record_verify,
        {"kind": "contact"},
        name="contact-verify",
    ),
    path(
        "personen/<int:pk>/actief/",
        views.record_set_active,
        {"kind": "contact"},
        name="contact-set-active",
    ),
    path("dekking/", views.CoverageView.as_view(), name="coverage"),
    path(
        "gemeenten/sociale-kaart.pdf",
        views.municipality_pdf_choose,
        name="municipality-pdf-choose",
    ),
    # The social map on request: a public form, answered by coordinators.
    path("aanvragen/", map_requests.map_request_create, name="map-request"),
    path(
        "aanvragen/bedankt/",
        map_requests.MapRequestThanksView.as_view(),
        name="map-request-thanks",
    ),
    path("aanvragen/overzicht/", map_requests.map_request_list, name="map-request-list"),
    path("aanvragen/<int:pk>/", map_requests.map_request_detail, name="map-request-detail"),
    path(
        "aanvragen/<int:pk>/<slug:answer>/",
        map_requests.map_request_answer,
        name="map-request-answer",
    ),
    # Imports and exports (CSV, vCard, PDF, HSDS data package).
    path("organisaties/export.csv", io.organisation_export, name="organisation-export"),
    path("personen/export.csv", io.contact_export, name="contact-export"),
    path("personen/<int:pk>/vcard/", io.contact_vcard, name="contact-vcard"),
    path("gemeenten/<int:pk>/sociale-kaart.pdf", io.municipality_pdf, name="municipality-pdf"),
    path("export/hsds.zip", io.hsds_export, name="hsds-export"),
    path("import/", io.import_upload, name="import"),
    path("import/voorbeeld/", io.import_preview, name="import-preview"),
    path("import/bevestigen/", io.import_confirm, name="import-confirm"),
    path("import/sjabloon/<slug:kind>.csv", io.import_template, name="import-template"),
]
