from django.urls import path

from polrad.reports import pdf_views, views

app_name = "reports"

urlpatterns = [
    path("", views.report_index, name="index"),
    path("gemeente/<int:pk>/", views.municipal_dashboard, name="municipal"),
    path("gemeente/<int:pk>/<str:table>.csv", views.municipal_table_csv, name="municipal-csv"),
    path("jaarverslag/<int:year>/", views.annual_report, name="annual"),
    path("jaarverslag/<int:year>/<str:table>.csv", views.annual_table_csv, name="annual-csv"),
    path("pdf/", pdf_views.pdf_request, name="pdf-request"),
    path("pdf/<int:pk>/", pdf_views.pdf_status, name="pdf-status"),
    path("pdf/<int:pk>/download/", pdf_views.pdf_download, name="pdf-download"),
    path("pdf/<int:pk>/bijlage/", pdf_views.pdf_annex_download, name="pdf-annex"),
]
