"""A role model's own profile: they keep their contact details and availability up to date."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import UpdateView

from rolemodels import services
from rolemodels.forms import OwnProfileForm
from rolemodels.selectors import own_role_model


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
