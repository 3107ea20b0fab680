"""The intervention catalogue: list with filters, detail, CSV, create, edit, archive, delete."""

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from network.interventions import exports, services
from network.interventions.filters import InterventionFilter
from network.interventions.forms import InterventionForm, ProviderFormSet
from network.interventions.models import Intervention
from network.interventions.selectors import (
    can_manage_catalogue,
    intervention_get_for_user,
    interventions_for_list,
    is_member,
)
from network.interventions.views.common import (
    PAGE_SIZE,
    manager_required,
    member_required,
    set_archived,
)
from network.selectors import history_for
from polrad.downloads import as_download, download_name


class InterventionListView(FilterView):
    """Readable by everybody: anonymous visitors see the public entries only."""

    filterset_class = InterventionFilter
    paginate_by = PAGE_SIZE
    template_name = "network/interventions/list.html"

    def get_queryset(self):
        return interventions_for_list(
            self.request.user, include_archived=self.request.GET.get("archived") == "1"
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_manage=can_manage_catalogue(user), is_member=is_member(user), **kwargs
        )


def intervention_detail(request, pk):
    intervention = intervention_get_for_user(request.user, pk)
    manage = can_manage_catalogue(request.user)
    return render(
        request,
        "network/interventions/detail.html",
        {
            "intervention": intervention,
            "can_manage": manage,
            "is_member": is_member(request.user),
            "history": history_for(intervention) if manage else [],
        },
    )


@member_required
def intervention_export(request):
    archived = request.GET.get("archived") == "1"
    queryset = interventions_for_list(request.user, include_archived=archived)
    filterset = InterventionFilter(request.GET or None, queryset=queryset, request=request)
    bad = filterset.is_bound and not filterset.is_valid()
    interventions = queryset.none() if bad else filterset.qs
    response = StreamingHttpResponse(
        exports.interventions_csv(interventions), content_type="text/csv; charset=utf-8"
    )
    return as_download(response, download_name("interventies", "csv"))


@manager_required
def intervention_edit(request, pk=None):
    """Create (no pk) or edit an intervention together with its providers."""
    intervention = get_object_or_404(Intervention, pk=pk) if pk else Intervention()
    data = request.POST if request.method == "POST" else None
    form = InterventionForm(data, instance=intervention)
    providers = ProviderFormSet(data, instance=intervention)
    if data is not None and form.is_valid() and providers.is_valid():
        intervention = services.intervention_save(form=form, providers=providers)
        messages.success(request, _("%(name)s has been saved.") % {"name": intervention})
        return redirect(intervention)
    return render(
        request,
        "network/interventions/form.html",
        {"form": form, "providers": providers, "intervention": intervention if pk else None},
    )


@require_POST
@manager_required
def intervention_archive(request, pk):
    return set_archived(request, get_object_or_404(Intervention, pk=pk))


@manager_required
def intervention_delete(request, pk):
    intervention = get_object_or_404(Intervention, pk=pk)
    references = services.intervention_references(intervention)
    if request.method == "POST":
        try:
            services.intervention_delete(intervention=intervention)
        except services.InterventionInUse as error:
            messages.error(request, str(error))
            return redirect(intervention)
        messages.success(request, _("%(name)s has been deleted.") % {"name": intervention})
        return redirect("interventions:list")
    return render(
        request,
        "network/interventions/delete.html",
        {"intervention": intervention, "references": references},
    )
