from django.urls import path

from network.interventions.views import catalogue, examples, guidance

app_name = "interventions"

urlpatterns = [
    path("", catalogue.InterventionListView.as_view(), name="list"),
    path("nieuw/", catalogue.intervention_edit, name="create"),
    path("export.csv", catalogue.intervention_export, name="export"),
    path("<int:pk>/", catalogue.intervention_detail, name="detail"),
    path("<int:pk>/bewerken/", catalogue.intervention_edit, name="update"),
    path("<int:pk>/archiveren/", catalogue.intervention_archive, name="archive"),
    path("<int:pk>/verwijderen/", catalogue.intervention_delete, name="delete"),
    path(
        "praktijkvoorbeelden/",
        examples.PracticeExampleListView.as_view(),
        name="example-list",
    ),
    path("praktijkvoorbeelden/nieuw/", examples.example_edit, name="example-create"),
    path("praktijkvoorbeelden/<int:pk>/", examples.example_detail, name="example-detail"),
    path("praktijkvoorbeelden/<int:pk>/bewerken/", examples.example_edit, name="example-update"),
    path(
        "praktijkvoorbeelden/<int:pk>/archiveren/",
        examples.example_archive,
        name="example-archive",
    ),
    path("handelen/", guidance.guidance_list, name="guidance-list"),
    path("handelen/nieuw/", guidance.guidance_edit, name="guidance-create"),
    path("handelen/<int:pk>/", guidance.guidance_detail, name="guidance-detail"),
    path("handelen/<int:pk>/bewerken/", guidance.guidance_edit, name="guidance-update"),
    path("handelen/<int:pk>/archiveren/", guidance.guidance_archive, name="guidance-archive"),
]
