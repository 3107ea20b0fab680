"""Mentors and mentorships: the coordinator's board, mentorship pages, meetings from a phone."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from polrad.accounts.decorators import login_and_permission_required
from polrad.permissions import MANAGE_ROLE_MODELS
from rolemodels.mentoring import services
from rolemodels.mentoring.forms import EndForm, HandOverForm, MeetingForm, MentorshipForm
from rolemodels.mentoring.selectors import (
    can_manage_mentorships,
    is_own_mentorship,
    mentor_board,
    mentors_for_board,
    mentorship_coaching,
    mentorship_get_for_page,
    mentorship_get_for_user,
    mentorship_history,
    mentorship_meetings,
    mentorships_for_list,
    quiet,
    quiet_mentor_ids,
)

BOARD_PAGE_SIZE = 50
MEETINGS_PER_PAGE = 20


class MentorBoardView(PermissionRequiredMixin, ListView):
    """Every active or paused mentor, with active mentorships and the last meeting."""

    permission_required = MANAGE_ROLE_MODELS
    paginate_by = BOARD_PAGE_SIZE
    template_name = "rolemodels/mentor_board.html"

    def get_queryset(self):
        return mentors_for_board(only_quiet=bool(self.request.GET.get("quiet")))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        only_quiet = bool(self.request.GET.get("quiet"))
        context["rows"] = mentor_board(context["object_list"])
        context["quiet_weeks"] = settings.MENTOR_QUIET_WEEKS
        context["only_quiet"] = only_quiet
        # The full board links to the quiet mentors with their number; the quiet board
        # links back instead and has the number as its own count.
        context["quiet_count"] = None if only_quiet else quiet_mentor_ids().count()
        return context


class MentorshipListView(ListView):
    """A mentor's own mentorships, a coach's, or all of them for coordinators."""

    paginate_by = BOARD_PAGE_SIZE
    template_name = "rolemodels/mentorship_list.html"
    context_object_name = "mentorships"

    def get_queryset(self):
        mentorships = mentorships_for_list(self.request.user)
        return quiet(mentorships) if self.request.GET.get("quiet") else mentorships

    def get_context_data(self, **kwargs):
        only_quiet = bool(self.request.GET.get("quiet"))
        weeks = settings.MENTOR_QUIET_WEEKS
        return super().get_context_data(only_quiet=only_quiet, quiet_weeks=weeks, **kwargs)


mentorship_list = login_required(MentorshipListView.as_view())


@login_and_permission_required(MANAGE_ROLE_MODELS)
def mentorship_create(request):
    initial = {"mentor": request.GET.get("mentor")} if request.GET.get("mentor") else {}
    form = MentorshipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "mentor"}
        try:
            mentorship = services.mentorship_start(
                mentor=form.cleaned_data["mentor"], data=data, by=request.user
            )
        except services.MentorshipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The mentorship has been opened; the mentor is told."))
            return redirect(mentorship)
    return render(request, "rolemodels/mentorship_form.html", {"form": form})


class CountedPaginator(Paginator):
    """A paginator told the number of items (read with the object it belongs to)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


@login_required
def mentorship_detail(request, pk):
    mentorship = mentorship_get_for_page(request.user, pk)
    manager = can_manage_mentorships(request.user)
    own = is_own_mentorship(request.user, mentorship)
    meetings = CountedPaginator(
        mentorship_meetings(mentorship), MEETINGS_PER_PAGE, count=mentorship.meeting_count
    )
    context = {
        "mentorship": mentorship,
        "page_obj": meetings.get_page(request.GET.get("page")),
        "history": mentorship_history(mentorship),
        "coaching": mentorship_coaching(request.user, mentorship),
        "is_own": own,
        "can_manage": manager,
        "end_form": EndForm() if mentorship.is_active and (own or manager) else None,
        # The choice of a new mentor (every active mentor) has a page of its own.
        "can_hand_over": mentorship.is_active and manager,
    }
    return render(request, "rolemodels/mentorship_detail.html", context)


@login_required
def meeting_create(request, pk):
    mentorship = mentorship_get_for_user(request.user, pk)
    if not (is_own_mentorship(request.user, mentorship) and mentorship.is_active):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_log(mentorship=mentorship, data=form.cleaned_data, by=request.user)
        except services.MentorshipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The meeting has been logged."))
            return redirect(mentorship)
    return render(request, "rolemodels/meeting_form.html", {"form": form, "mentorship": mentorship})


@require_POST
@login_required
def mentorship_end(request, pk):
    mentorship = mentorship_get_for_user(request.user, pk)
    if not (is_own_mentorship(request.user, mentorship) or can_manage_mentorships(request.user)):
        raise PermissionDenied
    form = EndForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(mentorship)
    try:
        services.mentorship_end(mentorship=mentorship, by=request.user, **form.cleaned_data)
        messages.success(request, _("The mentorship has been ended."))
    except services.MentorshipError as exc:
        messages.error(request, str(exc))
    return redirect(mentorship)


@login_and_permission_required(MANAGE_ROLE_MODELS)
def mentorship_hand_over(request, pk):
    mentorship = mentorship_get_for_user(request.user, pk)
    if not mentorship.is_active:
        messages.error(request, _("This mentorship has ended."))
        return redirect(mentorship)
    form = HandOverForm(request.POST or None, mentorship=mentorship)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentorship_hand_over(
                mentorship=mentorship, to=form.cleaned_data["to"], by=request.user
            )
        except services.MentorshipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The mentorship has been handed over."))
            return redirect(mentorship)
    context = {"form": form, "mentorship": mentorship}
    return render(request, "rolemodels/mentorship_hand_over.html", context)
