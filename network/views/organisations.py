from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, RedirectView
from django_filters.views import FilterView

from network import services
from network.filters import OrganisationFilter
from network.forms import (
    AgreementForm,
    LocationFormSet,
    OrganisationForm,
    OrganisationPolicyForm,
    RelationForm,
)
from network.mixins import SocialMapMemberMixin
from network.models import ContactPerson, Organisation, OrganisationPolicy
from network.selectors import (
    can_manage_map,
    history_for,
    organisation_get_for_user,
    organisations_for_list,
)
from polrad.pagination import KeysetPaginationMixin
from polrad.permissions import MANAGE_SOCIAL_MAP

PAGE_SIZE = 25


class IndexView(SocialMapMemberMixin, RedirectView):
    pattern_name = "network:organisation-list"


class OrganisationListView(SocialMapMemberMixin, KeysetPaginationMixin, FilterView):
    filterset_class = OrganisationFilter
    paginate_by = PAGE_SIZE
    template_name = "network/organisation_list.html"

    def get_queryset(self):
        return organisations_for_list(
            self.request.user, include_inactive=self.request.GET.get("inactive") == "1"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=can_manage_map(self.request.user), **kwargs)


class OrganisationDetailView(SocialMapMemberMixin, DetailView):
    template_name = "network/organisation_detail.html"
    context_object_name = "organisation"

    def get_object(self, queryset=None):
        return organisation_get_for_user(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        organisation = self.object
        history = history_for(organisation)
        return super().get_context_data(
            can_manage=can_manage_map(self.request.user),
            history=history,
            policy=getattr(organisation, "policy", None),  # read with the organisation
            **kwargs,
        )


@login_required
@permission_required(MANAGE_SOCIAL_MAP, raise_exception=True)
def organisation_edit(request, pk=None):
    """Create (no pk) or edit an organisation together with its locations."""
    organisation = get_object_or_404(Organisation, pk=pk) if pk else Organisation()
    data = request.POST if request.method == "POST" else None
    form = OrganisationForm(data, instance=organisation)
    locations = LocationFormSet(data, instance=organisation)
    if data is not None and form.is_valid() and locations.is_valid():
        organisation = services.organisation_save(form=form, locations=locations, by=request.user)
        messages.success(request, _("%(name)s has been saved.") % {"name": organisation})
        return redirect(organisation)
    return render(
        request,
        "network/organisation_form.html",
        {"form": form, "locations": locations, "organisation": organisation if pk else None},
    )


@login_required
@permission_required(MANAGE_SOCIAL_MAP, raise_exception=True)
def organisation_policy_edit(request, pk):
    """The organisation's own basis on polarisation and radicalisation (coordinators)."""
    organisation = get_object_or_404(Organisation, pk=pk)
    policy = OrganisationPolicy.objects.filter(organisation=organisation).first()
    form = OrganisationPolicyForm(
        request.POST or None, instance=policy or OrganisationPolicy(organisation=organisation)
    )
    if request.method == "POST" and form.is_valid():
        services.organisation_policy_save(form=form, by=request.user)
        messages.success(
            request, _("The policy of %(name)s has been saved.") % {"name": organisation}
        )
        return redirect(organisation)
    context = {"form": form, "organisation": organisation}
    return render(request, "network/policy_form.html", context)


class AgreementCreateView(PermissionRequiredMixin, CreateView):
    permission_required = MANAGE_SOCIAL_MAP
    form_class = AgreementForm
    template_name = "network/agreement_form.html"

    def get_initial(self):
        return {
            key: self.request.GET[key]
            for key in ("municipality", "organisation", "contact")
            if key in self.request.GET
        }

    def form_valid(self, form):
        agreement = form.save()
        messages.success(self.request, _("The agreement has been saved."))
        return redirect(agreement.holder)


class RelationCreateView(PermissionRequiredMixin, CreateView):
    permission_required = MANAGE_SOCIAL_MAP
    form_class = RelationForm
    template_name = "network/relation_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.source = get_object_or_404(Organisation, pk=kwargs["pk"], is_active=True)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "source": self.source}

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.source, **kwargs)

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("The relation has been saved."))
        return redirect(self.source)


RECORD_MODELS = {"organisation": Organisation, "contact": ContactPerson}


@require_POST
@login_required
@permission_required(MANAGE_SOCIAL_MAP, raise_exception=True)
def record_verify(request, kind, pk):
    record = get_object_or_404(RECORD_MODELS[kind], pk=pk)
    services.record_verify(record=record, by=request.user)
    messages.success(request, _("Marked as verified today."))
    return redirect(record)


@require_POST
@login_required
@permission_required(MANAGE_SOCIAL_MAP, raise_exception=True)
def record_set_active(request, kind, pk):
    record = get_object_or_404(RECORD_MODELS[kind], pk=pk)
    active = request.POST.get("active") == "1"
    services.record_set_active(record=record, active=active)
    if active:
        messages.success(request, _("%(name)s is active again.") % {"name": record})
    else:
        messages.success(request, _("%(name)s has been deactivated.") % {"name": record})
    return redirect(record)
