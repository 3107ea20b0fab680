"""Situation guidance: what to do when a situation occurs, and whom to call."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.interventions import services
from network.interventions.forms import GuidanceForm
from network.interventions.models import SituationGuidance
from network.interventions.selectors import (
    agreements_for_guidance,
    can_manage_catalogue,
    guidance_for_list,
    guidance_get_for_user,
    is_member,
)
from network.interventions.views.common import manager_required, set_archived
from network.selectors import history_for, municipalities_visible_to


def guidance_list(request):
    """Readable by everybody: anonymous visitors see the public cards only."""
    return render(
        request,
        "network/interventions/guidance_list.html",
        {
            "cards": guidance_for_list(request.user).prefetch_related("forms"),
            "can_manage": can_manage_catalogue(request.user),
        },
    )


def _chosen_municipality(request):
    """The municipality whose agreements the card shows: chosen, or the user's only one."""
    municipalities = municipalities_visible_to(request.user)
    chosen = request.GET.get("gemeente", "")
    if chosen.isdigit():
        return municipalities.filter(pk=chosen).first(), municipalities
    if request.user.is_authenticated and request.user.is_scoped:
        own = list(municipalities[:2])
        return (own[0] if len(own) == 1 else None), municipalities
    return None, municipalities


def guidance_detail(request, pk):
    card = guidance_get_for_user(request.user, pk)
    manage = can_manage_catalogue(request.user)
    municipality, municipalities = (None, None)
    agreements = []
    if is_member(request.user):
        municipality, municipalities = _chosen_municipality(request)
        if municipality:
            agreements = agreements_for_guidance(card, [municipality])
    return render(
        request,
        "network/interventions/guidance_detail.html",
        {
            "card": card,
            "can_manage": manage,
            "is_member": is_member(request.user),
            "municipality": municipality,
            "municipalities": municipalities,
            "agreements": agreements,
            "history": history_for(card) if manage else [],
        },
    )


@manager_required
def guidance_edit(request, pk=None):
    card = get_object_or_404(SituationGuidance, pk=pk) if pk else SituationGuidance()
    form = GuidanceForm(request.POST if request.method == "POST" else None, instance=card)
    if request.method == "POST" and form.is_valid():
        card = services.guidance_save(form=form)
        messages.success(request, _("%(name)s has been saved.") % {"name": card})
        return redirect(card)
    return render(
        request,
        "network/interventions/guidance_form.html",
        {"form": form, "card": card if pk else None},
    )


@require_POST
@manager_required
def guidance_archive(request, pk):
    return set_archived(request, get_object_or_404(SituationGuidance, pk=pk))
