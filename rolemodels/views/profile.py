"""A role model's own profile, and the card that partners see of an active role model."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, UpdateView

from polrad.accounts.mixins import AnyPermissionRequiredMixin
from polrad.permissions import MANAGE_ROLE_MODELS, NOMINATE_ROLE_MODELS
from rolemodels import services
from rolemodels.forms import OwnProfileForm
from rolemodels.selectors import own_role_model, role_model_card

# Partners: the professionals and coordinators who may propose role models also read their
# cards; contact details, photo and VOG stay with the coordinators.
PARTNER_PERMISSIONS = (MANAGE_ROLE_MODELS, NOMINATE_ROLE_MODELS)


class OwnProfileView(LoginRequiredMixin, UpdateView):
    form_class = OwnProfileForm
    template_name = "rolemodels/own_profile.html"
    context_object_name = "role_model"

    def get_object(self, queryset=None):
        return own_role_model(self.request.user)

    def form_valid(self, form):
        services.role_model_update_profile(form=form)
        messages.success(self.request, _("Your profile has been saved."))
        return redirect("rolemodels:own-profile")


class RoleModelCardView(AnyPermissionRequiredMixin, DetailView):
    """Read-only: who an active role model is and what they can speak on, no contact details."""

    permission_required = PARTNER_PERMISSIONS
    template_name = "rolemodels/card.html"
    context_object_name = "role_model"

    def get_object(self, queryset=None):
        return role_model_card(self.kwargs["pk"])
