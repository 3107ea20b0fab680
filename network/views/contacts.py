from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from network import services
from network.filters import ContactFilter
from network.forms import ContactForm
from network.mixins import SocialMapMemberMixin
from network.models import ContactPerson
from network.selectors import (
    can_manage_map,
    can_see_coordinator_notes,
    contact_get_for_user,
    contacts_for_list,
    history_for,
)
from network.views.organisations import PAGE_SIZE


class ContactListView(SocialMapMemberMixin, FilterView):
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
        return super().get_context_data(
            can_manage=can_manage_map(user),
            show_notes=can_see_coordinator_notes(user),
            history=history_for(self.object),
            **kwargs,
        )


class ContactFormMixin(PermissionRequiredMixin):
    permission_required = "accounts.manage_social_map"
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
