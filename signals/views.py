"""Concerns: professionals report and follow them; handlers work on them."""

import uuid

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django.views.generic import ListView, TemplateView
from django_filters.views import FilterView

from network.exports import export_filename
from polrad.accounts.decorators import login_and_permission_required
from polrad.accounts.mixins import AnyPermissionRequiredMixin
from polrad.accounts.models import User
from signals import digests, exports, pdf, retention, satisfaction, selectors, services, stats
from signals.filters import WorkQueueFilter
from signals.forms import (
    ActionForm,
    AssignForm,
    ConcernForm,
    ConferenceForm,
    FiguresForm,
    NoteForm,
    ReferralForm,
    RetainForm,
    TransitionForm,
)
from signals.models import AccessLog, TrendSubscription
from signals.trends import suppression_note
from signals.workflow import ALLOWED_TRANSITIONS, REPORTER_STEP, State

SUBMIT = "accounts.submit_concerns"
HANDLE = "accounts.handle_concerns"
# A professional reports now and then; more than this in an hour is a mistake or abuse.
RATE_LIMIT = 10
RATE_WINDOW = 3600


class IndexView(AnyPermissionRequiredMixin, TemplateView):
    """Handlers start at their work queue, reporters at their own reports."""

    permission_required = (SUBMIT, HANDLE)

    def get(self, request, *args, **kwargs):
        if selectors.can_handle_concerns(request.user):
            return redirect("signals:queue")
        return redirect("signals:my-reports")


@login_and_permission_required(SUBMIT)
def report_start(request):
    return render(request, "signals/report_start.html")


@login_and_permission_required(SUBMIT)
def report_acute(request):
    return render(request, "signals/report_acute.html")


def _over_rate_limit(user) -> bool:
    key = f"signals:submit:{user.pk}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        return cache.incr(key) > RATE_LIMIT
    except ValueError:
        cache.set(key, 1, RATE_WINDOW)
        return False


@sensitive_post_parameters()  # never in error reports: concern content
@never_cache
@login_and_permission_required(SUBMIT)
def report_form(request):
    """Fill in, review, send: the review is the same form with hidden fields, so nothing of
    the content is kept on the server before the reporter sends it."""
    step = request.POST.get("step", "edit") if request.method == "POST" else "edit"
    form = ConcernForm(request.POST or None)
    key = request.POST.get("submission_key") or str(uuid.uuid4())
    context = {"form": form, "submission_key": key}
    if step in ("review", "send") and form.is_valid():
        if step == "review":
            return render(request, "signals/report_review.html", context)
        if _over_rate_limit(request.user):
            messages.error(request, _("You sent many reports in a short time. Try again later."))
            return render(request, "signals/report_form.html", context, status=429)
        concern = services.concern_submit(
            reporter=request.user, data=form.cleaned_data, submission_key=_uuid(key)
        )
        return redirect("signals:receipt", pk=concern.pk)
    # Back from the review ("edit") the form is bound to valid data: it shows no errors.
    return render(request, "signals/report_form.html", context)


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@login_and_permission_required(SUBMIT)
def report_receipt(request, pk):
    concern = selectors.concern_get_for_reporter(request.user, pk)
    return render(request, "signals/receipt.html", {"concern": concern})


class MyReportsView(AnyPermissionRequiredMixin, ListView):
    permission_required = (SUBMIT,)
    template_name = "signals/my_reports.html"
    context_object_name = "concerns"
    paginate_by = 25

    def get_queryset(self):
        return selectors.concerns_reported_by(self.request.user).select_related(
            "category", "municipality"
        )


@login_and_permission_required(SUBMIT)
def my_report(request, pk):
    """The reporter's view: a graded timeline of states, never internal notes or names."""
    concern = selectors.concern_get_for_reporter(request.user, pk)
    timeline = [
        {"step": REPORTER_STEP[row.to_state], "at": row.created_at}
        for row in concern.transitions.order_by("created_at", "pk")
    ]
    messages_to_reporter = concern.notes.filter(to_reporter=True)
    return render(
        request,
        "signals/my_report.html",
        {"concern": concern, "timeline": timeline, "messages_to_reporter": messages_to_reporter},
    )


class WorkQueueView(AnyPermissionRequiredMixin, FilterView):
    permission_required = (HANDLE,)
    filterset_class = WorkQueueFilter
    template_name = "signals/queue.html"
    context_object_name = "concerns"
    paginate_by = 25

    def get_queryset(self):
        return selectors.work_queue(self.request.user, self.request.GET.get("view", ""))

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(current=self.request.GET.get("view", ""), **kwargs)


@login_and_permission_required(HANDLE)
def concern_export(request):
    """The filtered work queue as CSV: facts only; each concern exported is logged."""
    view = request.GET.get("view", "")
    queue = WorkQueueFilter(
        request.GET, queryset=selectors.work_queue(request.user, view), user=request.user
    )
    try:
        rows = exports.concerns_export(concerns=queue.qs, user=request.user)
    except ValueError:
        messages.error(
            request,
            _("More than %(limit)s concerns: narrow the filters and export again.")
            % {"limit": exports.EXPORT_LIMIT},
        )
        return redirect(f"{reverse('signals:queue')}?{request.GET.urlencode()}")
    response = StreamingHttpResponse(
        exports.concerns_csv(rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{export_filename("meldingen", "csv")}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_and_permission_required(HANDLE)
def concern_detail(request, pk):
    concern = selectors.concern_get_for_handler(request.user, pk)
    return render(
        request,
        "signals/detail.html",
        {
            "concern": concern,
            "transitions": concern.transitions.select_related("actor"),
            "form": TransitionForm(concern=concern),
            "note_form": NoteForm(),
            "retain_form": RetainForm() if concern.state == State.CLOSED else None,
            "conference_form": ConferenceForm(concern=concern) if concern.is_open else None,
            "action_form": ActionForm(concern=concern) if concern.is_open else None,
            "assign_form": AssignForm(concern=concern) if concern.is_open else None,
            "referral_form": ReferralForm(concern=concern)
            if State.REFERRED in ALLOWED_TRANSITIONS[concern.state]
            else None,
            "conferences": concern.conferences.prefetch_related("organisations"),
            "satisfaction": satisfaction.latest_answer(concern),
            "actions": concern.actions.select_related("owner"),
            "referrals": concern.referrals.select_related("organisation"),
            "retention_end": retention.retention_end(concern),
            "notes": concern.notes.select_related("author"),
            "show_names": concern.assigned_to_id == request.user.pk,
        },
    )


@sensitive_post_parameters()  # never in error reports: concern content
@require_POST
@login_and_permission_required(HANDLE)
def concern_move(request, pk):
    concern = selectors.concern_get_for_handler(request.user, pk, reason="transition")
    form = TransitionForm(request.POST, concern=concern)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("signals:detail", pk=concern.pk)
    try:
        moved = services.concern_transition(
            concern=concern,
            to=form.cleaned_data["to"],
            by=request.user,
            reason=form.cleaned_data["reason"],
            outcome=form.cleaned_data.get("outcome", ""),
            outcome_text=form.cleaned_data.get("outcome_text", ""),
        )
    except services.TransitionError as exc:
        messages.error(request, str(exc))
        return redirect("signals:detail", pk=concern.pk)
    messages.success(
        request, _("The concern is now “%(state)s”.") % {"state": moved.get_state_display()}
    )
    return redirect("signals:detail", pk=concern.pk)


@require_POST
@login_and_permission_required(HANDLE)
def concern_take(request, pk):
    concern = selectors.concern_get_for_handler(request.user, pk, reason="take")
    try:
        services.concern_assign(concern=concern, handler=request.user, by=request.user)
        messages.success(request, _("You now handle this concern."))
    except services.TransitionError as exc:
        messages.error(request, str(exc))
    return redirect("signals:detail", pk=concern.pk)


def _handler_post(request, pk, *, form_class, action, success, reason: str, with_concern=True):
    """Post a form about a concern: validate, call the service, say how it went, go back."""
    concern = selectors.concern_get_for_handler(request.user, pk, reason=reason)
    kwargs = {"concern": concern} if with_concern else {}
    form = form_class(request.POST, **kwargs)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("signals:detail", pk=concern.pk)
    try:
        result = action(concern, form.cleaned_data)
    except services.TransitionError as exc:
        messages.error(request, str(exc))
        return redirect("signals:detail", pk=concern.pk)
    messages.success(request, success(result) if callable(success) else success)
    return redirect("signals:detail", pk=concern.pk)


@sensitive_post_parameters()  # never in error reports: concern content
@require_POST
@login_and_permission_required(HANDLE)
def concern_note(request, pk):
    return _handler_post(
        request,
        pk,
        form_class=NoteForm,
        with_concern=False,
        reason="note",
        action=lambda concern, data: services.concern_note_add(
            concern=concern, by=request.user, text=data["text"], to_reporter=data["to_reporter"]
        ),
        success=lambda note: (
            _("Your message has been sent to the reporter.")
            if note.to_reporter
            else _("Your note has been saved.")
        ),
    )


@sensitive_post_parameters()  # never in error reports: concern content
@require_POST
@login_and_permission_required(HANDLE)
def concern_retain(request, pk):
    return _handler_post(
        request,
        pk,
        form_class=RetainForm,
        with_concern=False,
        reason="retention",
        action=lambda concern, data: services.concern_retain(
            concern=concern, until=data["until"], reason=data["reason"], by=request.user
        ),
        success=_("The concern will be kept longer."),
    )


@sensitive_post_parameters()  # never in error reports: concern content
@require_POST
@login_and_permission_required(HANDLE)
def concern_conference(request, pk):
    return _handler_post(
        request,
        pk,
        form_class=ConferenceForm,
        reason="case conference",
        action=lambda concern, data: services.conference_record(
            concern=concern,
            by=request.user,
            held_on=data["held_on"],
            organisations=data["organisations"],
            decisions=data["decisions"],
        ),
        success=_("The case conference has been recorded."),
    )


@sensitive_post_parameters()  # never in error reports: concern content
@require_POST
@login_and_permission_required(HANDLE)
def concern_action(request, pk):
    return _handler_post(
        request,
        pk,
        form_class=ActionForm,
        reason="follow-up action",
        action=lambda concern, data: services.action_add(
            concern=concern,
            by=request.user,
            description=data["description"],
            owner=data["owner"],
            due_on=data["due_on"],
        ),
        success=_("The action has been added."),
    )


@sensitive_post_parameters()  # never in error reports: concern content
@require_POST
@login_and_permission_required(HANDLE)
def concern_action_done(request, pk, action_pk):
    concern = selectors.concern_get_for_handler(request.user, pk, reason="follow-up action")
    action = get_object_or_404(concern.actions, pk=action_pk)
    try:
        services.action_complete(action=action, by=request.user)
        messages.success(request, _("The action is done."))
    except services.TransitionError as exc:
        messages.error(request, str(exc))
    return redirect("signals:detail", pk=concern.pk)


@sensitive_post_parameters()  # never in error reports: concern content
@require_POST
@login_and_permission_required(HANDLE)
def concern_refer(request, pk):
    return _handler_post(
        request,
        pk,
        form_class=ReferralForm,
        reason="referral",
        action=lambda concern, data: services.concern_refer(
            concern=concern,
            by=request.user,
            organisation=data["organisation"],
            shared=data["shared"],
            reason=data["reason"],
        ),
        success=_("The concern has been referred."),
    )


class TrendSettingsForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often do you want the trend update?"),
        choices=TrendSubscription.Frequency.choices,
        widget=forms.RadioSelect,
    )


@login_and_permission_required(SUBMIT)
def trend_settings(request):
    current = getattr(request.user, "trend_subscription", None)
    initial = {"frequency": current.frequency if current else TrendSubscription.Frequency.MONTHLY}
    form = TrendSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        digests.trend_subscription_set(user=request.user, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Your choice has been saved."))
        return redirect("signals:trend-settings")
    return render(request, "signals/trend_settings.html", {"form": form})


@csrf_exempt  # RFC 8058 one-click: the mail client posts without a CSRF token; the signed
@never_cache  # token in the address is the proof, and it only turns the updates off.
def unsubscribe(request, token):
    user_id = digests.user_id_from_token(token)
    if user_id is None or not User.objects.filter(pk=user_id).exists():
        return render(request, "signals/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        digests.trend_subscription_set(
            user=User.objects.get(pk=user_id), frequency=TrendSubscription.Frequency.OFF
        )
        return render(request, "signals/unsubscribe.html", {"done": True})
    return render(request, "signals/unsubscribe.html", {"token": token})


class SatisfactionForm(forms.Form):
    satisfied = forms.TypedChoiceField(
        label=_("Were you satisfied with how your report was handled?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("Would you like to explain? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("If you are not satisfied, the handlers will look at your report again."),
    )


@sensitive_post_parameters()  # never in error reports: concern content
@never_cache
def satisfaction_question(request, token):
    """Open to the link's holder without logging in: the signed token is the proof."""
    concern = satisfaction.concern_from_token(token)
    if concern is None:
        return render(request, "signals/satisfaction.html", {"invalid": True}, status=400)
    if satisfaction.latest_answer(concern) is not None:
        return render(request, "signals/satisfaction.html", {"already": True, "concern": concern})
    # The email's yes and no links choose the answer; sending it is one click on this page.
    initial = {"satisfied": request.GET.get("antwoord")}
    form = SatisfactionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            satisfaction.satisfaction_answer(
                concern=concern,
                satisfied=form.cleaned_data["satisfied"],
                comment=form.cleaned_data["comment"],
            )
        except satisfaction.AlreadyAnswered:  # the first answer about this closing counts
            return render(
                request, "signals/satisfaction.html", {"already": True, "concern": concern}
            )
        return render(request, "signals/satisfaction.html", {"done": True, "concern": concern})
    return render(request, "signals/satisfaction.html", {"form": form, "concern": concern})


@login_and_permission_required(HANDLE)
def concern_pdf(request, pk):
    concern = selectors.concern_get_for_handler(
        request.user, pk, action=AccessLog.Action.PDF, reason="PDF"
    )
    content = pdf.concern_pdf(concern=concern, viewer=request.user, generated_at=timezone.now())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="melding-{concern.reference}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_and_permission_required("accounts.view_municipal_reports")
def concern_figures(request):
    """Aggregates only, with small counts suppressed: for coordinators and municipal staff."""
    allowed = stats.municipalities_for_figures(request.user)
    periods = stats.figure_periods()
    data = request.GET.copy()
    data.setdefault("period", periods["quarters"][0].key)
    form = FiguresForm(data, municipalities=allowed, periods=periods)
    figures = None
    if form.is_valid():
        chosen = form.cleaned_data["municipality"]
        figures = stats.concern_figures(
            municipalities=allowed.filter(pk=chosen.pk) if chosen else allowed,
            period=form.cleaned_data["period"],
        )
    context = {
        "form": form,
        "figures": figures,
        "suppression_note": suppression_note(),
    }
    return render(request, "signals/figures.html", context)


@sensitive_post_parameters()
@require_POST
@login_and_permission_required(HANDLE)
def concern_assign(request, pk):
    return _handler_post(
        request,
        pk,
        form_class=AssignForm,
        reason="assign",
        action=lambda concern, data: services.concern_assign(
            concern=concern, handler=data["handler"], by=request.user
        ),
        success=lambda concern: (
            _("%(name)s now handles this concern.") % {"name": concern.assigned_to}
        ),
    )
