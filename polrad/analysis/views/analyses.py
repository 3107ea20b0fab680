"""Pages of analyses: list, create, the step plan, participants, remarks, actions, compare,
PDFs. Who sees what is the selectors' rule: another municipality's analysis is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polrad.analysis import selectors, services
from polrad.analysis.compare import analysis_compare
from polrad.analysis.evidence import evidence_for
from polrad.analysis.forms import (
    ActionForm,
    ActionStatusForm,
    AnalysisForm,
    ChecklistForm,
    ParticipantForm,
    RemarkForm,
)
from polrad.analysis.models import Action
from polrad.analysis.overview import analysis_overview
from polrad.analysis.workflow import Step
from polrad.downloads import download

PAGE_SIZE = 25


def _refuse_outsiders(user) -> None:
    if not selectors.may_use_analyses(user):
        raise PermissionDenied


@login_required
def analysis_list(request):
    _refuse_outsiders(request.user)
    analyses = selectors.analyses_visible_to(request.user)
    municipalities = list(selectors.editable_municipalities(request.user))
    chosen = request.GET.get("gemeente", "")
    if chosen.isdigit():
        analyses = analyses.filter(municipality_id=int(chosen))
    page = Paginator(analyses, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "analyses": page.object_list,
        "municipalities": municipalities if len(municipalities) > 1 else None,
        "chosen": chosen,
        "may_create": bool(municipalities),
    }
    return render(request, "analysis/list.html", context)


@login_required
def analysis_create(request):
    municipalities = selectors.editable_municipalities(request.user)
    if not municipalities.exists():
        raise PermissionDenied
    form = AnalysisForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        try:
            analysis = services.analysis_create(form=form, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The analysis was created. Add the participants first."))
            return redirect(analysis)
    return render(request, "analysis/form.html", {"form": form})


@login_required
def analysis_edit(request, pk: int):
    analysis = selectors.analysis_get_for_user(request.user, pk, edit=True)
    form = AnalysisForm(
        request.POST or None,
        instance=analysis,
        municipalities=selectors.editable_municipalities(request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.analysis_update(form=form)
        messages.success(request, _("The analysis was saved."))
        return redirect(analysis)
    return render(request, "analysis/form.html", {"form": form, "analysis": analysis})


@login_required
def analysis_detail(request, pk: int):
    analysis = selectors.analysis_get_for_user(request.user, pk)
    context = analysis_overview(analysis)
    context.update(remark_form=RemarkForm(), previous=context["evidence"].has_previous)
    return render(request, "analysis/detail.html", context)


@login_required
def analysis_step(request, pk: int, step: int):
    analysis = selectors.analysis_get_for_user(request.user, pk, edit=True)
    if step not in Step.values:
        raise Http404
    return _checklist_page(request, analysis, [step], "analysis/step.html")


@login_required
def analysis_short(request, pk: int):
    """All steps on one screen, for a neighbourhood meeting."""
    analysis = selectors.analysis_get_for_user(request.user, pk, edit=True)
    return _checklist_page(request, analysis, list(Step), "analysis/short.html")


def _checklist_page(request, analysis, steps, template):
    items = selectors.checklist_items(analysis)
    content = selectors.analysis_content(analysis)
    interventions = (
        selectors.intervention_choices(analysis, content) if Step.INTERVENTIONS in steps else []
    )
    form = ChecklistForm(
        request.POST or None,
        analysis=analysis,
        steps=steps,
        items=items,
        content=content,
        interventions=interventions,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.analysis_steps_save(
                analysis=analysis, version=form.cleaned_data["version"], answers=form.answers()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_next_url(request, analysis, steps))
    context = {
        "analysis": analysis,
        "form": form,
        "step_forms": [
            {"number": step, "label": Step(step).label, "fields": form.step_fields(step)}
            for step in steps
        ],
        "steps": list(Step),
        "current": steps[0] if len(steps) == 1 else None,
        "evidence": evidence_for(analysis),
    }
    return render(request, template, context, status=400 if form.errors else 200)


def _next_url(request, analysis, steps) -> str:
    if len(steps) == 1 and steps[0] < Step.POLICY and "next" in request.POST:
        from django.urls import reverse

        return reverse("analysis:step", args=[analysis.pk, steps[0] + 1])
    return analysis.get_absolute_url()


@login_required
def participant_add(request, pk: int):
    analysis = selectors.analysis_get_for_user(request.user, pk, edit=True)
    form = ParticipantForm(request.POST or None, municipality=analysis.municipality)
    if request.method == "POST" and form.is_valid():
        services.participant_add(analysis=analysis, form=form)
        messages.success(request, _("The participant was added."))
        return redirect(analysis)
    return render(request, "analysis/participant_form.html", {"form": form, "analysis": analysis})


@require_POST
@login_required
def participant_remove(request, pk: int, participant_pk: int):
    analysis = selectors.analysis_get_for_user(request.user, pk, edit=True)
    participant = get_object_or_404(analysis.participants, pk=participant_pk)
    services.participant_remove(participant=participant)
    messages.success(request, _("The participant was removed."))
    return redirect(analysis)


@require_POST
@login_required
def remark_add(request, pk: int):
    analysis = selectors.analysis_get_for_user(request.user, pk)
    form = RemarkForm(request.POST)
    if form.is_valid():
        services.remark_add(analysis=analysis, author=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your remark was added."))
    else:
        messages.error(request, _("Write a remark of at most 2000 characters."))
    return redirect(analysis)


@login_required
def action_create(request, pk: int):
    analysis = selectors.analysis_get_for_user(request.user, pk, edit=True)
    action = Action(municipality=analysis.municipality, analysis=analysis)
    form = ActionForm(request.POST or None, instance=action, municipality=analysis.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_save(action=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action was added."))
            return redirect(analysis)
    context = {"form": form, "analysis": analysis}
    return render(request, "analysis/action_form.html", context)


@login_required
def action_edit(request, pk: int):
    """Editors of the municipality change everything; the owner only the status."""
    action = selectors.action_get_for_user(request.user, pk)
    if selectors.may_edit(request.user, action.municipality_id):
        form = ActionForm(request.POST or None, instance=action, municipality=action.municipality)
    else:
        form = ActionStatusForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_save(action=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action was saved."))
            return redirect(request.POST.get("back") or "analysis:actions")
    context = {"form": form, "action": action, "analysis": action.analysis}
    return render(request, "analysis/action_form.html", context)


@login_required
def analysis_compare_view(request, pk: int):
    analysis = selectors.analysis_get_for_user(request.user, pk)
    previous = selectors.analysis_previous(analysis)
    if previous is None:
        messages.info(request, _("There is no earlier analysis of the same area."))
        return redirect(analysis)
    context = {"analysis": analysis, "previous": previous, **analysis_compare(previous, analysis)}
    return render(request, "analysis/compare.html", context)


@login_required
def analysis_pdf_view(request, pk: int):
    analysis = selectors.analysis_get_for_user(request.user, pk)
    stored, content = services.analysis_pdf(analysis=analysis, by=request.user)
    return _pdf_response(content, stored.file.name.rsplit("/", 1)[-1])


@login_required
def checklist_pdf_view(request, pk: int):
    """One page to print and take into the meeting room."""
    from polrad.analysis.pdf import checklist_pdf_bytes

    analysis = selectors.analysis_get_for_user(request.user, pk)
    return _pdf_response(checklist_pdf_bytes(analysis), f"checklist-{analysis.pk}.pdf")


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    return download(content, filename, content_type="application/pdf")
