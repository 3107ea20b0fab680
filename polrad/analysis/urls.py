from django.urls import path

from polrad.analysis.views import actions, analyses, basis

app_name = "analysis"

urlpatterns = [
    path("", analyses.analysis_list, name="list"),
    path("nieuw/", analyses.analysis_create, name="create"),
    path("<int:pk>/", analyses.analysis_detail, name="detail"),
    path("<int:pk>/bewerken/", analyses.analysis_edit, name="edit"),
    path("<int:pk>/stap/<int:step>/", analyses.analysis_step, name="step"),
    path("<int:pk>/kort/", analyses.analysis_short, name="short"),
    path("<int:pk>/deelnemers/nieuw/", analyses.participant_add, name="participant-add"),
    path(
        "<int:pk>/deelnemers/<int:participant_pk>/verwijderen/",
        analyses.participant_remove,
        name="participant-remove",
    ),
    path("<int:pk>/opmerkingen/", analyses.remark_add, name="remark-add"),
    path("<int:pk>/acties/nieuw/", analyses.action_create, name="action-create"),
    path("<int:pk>/vergelijken/", analyses.analysis_compare_view, name="compare"),
    path("<int:pk>/analyse.pdf", analyses.analysis_pdf_view, name="pdf"),
    path("<int:pk>/checklist.pdf", analyses.checklist_pdf_view, name="checklist-pdf"),
    path("acties/", actions.action_list, name="actions"),
    path("acties/<int:pk>/", analyses.action_edit, name="action-edit"),
    path("basis-op-orde/", basis.basis_index, name="basis"),
    path("basis-op-orde/<int:pk>/", basis.basis_municipality, name="basis-municipality"),
    path("basis-op-orde/<int:pk>/nieuw/", basis.assessment_create, name="assessment-create"),
    path("basis-op-orde/<int:pk>/visie/", basis.vision_edit, name="vision-edit"),
    path("basis-op-orde/<int:pk>/visie/document/", basis.vision_file, name="vision-file"),
]
