"""Coordinators write and approve "what the network sees" for the trend update."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polrad import periods
from polrad.accounts.decorators import login_and_permission_required
from polrad.permissions import VIEW_NETWORK_DASHBOARD
from signals import interpretations
from signals.eyes import Interpretation


@login_and_permission_required(VIEW_NETWORK_DASHBOARD)
def interpretation_list(request):
    period = periods.last_complete(periods.MONTH)
    form = interpretations.InterpretationForm(request.POST or None, initial={"period": period.key})
    if request.method == "POST" and form.is_valid():
        interpretations.interpretation_save(form=form, by=request.user)
        messages.success(request, _("The interpretation has been saved; approve it to send it."))
        return redirect("signals:interpretations")
    page = Paginator(interpretations.interpretations_for_list(), 25)
    context = {
        "form": form,
        "page_obj": page.get_page(request.GET.get("page")),
        "period": period,
        "origins": interpretations.origin_figures(period),
    }
    return render(request, "signals/interpretations.html", context)


@login_and_permission_required(VIEW_NETWORK_DASHBOARD)
def interpretation_update(request, pk):
    interpretation = get_object_or_404(Interpretation, pk=pk)
    form = interpretations.InterpretationForm(request.POST or None, instance=interpretation)
    if request.method == "POST" and form.is_valid():
        interpretations.interpretation_save(form=form, by=request.user)
        messages.success(request, _("The interpretation has been saved; approve it to send it."))
        return redirect("signals:interpretations")
    return render(
        request,
        "signals/interpretation_form.html",
        {"form": form, "interpretation": interpretation},
    )


@require_POST
@login_and_permission_required(VIEW_NETWORK_DASHBOARD)
def interpretation_approve(request, pk):
    interpretation = get_object_or_404(Interpretation, pk=pk)
    try:
        interpretations.interpretation_approve(interpretation=interpretation, by=request.user)
        messages.success(request, _("Approved: the trend update of the period opens with it."))
    except interpretations.InterpretationError as exc:
        messages.error(request, str(exc))
    return redirect("signals:interpretations")
