from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from network import services
from network.filters import ContactFilter
from network.forms import ContactForm, ContactMomentForm
from network.mixins import SocialMapMemberMixin
from network.models import ContactPerson
from network.selectors import (
    can_manage_map,
    can_record_contact_moments,
    can_see_contact_details,
    can_see_coordinator_notes,
    contact_get_for_user,
    contact_moments_of,
    contacts_for_list,
    history_for,
)
from network.views.organisations import PAGE_SIZE
from polrad.accounts.decorators import login_and_permission_required
from polrad.pagination import KeysetPaginationMixin
from polrad.permissions import MANAGE_SOCIAL_MAP, VIEW_SOCIAL_MAP

MOMENTS_SHOWN = 20


class ContactListView(SocialMapMemberMixin, KeysetPaginationMixin, FilterView):
    filterset_class = ContactFilter
    paginate_by = PAGE_SIZE
    template_name = "network/contact_list.html"

    def get_queryset(self):
        return contacts_for_list(
            self.request.user, include_inactive=self.request.GET.get("inactive") == "1"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=can_manage_map(self.request.user), **kwargs)


class ContactDetailView(SocialMapMemberMixin, DetailView):
    template_name = "network/contact_detail.html"
    context_object_name = "contact"

    def get_object(self, queryset=None):
        return contact_get_for_user(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        user = self.request.user
        can_record = can_record_contact_moments(user)
        return super().get_context_data(
            can_manage=can_manage_map(user),
            show_notes=can_see_coordinator_notes(user),
            show_details=can_see_contact_details(user, self.object),
            can_record_contact=can_record,
            contact_moments=contact_moments_of(self.object)[:MOMENTS_SHOWN] if can_record else [],
            moment_form=kwargs.pop("moment_form", None) or ContactMomentForm(),
            history=history_for(self.object),
            **kwargs,
        )


@require_POST
@login_and_permission_required(VIEW_SOCIAL_MAP)
def contact_moment_create(request, pk):
    if not can_record_contact_moments(request.user):
        raise PermissionDenied
    contact = contact_get_for_user(request.user, pk)
    form = ContactMomentForm(request.POST)
    if not form.is_valid():
        view = ContactDetailView(request=request, kwargs={"pk": pk}, object=contact)
        context = view.get_context_data(moment_form=form)
        return render(request, ContactDetailView.template_name, context, status=200)
    services.contact_moment_record(contact=contact, data=form.cleaned_data, by=request.user)
    messages.success(request, _("The contact moment has been saved."))
    return redirect(contact)


class ContactFormMixin(PermissionRequiredMixin):
    permission_required = MANAGE_SOCIAL_MAP
    model = ContactPerson
    form_class = ContactForm
    template_name = "network/contact_form.html"

    def form_valid(self, form):
        contact = services.contact_save(form=form, by=self.request.user)
        messages.success(self.request, _("%(name)s has been saved.") % {"name": contact})
        return redirect(contact)


class ContactCreateView(ContactFormMixin, CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if "organisation" in self.request.GET:
            initial["organisation"] = self.request.GET["organisation"]
        return initial


class ContactUpdateView(ContactFormMixin, UpdateView):
    def get_object(self, queryset=None):
        return get_object_or_404(ContactPerson, pk=self.kwargs["pk"])
