from django.urls import path

from network.interventions.views import knowledge

app_name = "kennisbank"

urlpatterns = [
    path("", knowledge.DocumentListView.as_view(), name="list"),
    path("nieuw/", knowledge.document_edit, name="create"),
    path("<int:pk>/", knowledge.document_detail, name="detail"),
    path("<int:pk>/bewerken/", knowledge.document_edit, name="update"),
    path("<int:pk>/archiveren/", knowledge.document_archive, name="archive"),
    path("<int:pk>/download/", knowledge.document_download, name="download"),
]
