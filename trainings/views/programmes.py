"""Programmes and their modules: what a training is, planned by coordinators."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, UpdateView

from polrad.accounts.decorators import login_and_permission_required
from polrad.permissions import MANAGE_TRAININGS, VIEW_SOCIAL_MAP
from polrad.uploads import upload_response
from trainings.forms import ModuleForm, ProgrammeForm, posted
from trainings.models import Module, Programme
from trainings.selectors import (
    can_manage_trainings,
    module_file_get,
    programme_modules,
    programme_sessions,
)

SESSIONS_SHOWN = 50


class ProgrammeDetailView(PermissionRequiredMixin, DetailView):
    permission_required = VIEW_SOCIAL_MAP
    model = Programme
    template_name = "trainings/programme_detail.html"
    context_object_name = "programme"

    def get_context_data(self, **kwargs):
        programme = self.object
        return super().get_context_data(
            modules=list(programme_modules(programme, self.request.user)),
            sessions=list(programme_sessions(programme)[:SESSIONS_SHOWN]),
            can_manage=can_manage_trainings(self.request.user),
            **kwargs,
        )


class ProgrammeFormMixin(PermissionRequiredMixin):
    permission_required = MANAGE_TRAININGS
    model = Programme
    form_class = ProgrammeForm
    template_name = "trainings/programme_form.html"

    def form_valid(self, form):
        messages.success(self.request, _("The programme has been saved."))
        return super().form_valid(form)


class ProgrammeCreateView(ProgrammeFormMixin, CreateView):
    pass


class ProgrammeUpdateView(ProgrammeFormMixin, UpdateView):
    pass


def _module_form(request, programme, module=None):
    instance = module or Module(programme=programme)
    form = ModuleForm(posted(request), request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()  # with the documents it links to
        messages.success(request, _("The module has been saved."))
        return redirect(programme)
    context = {"form": form, "programme": programme, "module": module}
    return render(request, "trainings/module_form.html", context)


@login_and_permission_required(MANAGE_TRAININGS)
def module_create(request, pk):
    return _module_form(request, get_object_or_404(Programme, pk=pk))


@login_and_permission_required(MANAGE_TRAININGS)
def module_update(request, pk):
    module = get_object_or_404(Module.objects.select_related("programme"), pk=pk)
    return _module_form(request, module.programme, module)


@login_and_permission_required(VIEW_SOCIAL_MAP)
def module_file(request, pk):
    """Course materials are for logged-in members only; never cached by proxies."""
    module = module_file_get(pk)
    return upload_response(module.file)
