"""Activities: role models log them from their phone, coordinators approve and count them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView
from django_filters.views import FilterView

from polrad.accounts.decorators import login_and_permission_required
from polrad.charts import bar_chart
from polrad.downloads import as_download, download_name
from polrad.pagination import KeysetPaginationMixin, keyset_page
from polrad.permissions import LOG_ACTIVITIES, MANAGE_ROLE_MODELS, MANAGE_SOCIAL_MAP
from rolemodels import services
from rolemodels.exports import activities_csv
from rolemodels.filters import ActivityFilter, FiguresFilter
from rolemodels.forms import (
    ActivityForm,
    ActivityInterventionForm,
    BulkApproveForm,
    MatchForm,
    ReviewForm,
)
from rolemodels.matching import Need, match_role_models
from rolemodels.selectors import (
    activities_for_overview,
    activity_get_for_edit,
    activity_get_for_user,
    activity_history,
    approval_queue,
    can_manage_role_models,
    may_log_as,
    own_activities,
    own_role_model,
    own_role_model_for_logging,
)
from rolemodels.stats import cached_activity_figures
from rolemodels.workflow import ActivityState

PAGE_SIZE = 25
QUEUE_PAGE_SIZE = 50


class MyActivitiesView(PermissionRequiredMixin, ListView):
    permission_required = LOG_ACTIVITIES
    paginate_by = PAGE_SIZE
    template_name = "rolemodels/my_activities.html"
    context_object_name = "activities"

    def get_queryset(self):
        return own_activities(self.request.user)

    def get_context_data(self, **kwargs):
        profile = own_role_model(self.request.user, missing_ok=True)
        may_log = profile is not None and may_log_as(profile)
        return super().get_context_data(profile=profile, may_log=may_log, **kwargs)


def _save(request, form, role_model, activity=None):
    try:
        activity = services.activity_save(
            role_model=role_model, data=form.cleaned_data, by=request.user, activity=activity
        )
        if request.POST.get("action") == "submit":
            services.activity_move(activity=activity, to=ActivityState.SUBMITTED, by=request.user)
            messages.success(request, _("Thank you! Your activity has been submitted."))
        else:
            messages.success(request, _("Your activity has been saved as a draft."))
    except services.ActivityError as exc:
        messages.error(request, str(exc))
    return redirect(activity or "rolemodels:my-activities")


@login_and_permission_required(LOG_ACTIVITIES)
def activity_create(request):
    role_model = own_role_model_for_logging(request.user)
    form = ActivityForm(request.POST or None, role_model=role_model)
    if request.method == "POST" and form.is_valid():
        return _save(request, form, role_model)
    return render(request, "rolemodels/activity_form.html", {"form": form, "activity": None})


@login_and_permission_required(LOG_ACTIVITIES)
def activity_update(request, pk):
    activity = activity_get_for_edit(request.user, pk)
    form = ActivityForm(request.POST or None, instance=activity, role_model=activity.role_model)
    if request.method == "POST" and form.is_valid():
        return _save(request, form, activity.role_model, activity)
    return render(request, "rolemodels/activity_form.html", {"form": form, "activity": activity})


class ActivityDetailView(DetailView):
    template_name = "rolemodels/activity_detail.html"
    context_object_name = "activity"

    def get_object(self, queryset=None):
        return activity_get_for_user(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        user, activity = self.request.user, self.object
        is_owner = activity.role_model.user_id == user.pk
        can_review = can_manage_role_models(user) and activity.state == ActivityState.SUBMITTED
        return super().get_context_data(
            history=activity_history(activity),
            is_owner=is_owner,
            can_edit=is_owner and activity.is_editable and may_log_as(activity.role_model),
            review_form=ReviewForm() if can_review else None,
            show_reflection=is_owner or can_manage_role_models(user),
            intervention_form=ActivityInterventionForm(
                initial={"intervention": activity.intervention_id}
            )
            if can_manage_role_models(user)
            else None,
            can_make_example=activity.state == ActivityState.APPROVED
            and activity.shareable
            and user.has_perm(MANAGE_SOCIAL_MAP),
            **kwargs,
        )


activity_detail = login_required(ActivityDetailView.as_view())


@require_POST
@login_and_permission_required(LOG_ACTIVITIES)
def activity_submit(request, pk):
    activity = activity_get_for_edit(request.user, pk)
    try:
        services.activity_move(activity=activity, to=ActivityState.SUBMITTED, by=request.user)
        messages.success(request, _("Thank you! Your activity has been submitted."))
    except services.ActivityError as exc:
        messages.error(request, str(exc))
    return redirect(activity)


@require_POST
@login_and_permission_required(MANAGE_ROLE_MODELS)
def activity_review(request, pk):
    activity = activity_get_for_user(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(activity)
    approve = form.cleaned_data["decision"] == ReviewForm.APPROVE
    try:
        services.activity_move(
            activity=activity,
            to=ActivityState.APPROVED if approve else ActivityState.RETURNED,
            by=request.user,
            comment=form.cleaned_data["comment"],
            shareable=approve and form.cleaned_data["shareable"],
        )
    except services.ActivityError as exc:
        messages.error(request, str(exc))
        return redirect(activity)
    if approve:
        messages.success(request, _("The activity has been approved."))
    else:
        messages.success(request, _("The activity has been returned to the role model."))
    return redirect("rolemodels:activity-queue")


@login_and_permission_required(MANAGE_ROLE_MODELS)
def activity_queue(request):
    """Submitted activities, oldest first; coordinators approve a selection at once."""
    form = BulkApproveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            approved = services.activities_approve(
                ids=[activity.pk for activity in form.cleaned_data["activities"]],
                by=request.user,
            )
            messages.success(
                request,
                ngettext(
                    "%(count)d activity has been approved.",
                    "%(count)d activities have been approved.",
                    approved,
                )
                % {"count": approved},
            )
            return redirect("rolemodels:activity-queue")
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    page_obj = keyset_page(request, approval_queue(), per_page=QUEUE_PAGE_SIZE)
    return render(
        request,
        "rolemodels/activity_queue.html",
        {"activities": page_obj.object_list, "page_obj": page_obj},
    )


class ActivityListView(PermissionRequiredMixin, KeysetPaginationMixin, FilterView):
    permission_required = MANAGE_ROLE_MODELS
    filterset_class = ActivityFilter
    paginate_by = PAGE_SIZE
    template_name = "rolemodels/activity_list.html"
    context_object_name = "activities"

    def get_queryset(self):
        return activities_for_overview()


@login_and_permission_required(MANAGE_ROLE_MODELS)
def activity_export(request):
    filterset = ActivityFilter(request.GET, queryset=activities_for_overview())
    response = StreamingHttpResponse(
        activities_csv(filterset.qs), content_type="text/csv; charset=utf-8"
    )
    return as_download(response, download_name("activiteiten", "csv"))


def _default_period(data):
    """Without a period chosen, the figures cover the last twelve months."""
    data = data.copy()
    if not data.get("date_from") and not data.get("date_to"):
        today = timezone.localdate()
        data["date_from"] = today.replace(year=today.year - 1, day=1).isoformat()
        data["date_to"] = today.isoformat()
    return data


@login_and_permission_required(MANAGE_ROLE_MODELS)
def activity_dashboard(request):
    data = _default_period(request.GET)
    filterset = FiguresFilter(
        data, queryset=activities_for_overview().filter(state=ActivityState.APPROVED)
    )
    figures = None
    if filterset.is_valid():
        params = [(name, str(value)) for name, value in filterset.form.cleaned_data.items()]
        figures = cached_activity_figures(filterset.qs, params=params)
    return render(
        request,
        "rolemodels/activity_dashboard.html",
        {"filter": filterset, "figures": figures, "charts": _charts(figures) if figures else {}},
    )


def _charts(figures) -> dict:
    def chart(key, title, rows):
        return bar_chart(
            id=f"chart-{key}",
            title=title,
            description=_("Number of approved activities per row; the table has the figures."),
            rows=[(row.label, row.activities) for row in rows],
            limit=24 if key == "month" else 15,
        )

    return {
        "month": chart("month", _("Activities per month"), figures.per_month),
        "municipality": chart(
            "municipality", _("Activities per municipality"), figures.per_municipality
        ),
        "theme": chart("theme", _("Activities per theme"), figures.per_theme),
        "target_group": chart(
            "target_group", _("Activities per target group"), figures.per_target_group
        ),
    }


class MatchView(PermissionRequiredMixin, FormView):
    """Coordinators planning an activity find role models who fit it."""

    permission_required = MANAGE_ROLE_MODELS
    form_class = MatchForm
    template_name = "rolemodels/match.html"

    def get_form_kwargs(self):
        return {"data": self.request.GET or None, "initial": {"date": timezone.localdate()}}

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        matches = None
        if form.is_bound and form.is_valid():
            matches = match_role_models(Need(**form.cleaned_data))
        return self.render_to_response(self.get_context_data(form=form, matches=matches))


@require_POST
@login_and_permission_required(MANAGE_ROLE_MODELS)
def activity_intervention(request, pk):
    activity = activity_get_for_user(request.user, pk)
    form = ActivityInterventionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(activity)
    services.activity_tag_intervention(
        activity=activity, intervention=form.cleaned_data["intervention"]
    )
    messages.success(request, _("The intervention delivered has been saved."))
    return redirect(activity)


@require_POST
@login_and_permission_required(MANAGE_SOCIAL_MAP)
def activity_practice_example(request, pk):
    """One step from a shareable activity to a draft practice example, then complete it."""
    activity = activity_get_for_user(request.user, pk)
    try:
        example = services.practice_example_from_activity(activity=activity, by=request.user)
    except services.ActivityError as exc:
        messages.error(request, str(exc))
        return redirect(activity)
    messages.success(request, _("A draft practice example has been made; complete it here."))
    return redirect("interventions:example-update", pk=example.pk)
