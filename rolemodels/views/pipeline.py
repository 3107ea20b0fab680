"""The recruitment pipeline for coordinators: board, stage lists, candidate pages, moves."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView

from polrad.accounts.decorators import login_and_permission_required
from polrad.accounts.mixins import AnyPermissionRequiredMixin
from polrad.permissions import LOG_ACTIVITIES, MANAGE_ROLE_MODELS, NOMINATE_ROLE_MODELS
from polrad.uploads import upload_response
from rolemodels import services
from rolemodels.forms import MoveForm, NominationForm, ProfileForm
from rolemodels.mentoring.selectors import mentorships_of_mentor
from rolemodels.selectors import (
    can_manage_role_models,
    mentor_training_status,
    pipeline_board,
    role_model_get_for_manager,
    role_model_photo_for_user,
    role_model_training_status,
    role_models_in_stage,
    stage_history,
)
from rolemodels.workflow import Stage


class IndexView(AnyPermissionRequiredMixin, TemplateView):
    """Coordinators see the pipeline board; role models go to their own activities."""

    permission_required = (MANAGE_ROLE_MODELS, LOG_ACTIVITIES)
    template_name = "rolemodels/board.html"

    def get(self, request, *args, **kwargs):
        if not can_manage_role_models(request.user):
            return redirect("rolemodels:my-activities")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=pipeline_board(),
            stuck_days=settings.ROLE_MODEL_STUCK_DAYS,
            waiting_long=_("waiting long"),
            **kwargs,
        )


class StageListView(PermissionRequiredMixin, ListView):
    permission_required = MANAGE_ROLE_MODELS
    paginate_by = 50
    template_name = "rolemodels/stage_list.html"
    context_object_name = "role_models"

    def get_queryset(self):
        if self.kwargs["stage"] not in Stage.values:
            raise Http404
        return role_models_in_stage(self.kwargs["stage"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            stage=Stage(self.kwargs["stage"]),
            stuck_days=settings.ROLE_MODEL_STUCK_DAYS,
            **kwargs,
        )


class RoleModelDetailView(PermissionRequiredMixin, DetailView):
    permission_required = MANAGE_ROLE_MODELS
    template_name = "rolemodels/detail.html"
    context_object_name = "role_model"

    def get_object(self, queryset=None):
        return role_model_get_for_manager(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        training = role_model_training_status(self.object, progress=True)
        mentor_training = mentor_training_status(self.object, progress=True)
        return super().get_context_data(
            history=stage_history(self.object),
            move_form=MoveForm(
                role_model=self.object, training_status=training, mentor_status=mentor_training
            ),
            training=training,
            mentor_training=mentor_training,
            mentorships=mentorships_of_mentor(self.object),
            **kwargs,
        )


@require_POST
@login_and_permission_required(MANAGE_ROLE_MODELS)
def role_model_move(request, pk):
    role_model = role_model_get_for_manager(pk)
    form = MoveForm(
        request.POST,
        role_model=role_model,
        training_status=role_model_training_status(role_model),
        mentor_status=mentor_training_status(role_model),
    )
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(role_model)
    had_account = role_model.user_id is not None
    try:
        moved = services.role_model_move(
            role_model=role_model,
            to=form.cleaned_data["to"],
            by=request.user,
            reason=form.cleaned_data["reason"],
            training_confirmed=form.cleaned_data.get("training_confirmed", False),
            mentor_training_confirmed=form.cleaned_data.get("mentor_training_confirmed", False),
            vog_date=form.cleaned_data["vog_date"],
        )
    except services.TransitionError as exc:
        messages.error(request, str(exc))
        return redirect(role_model)
    messages.success(
        request,
        _("%(name)s is now in the stage “%(stage)s”.")
        % {"name": moved, "stage": moved.get_stage_display()},
    )
    if not had_account and moved.user_id:
        messages.info(request, _("%(name)s now has an account on the platform.") % {"name": moved})
    return redirect(moved)


class RoleModelUpdateView(PermissionRequiredMixin, UpdateView):
    permission_required = MANAGE_ROLE_MODELS
    form_class = ProfileForm
    template_name = "rolemodels/profile_form.html"
    context_object_name = "role_model"

    def get_object(self, queryset=None):
        return role_model_get_for_manager(self.kwargs["pk"])

    def form_valid(self, form):
        role_model = services.role_model_update_profile(form=form)
        messages.success(self.request, _("%(name)s has been saved.") % {"name": role_model})
        return redirect(role_model)


class NominateView(PermissionRequiredMixin, FormView):
    """Partners (professionals and coordinators) propose someone from their network."""

    permission_required = NOMINATE_ROLE_MODELS
    form_class = NominationForm
    template_name = "rolemodels/nominate.html"

    def form_valid(self, form):
        role_model = services.role_model_nominate(data=form.cleaned_data, by=self.request.user)
        messages.success(
            self.request,
            _("Thank you. The network coordinators will contact %(name)s.") % {"name": role_model},
        )
        if can_manage_role_models(self.request.user):
            return redirect(role_model)
        return redirect("dashboard")


@login_required
def role_model_photo(request, pk):
    """The photo, for coordinators and the role model themselves; never cached by proxies."""
    role_model = role_model_photo_for_user(request.user, pk)
    return upload_response(role_model.photo)
