"""Enrolment: members enrol themselves, coordinators enrol others, and seats are offered on."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from polrad.accounts.decorators import login_and_permission_required
from polrad.permissions import ENROL_IN_TRAININGS, MANAGE_TRAININGS
from trainings import services
from trainings.forms import CancelForm, EnrolSomeoneForm, SelfEnrolForm, posted
from trainings.selectors import (
    can_manage_trainings,
    enrolment_get_by_token,
    enrolment_get_for_cancel,
    home_municipality,
    session_get,
)
from trainings.workflow import EnrolmentState, SessionState


def _enrolled_message(request, enrolment, *, yourself: bool) -> None:
    waiting = enrolment.state == EnrolmentState.WAITLISTED
    if yourself and waiting:
        text = _(
            "The session is full: you are on the waiting list. "
            "We will email you when a seat comes free."
        )
    elif yourself:
        text = _("You are enrolled. A confirmation is on its way to your email.")
    elif waiting:
        text = _("The session is full: %(name)s is on the waiting list.")
    else:
        text = _("%(name)s is enrolled and gets a confirmation by email.")
    messages.success(request, text if yourself else text % {"name": enrolment.full_name})


@require_POST
@login_and_permission_required(ENROL_IN_TRAININGS)
def enrol(request, pk):
    session = session_get(pk)
    user = request.user
    form = SelfEnrolForm(request.POST)
    chosen = form.cleaned_data["municipality"] if form.is_valid() else None
    try:
        enrolment = services.enrolment_create(
            session=session,
            full_name=user.full_name,
            email=user.email,
            user=user,
            municipality=chosen or home_municipality(user),
            by=user,
        )
        _enrolled_message(request, enrolment, yourself=True)
    except services.TrainingError as error:
        messages.error(request, str(error))
    return redirect(session)


@login_and_permission_required(MANAGE_TRAININGS)
def enrol_someone(request, pk):
    """A coordinator enrols a member, or an external participant by name and email."""
    session = session_get(pk)
    form = EnrolSomeoneForm(posted(request), session=session)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrolment = services.enrolment_create(
                session=session,
                full_name=data["full_name"],
                email=data["email"],
                user=data["user"],
                organisation=data.get("organisation"),
                municipality=data["municipality"],
                by=request.user,
            )
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            _enrolled_message(request, enrolment, yourself=False)
            return redirect(session)
    return render(request, "trainings/enrol_form.html", {"session": session, "form": form})


@require_POST
@login_required
def enrolment_cancel(request, pk):
    enrolment = enrolment_get_for_cancel(request.user, pk)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.enrolment_cancel(enrolment=enrolment, by=request.user, reason=reason)
        messages.success(request, _("The enrolment has been cancelled."))
    except services.TrainingError as error:
        messages.error(request, str(error))
    if request.POST.get("next") == "mine" and not can_manage_trainings(request.user):
        return redirect("trainings:mine")
    return redirect(enrolment.session)


@never_cache  # the link is the key: the page stays out of shared and browser caches
def offer(request, token):
    """Public: the link in the email is the key. GET asks to confirm, POST takes the seat."""
    enrolment = enrolment_get_by_token(token)
    if request.method == "POST":
        try:
            enrolment = services.enrolment_accept_offer(enrolment=enrolment)
        except services.TrainingError as error:
            messages.error(request, str(error))
    offer_open = (
        enrolment.state == EnrolmentState.OFFERED
        and enrolment.offer_expires_at > timezone.now()
        and enrolment.session.state == SessionState.PLANNED
    )
    context = {"enrolment": enrolment, "offer_open": offer_open}
    return render(request, "trainings/offer.html", context)
