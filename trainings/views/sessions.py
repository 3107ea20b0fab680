"""Sessions: the calendar, a session's page, planning and cancelling, iCalendar, my trainings."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from polrad import links
from polrad.accounts.decorators import login_and_permission_required
from polrad.downloads import download
from polrad.pagination import KeysetPaginationMixin
from polrad.permissions import ENROL_IN_TRAININGS, MANAGE_TRAININGS, VIEW_SOCIAL_MAP
from trainings import services
from trainings.calendar import session_ics, sessions_ics
from trainings.certificates import certificates_of
from trainings.filters import SessionFilter
from trainings.forms import SelfEnrolForm, SessionForm, posted
from trainings.models import Programme
from trainings.selectors import (
    can_manage_trainings,
    can_run_session,
    home_municipality,
    own_enrolment,
    own_enrolments,
    session_get,
    session_participants,
    sessions_of_user,
    sessions_upcoming,
)
from trainings.workflow import ACTIVE_ENROLMENT, ATTENDED, SessionState

PAGE_SIZE = 25
FEED_LIMIT = 500


class IndexView(PermissionRequiredMixin, KeysetPaginationMixin, FilterView):
    """Upcoming sessions, with filters; every member of the network may look."""

    permission_required = VIEW_SOCIAL_MAP
    filterset_class = SessionFilter
    paginate_by = PAGE_SIZE
    template_name = "trainings/index.html"
    context_object_name = "sessions"

    def get_queryset(self):
        return sessions_upcoming()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_manage=can_manage_trainings(self.request.user), **kwargs
        )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    return download(
        content, filename, content_type="text/calendar; charset=utf-8", cache="private, no-store"
    )


@login_and_permission_required(VIEW_SOCIAL_MAP)
def feed(request):
    """The upcoming sessions (as filtered on the calendar page) as one iCalendar file."""
    sessions = SessionFilter(request.GET, queryset=sessions_upcoming()).qs[:FEED_LIMIT]
    return _ics_response(sessions_ics(sessions), "trainingen.ics")


def feed_token(user) -> str:
    return links.link_token(user, "calendar-feed")


def personal_feed(request, token):
    """A member's own sessions, for calendar apps that subscribe without logging in."""
    user_pk = links.user_id_of(token, "calendar-feed")
    if user_pk is None:
        raise Http404
    user = get_object_or_404(get_user_model(), pk=user_pk, is_active=True)
    return _ics_response(sessions_ics(sessions_of_user(user)[:FEED_LIMIT]), "mijn-trainingen.ics")


@login_and_permission_required(VIEW_SOCIAL_MAP)
def session_calendar(request, pk):
    session = session_get(pk)
    return _ics_response(session_ics(session), f"training-{session.pk}.ics")


@login_and_permission_required(VIEW_SOCIAL_MAP)
def session_detail(request, pk):
    session = session_get(pk)
    user = request.user
    manage = can_manage_trainings(user)
    mine = own_enrolment(user, session)
    open_for_enrolment = session.state == SessionState.PLANNED and session.ends_at > timezone.now()
    context = {
        "session": session,
        "can_manage": manage,
        "can_run": can_run_session(user, session),
        "enrolment": mine,
        "enrolment_active": mine is not None and mine.state in ACTIVE_ENROLMENT,
        "checked_in": mine is not None and mine.attendance in ATTENDED,
        "check_in_open": services.check_in_open(session),
        "cancellable": services.cancellable(session),
        "audience_refusal": services.audience_refusal(
            session.programme, email=user.email, user=user
        ),
        "open_for_enrolment": open_for_enrolment,
        "trainers": list(session.trainers.order_by("full_name")),
        "modules": list(session.modules.order_by("order", "pk")),
    }
    context["can_enrol"] = (
        user.has_perm(ENROL_IN_TRAININGS) and open_for_enrolment and not context["audience_refusal"]
    )
    if context["can_enrol"] and not context["enrolment_active"]:
        context["self_enrol_form"] = SelfEnrolForm(
            initial={"municipality": home_municipality(user)}
        )
    if manage:
        context["participants"] = session_participants(session)
    return render(request, "trainings/session_detail.html", context)


def _session_form(request, programme, session=None):
    form = SessionForm(
        posted(request),
        instance=session,
        programme=programme,
        initial={"capacity": 20} if session is None else None,
    )
    if request.method == "POST" and form.is_valid():
        session = services.session_save(
            session=form.save(commit=False),
            trainers=form.cleaned_data["trainers"],
            modules=form.cleaned_data["modules"],
        )
        messages.success(request, _("The session has been saved."))
        return redirect(session)
    context = {"form": form, "programme": programme, "session": session}
    return render(request, "trainings/session_form.html", context)


@login_and_permission_required(MANAGE_TRAININGS)
def session_create(request, pk):
    return _session_form(request, get_object_or_404(Programme, pk=pk))


@login_and_permission_required(MANAGE_TRAININGS)
def session_update(request, pk):
    session = session_get(pk)
    if session.state != SessionState.PLANNED:
        messages.error(request, _("Only a planned session can be changed."))
        return redirect(session)
    return _session_form(request, session.programme, session)


@require_POST
@login_and_permission_required(MANAGE_TRAININGS)
def session_cancel(request, pk):
    session = session_get(pk)
    try:
        services.session_transition(session=session, to=SessionState.CANCELLED)
        messages.success(request, _("The session has been cancelled; participants get an email."))
    except services.TrainingError as error:
        messages.error(request, str(error))
    return redirect(session)


def certificate_url_name() -> str | None:
    """The certificate download route, once the certificates area provides it."""
    try:
        reverse("trainings:certificate-download", args=[1])
    except NoReverseMatch:
        return None
    return "trainings:certificate-download"


@login_required
def my_trainings(request):
    now = timezone.now()
    enrolments = list(own_enrolments(request.user))
    upcoming = [e for e in enrolments if e.session.ends_at >= now]
    past = [e for e in reversed(enrolments) if e.session.ends_at < now]
    context = {
        "upcoming": upcoming,
        "past": past,
        "certificates": list(certificates_of(request.user)),
        "certificate_url": certificate_url_name(),
        "feed_url": request.build_absolute_uri(
            reverse("trainings:personal-feed", args=[feed_token(request.user)])
        ),
    }
    return render(request, "trainings/my_trainings.html", context)


# This module gathers the routes of the whole programmes-and-sessions area.
