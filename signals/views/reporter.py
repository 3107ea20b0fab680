"""The reporter's side: report a concern step by step, follow it, answer, set trend updates."""

import uuid

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import ListView, TemplateView

from polrad.accounts.decorators import login_and_permission_required
from polrad.accounts.mixins import AnyPermissionRequiredMixin
from polrad.accounts.models import User
from polrad.clients import over_rate_limit
from polrad.permissions import HANDLE_CONCERNS, SUBMIT_CONCERNS
from signals import digests, origins, satisfaction, selectors
from signals.models import TrendSubscription
from signals.views.permissions import RATE_LIMIT, RATE_WINDOW
from signals.workflow import REPORTER_STEP


class IndexView(AnyPermissionRequiredMixin, TemplateView):
    """Handlers start at their work queue, reporters at their own reports."""

    permission_required = (SUBMIT_CONCERNS, HANDLE_CONCERNS)

    def get(self, request, *args, **kwargs):
        if selectors.can_handle_concerns(request.user):
            return redirect("signals:queue")
        return redirect("signals:my-reports")


@login_and_permission_required(SUBMIT_CONCERNS)
def report_start(request):
    return render(request, "signals/report_start.html")


@login_and_permission_required(SUBMIT_CONCERNS)
def report_acute(request):
    return render(request, "signals/report_acute.html")


@sensitive_post_parameters()  # never in error reports: concern content
@never_cache
@login_and_permission_required(SUBMIT_CONCERNS)
def report_form(request):
    """Fill in, review, send: the review is the same form with hidden fields, so nothing of
    the content is kept on the server before the reporter sends it."""
    step = request.POST.get("step", "edit") if request.method == "POST" else "edit"
    initial = origins.initial_from(request.GET, request.user)
    form = origins.EyesConcernForm(request.POST or None, user=request.user, initial=initial)
    key = request.POST.get("submission_key") or str(uuid.uuid4())
    context = {"form": form, "submission_key": key}
    if step in ("review", "send") and form.is_valid():
        if step == "review":
            return render(request, "signals/report_review.html", context)
        if over_rate_limit(
            f"signals:submit:{request.user.pk}", limit=RATE_LIMIT, window=RATE_WINDOW
        ):
            messages.error(request, _("You sent many reports in a short time. Try again later."))
            return render(request, "signals/report_form.html", context, status=429)
        concern = origins.concern_submit_from(
            reporter=request.user, form=form, submission_key=_uuid(key)
        )
        return redirect("signals:receipt", pk=concern.pk)
    # Back from the review ("edit") the form is bound to valid data: it shows no errors.
    return render(request, "signals/report_form.html", context)


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@login_and_permission_required(SUBMIT_CONCERNS)
def report_receipt(request, pk):
    concern = selectors.concern_get_for_reporter(request.user, pk)
    return render(request, "signals/receipt.html", {"concern": concern})


class MyReportsView(AnyPermissionRequiredMixin, ListView):
    permission_required = (SUBMIT_CONCERNS,)
    template_name = "signals/my_reports.html"
    context_object_name = "concerns"
    paginate_by = 25

    def get_queryset(self):
        return selectors.concerns_reported_by(self.request.user).select_related(
            "category", "municipality"
        )


@login_and_permission_required(SUBMIT_CONCERNS)
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


class TrendSettingsForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often do you want the trend update?"),
        choices=TrendSubscription.Frequency.choices,
        widget=forms.RadioSelect,
    )


@login_and_permission_required(SUBMIT_CONCERNS)
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
