"""Attendance: the trainer ticks off participants, or participants check in with a code."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trainings import services
from trainings.forms import AttendanceForm, CheckInForm, WalkInForm, posted
from trainings.selectors import attendance_list, own_enrolment, session_get, session_get_to_run


@login_required
def attendance(request, pk):
    """A phone-friendly list of who holds a seat; one choice per person, saved at once."""
    session = session_get_to_run(request.user, pk)
    form = AttendanceForm(posted(request), enrolments=attendance_list(session))
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.attendance_record(
                session=session, marks=form.marks(), by=request.user
            )
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The attendance has been saved."))
            if issued:
                messages.info(request, _certificates_message(len(issued)))
            return redirect("trainings:attendance", pk=session.pk)
    context = {"session": session, "form": form, "walk_ins_open": services.walk_ins_open(session)}
    return render(request, "trainings/attendance.html", context)


def _certificates_message(count: int) -> str:
    return ngettext(
        "%(count)d participant completed the programme and received a certificate.",
        "%(count)d participants completed the programme and received a certificate.",
        count,
    ) % {"count": count}


@login_required
def check_in(request, pk):
    """Participants type the code shown at the session; it works only while it takes place."""
    session = session_get(pk)
    form = CheckInForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_check_in(
                session=session, code=form.cleaned_data["code"], user=request.user
            )
        except services.TrainingError as error:
            form.add_error("code", str(error))
        else:
            messages.success(request, _("You are checked in. Welcome!"))
            return redirect(session)
    context = {
        "session": session,
        "form": form,
        "enrolment": own_enrolment(request.user, session),
        "check_in_open": services.check_in_open(session),
        "check_in_opens": services.check_in_window(session)[0],
        "now": timezone.now(),
    }
    return render(request, "trainings/check_in.html", context)


@login_required
def walk_in(request, pk):
    """A trainer or coordinator adds someone who was there without a seat (see the rule in
    `services.walk_in_record`)."""
    session = session_get_to_run(request.user, pk)
    form = WalkInForm(posted(request), session=session)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrolment, issued = services.walk_in_record(
                session=session,
                full_name=data["full_name"],
                email=data["email"],
                attendance=data["attendance"],
                user=data["user"],
                organisation=data.get("organisation"),
                municipality=data["municipality"],
                by=request.user,
            )
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s has been added as: %(attendance)s.")
                % {"name": enrolment.full_name, "attendance": enrolment.get_attendance_display()},
            )
            if issued:
                messages.info(request, _certificates_message(len(issued)))
            return redirect("trainings:attendance", pk=session.pk)
    context = {"session": session, "form": form, "walk_in_days": services.WALK_IN_DAYS}
    return render(request, "trainings/walk_in.html", context)
