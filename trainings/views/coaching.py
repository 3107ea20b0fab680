"""Coaching of role models: the coaches' overview, a role model's sessions, logging a session."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rolemodels.selectors import own_role_model
from trainings.coaching import services as coaching
from trainings.coaching.forms import ActionFormSet, CoachingSessionForm, actions_of

PAGE_SIZE = 50
SESSIONS_PER_PAGE = 20


@login_required
def coaching_overview(request):
    """Coordinators see every active role model, a coach those they coach."""
    user = request.user
    if not (coaching.can_manage_coaching(user) or coaching.is_coach(user)):
        if own_role_model(user, missing_ok=True):
            return redirect("trainings:coaching-mine")
        raise PermissionDenied
    only_overdue = request.GET.get("overdue") == "1"
    role_models = coaching.coaching_overview(user, only_overdue=only_overdue)
    page = Paginator(role_models, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "trainings/coaching_overview.html",
        {
            "page_obj": page,
            "role_models": page.object_list,
            "only_overdue": only_overdue,
            "overdue_before": coaching.overdue_before(),
            "weeks": settings.COACHING_OVERDUE_WEEKS,
            "all_role_models": coaching.can_manage_coaching(user),
        },
    )


@login_required
def my_coaching(request):
    """A role model's own coaching."""
    return redirect("trainings:coaching-role-model", own_role_model(request.user).pk)


@login_required
def coaching_role_model(request, pk):
    role_model, coaches = coaching.coaching_role_model_get_for_user(request.user, pk)
    sessions = coaching.coaching_sessions_of(role_model, with_notes=coaches)
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "trainings/coaching_role_model.html",
        {
            "role_model": role_model,
            "page_obj": page,
            "sessions": page.object_list,
            "coaches": coaches,
            "coaching_overdue": coaches and coaching.coaching_is_overdue(role_model),
            "weeks": settings.COACHING_OVERDUE_WEEKS,
        },
    )


@login_required
def coaching_session_create(request, pk):
    role_model = coaching.coaching_role_model_get_for_coach(request.user, pk)
    data = request.POST if request.method == "POST" else None
    form = CoachingSessionForm(data, role_model=role_model)
    actions = ActionFormSet(data, prefix="actions")
    if data is not None and form.is_valid() and actions.is_valid():
        try:
            coaching.coaching_session_log(
                role_model=role_model,
                coach=request.user,
                actions=actions_of(actions),
                **form.cleaned_data,
            )
        except coaching.CoachingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The coaching session has been saved."))
            return redirect("trainings:coaching-role-model", role_model.pk)
    return render(
        request,
        "trainings/coaching_form.html",
        {"role_model": role_model, "form": form, "actions": actions},
    )


@require_POST
@login_required
def coaching_action_done(request, pk):
    action = coaching.coaching_action_get_for_coach(request.user, pk)
    coaching.coaching_action_done(action=action)
    messages.success(request, _("The action “%(action)s” is done.") % {"action": action})
    return redirect("trainings:coaching-role-model", action.session.role_model_id)
