"""Basis op orde: a municipality's dated self-assessments, their history and its vision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from polrad.analysis import selectors, services
from polrad.analysis.forms import AssessmentForm, VisionForm
from polrad.analysis.hints import precondition_hints
from polrad.analysis.models import PreconditionList

PAGE_SIZE = 50


@login_required
def basis_index(request):
    municipalities = selectors.editable_municipalities(request.user)
    if not municipalities.exists():
        raise PermissionDenied
    if municipalities.count() == 1:
        return redirect("analysis:basis-municipality", pk=municipalities.get().pk)
    rows = selectors.latest_assessments(municipalities)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "analysis/basis_index.html", {"page_obj": page, "rows": page.object_list}
    )


@login_required
def basis_municipality(request, pk: int):
    municipality = selectors.municipality_get_for_editor(request.user, pk)
    assessments = list(selectors.assessments_of(municipality)[:2])
    latest = assessments[0] if assessments else None
    previous = assessments[1] if len(assessments) > 1 else None
    items = selectors.assessment_items(latest)
    before = {item.precondition.label: item for item in selectors.assessment_items(previous)}
    hints = precondition_hints(municipality)
    rows = [
        {
            "item": item,
            "before": before.get(item.precondition.label),
            "hint": hints.get(item.precondition.hint),
        }
        for item in items
    ]
    context = {
        "municipality": municipality,
        "latest": latest,
        "previous": previous,
        "rows": rows,
        "history": selectors.assessment_history(municipality),
        "vision": selectors.vision_of(municipality),
        "current_list": PreconditionList.current(),
    }
    return render(request, "analysis/basis_municipality.html", context)


@login_required
def assessment_create(request, pk: int):
    municipality = selectors.municipality_get_for_editor(request.user, pk)
    preconditions = PreconditionList.current()
    if preconditions is None:
        messages.error(request, _("No list of preconditions has been published yet."))
        return redirect("analysis:basis-municipality", pk=municipality.pk)
    latest = selectors.assessments_of(municipality).first()
    form = AssessmentForm(
        request.POST or None,
        preconditions=preconditions,
        municipality=municipality,
        previous=selectors.assessment_items(latest),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_create(
                municipality=municipality,
                preconditions=preconditions,
                version=form.cleaned_data["version"],
                data=form.data_for_service(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The assessment was saved."))
            return redirect("analysis:basis-municipality", pk=municipality.pk)
    hints = precondition_hints(municipality)
    context = {
        "municipality": municipality,
        "form": form,
        "rows": [(item, hints.get(item.hint), main, action) for item, main, action in form.rows()],
    }
    return render(
        request, "analysis/assessment_form.html", context, status=400 if form.errors else 200
    )


@login_required
def vision_edit(request, pk: int):
    municipality = selectors.municipality_get_for_editor(request.user, pk)
    vision = selectors.vision_of(municipality)
    form = VisionForm(request.POST or None, request.FILES or None, instance=vision)
    if request.method == "POST" and form.is_valid():
        services.vision_save(form=form, municipality=municipality, by=request.user)
        messages.success(request, _("The vision document was saved."))
        return redirect("analysis:basis-municipality", pk=municipality.pk)
    return render(
        request, "analysis/vision_form.html", {"form": form, "municipality": municipality}
    )


@login_required
def vision_file(request, pk: int):
    municipality = selectors.municipality_get_for_editor(request.user, pk)
    vision = selectors.vision_of(municipality)
    if vision is None or not vision.file:
        raise Http404
    return FileResponse(vision.file.open("rb"), as_attachment=True)
