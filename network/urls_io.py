"""Routes of the social map's imports and exports (included by network/urls.py)."""

from django.urls import path

from network.views import io

urlpatterns = [
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
