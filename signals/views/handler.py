"""The handler's side: the work queue and a concern's file; and the aggregates for staff."""

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from network.selectors import guidance_for_concern
from polrad.accounts.decorators import login_and_permission_required
from polrad.accounts.mixins import AnyPermissionRequiredMixin
from polrad.downloads import as_download, download, download_name
from polrad.pagination import KeysetPaginationMixin
from polrad.permissions import HANDLE_CONCERNS, VIEW_MUNICIPAL_REPORTS
from signals import exports, pdf, retention, satisfaction, selectors, services, stats
from signals.filters import WorkQueueFilter
from signals.forms import (
    ActionForm,
    AssignForm,
    ConferenceForm,
    FiguresForm,
    NoteForm,
    ReferralForm,
    RetainForm,
    TransitionForm,
    casework_forms,
)
from signals.models import AccessLog
from signals.trends import suppression_note
from signals.workflow import State


class WorkQueueView(AnyPermissionRequiredMixin, KeysetPaginationMixin, FilterView):
    permission_required = (HANDLE_CONCERNS,)
    filterset_class = WorkQueueFilter
    template_name = "signals/queue.html"
    context_object_name = "concerns"
    paginate_by = 25

    def get_queryset(self):
        return selectors.work_queue(self.request.user, self.request.GET.get("view", ""))

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(current=self.request.GET.get("view", ""), **kwargs)
        if context["current"] == "retention":  # when each one's content is wiped
            for concern in context["concerns"]:
                concern.retention_ends = retention.retention_end(concern)
        return context


@login_and_permission_required(HANDLE_CONCERNS)
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
    return as_download(response, download_name("meldingen", "csv"))


def _detail(request, concern, *, bound: dict | None = None, status: int = 200):
    """The concern's page; `bound` puts a form that failed in place of its empty one, so
    that the handler keeps what they typed."""
    forms = {
        "form": TransitionForm(concern=concern),
        "note_form": NoteForm(),
        "retain_form": RetainForm() if concern.state == State.CLOSED else None,
        **casework_forms(concern),
    }
    context = {
        "concern": concern,
        "transitions": concern.transitions.select_related("actor"),
        **forms,
        **(bound or {}),
        "conferences": selectors.conferences_of(concern),
        "guidance": guidance_for_concern(
            request.user,
            form_id=concern.category.polarisation_form_id,
            municipality=concern.municipality_id,
        ),
        "satisfaction": satisfaction.latest_answer(concern),
        "actions": concern.actions.select_related("owner"),
        "referrals": concern.referrals.select_related("organisation"),
        "retention_end": retention.retention_end(concern),
        "notes": concern.notes.select_related("author"),
        "show_names": concern.assigned_to_id == request.user.pk,
    }
    return render(request, "signals/detail.html", context, status=status)


@login_and_permission_required(HANDLE_CONCERNS)
def concern_detail(request, pk):
    return _detail(request, selectors.concern_get_for_handler(request.user, pk))


def _handler_post(request, pk, *, form_class, key, action, success, reason: str, with_concern=True):
    """Post a form about a concern: validate, call the service, say how it went, go back.

    Refused (bad input, or the concern changed meanwhile, e.g. a colleague closed it): the
    page again with the reason and the form as it was sent, so nothing typed is lost.
    """
    concern = selectors.concern_get_for_handler(request.user, pk, reason=reason)
    kwargs = {"concern": concern} if with_concern else {}
    form = form_class(request.POST, **kwargs)
    if not form.is_valid():
        return _detail(request, concern, bound={key: form}, status=400)
    try:
        result = action(concern, form.cleaned_data)
    except services.TransitionError as exc:
        messages.error(request, str(exc))
        messages.info(request, _("Nothing was saved; what you entered is still in the form."))
        concern.refresh_from_db()
        return _detail(request, concern, bound={key: form}, status=409)
    messages.success(request, success(result) if callable(success) else success)
    return redirect("signals:detail", pk=concern.pk)


@sensitive_post_parameters()  # never in error reports: concern content
@require_POST
@login_and_permission_required(HANDLE_CONCERNS)
def concern_move(request, pk):
    return _handler_post(
        request,
        pk,
        form_class=TransitionForm,
        key="form",
        reason="transition",
        action=lambda concern, data: services.concern_transition(
            concern=concern,
            to=data["to"],
            by=request.user,
            reason=data["reason"],
            outcome=data.get("outcome", ""),
            outcome_text=data.get("outcome_text", ""),
        ),
        success=lambda moved: (
            _("The concern is now “%(state)s”.") % {"state": moved.get_state_display()}
        ),
    )


@require_POST
@login_and_permission_required(HANDLE_CONCERNS)
def concern_take(request, pk):
    concern = selectors.concern_get_for_handler(request.user, pk, reason="take")
    try:
        services.concern_assign(concern=concern, handler=request.user, by=request.user)
        messages.success(request, _("You now handle this concern."))
    except services.TransitionError as exc:
        messages.error(request, str(exc))
    return redirect("signals:detail", pk=concern.pk)


@sensitive_post_parameters()  # never in error reports: concern content
@require_POST
@login_and_permission_required(HANDLE_CONCERNS)
def concern_note(request, pk):
    return _handler_post(
        request,
        pk,
        form_class=NoteForm,
        key="note_form",
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
@login_and_permission_required(HANDLE_CONCERNS)
def concern_retain(request, pk):
    return _handler_post(
        request,
        pk,
        form_class=RetainForm,
        key="retain_form",
        with_concern=False,
        reason="retention",
        action=lambda concern, data: services.concern_retain(
            concern=concern, until=data["until"], reason=data["reason"], by=request.user
        ),
        success=_("The concern will be kept longer."),
    )


@sensitive_post_parameters()  # never in error reports: concern content
@require_POST
@login_and_permission_required(HANDLE_CONCERNS)
def concern_conference(request, pk):
    return _handler_post(
        request,
        pk,
        form_class=ConferenceForm,
        key="conference_form",
        reason="case conference",
        action=lambda concern, data: services.conference_record(
            concern=concern,
            by=request.user,
            held_on=data["held_on"],
            organisations=data["organisations"],
            decisions=data["decisions"],
            interventions=data["interventions"],
        ),
        success=_("The case conference has been recorded."),
    )


@sensitive_post_parameters()  # never in error reports: concern content
@require_POST
@login_and_permission_required(HANDLE_CONCERNS)
def concern_action(request, pk):
    return _handler_post(
        request,
        pk,
        form_class=ActionForm,
        key="action_form",
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
@login_and_permission_required(HANDLE_CONCERNS)
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
@login_and_permission_required(HANDLE_CONCERNS)
def concern_refer(request, pk):
    return _handler_post(
        request,
        pk,
        form_class=ReferralForm,
        key="referral_form",
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


@login_and_permission_required(HANDLE_CONCERNS)
def concern_pdf(request, pk):
    concern = selectors.concern_get_for_handler(
        request.user, pk, action=AccessLog.Action.PDF, reason="PDF"
    )
    content = pdf.concern_pdf(concern=concern, viewer=request.user, generated_at=timezone.now())
    filename = f"melding-{concern.reference}.pdf"
    return download(content, filename, content_type="application/pdf", inline=True)


@login_and_permission_required(VIEW_MUNICIPAL_REPORTS)
def concern_figures(request):
    """Aggregates only, with small counts suppressed: for coordinators and municipal staff."""
    allowed = stats.municipalities_for_figures(request.user)
    periods = stats.figure_periods()
    data = request.GET.copy()
    data.setdefault("period", periods["quarters"][0].key)
    form = FiguresForm(data, municipalities=allowed, periods=periods)
    figures = None
    if form.is_valid():
        figures = stats.concern_figures(
            municipalities=stats.places_for_figures(
                request.user, allowed, form.cleaned_data["municipality"]
            ),
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
@login_and_permission_required(HANDLE_CONCERNS)
def concern_assign(request, pk):
    return _handler_post(
        request,
        pk,
        form_class=AssignForm,
        key="assign_form",
        reason="assign",
        action=lambda concern, data: services.concern_assign(
            concern=concern, handler=data["handler"], by=request.user
        ),
        success=lambda concern: (
            _("%(name)s now handles this concern.") % {"name": concern.assigned_to}
        ),
    )
