"""What the role-model app's emails say; polrad.mail renders and sends them.

Event messages go out once each: a role model hears that an activity was returned (with the
coordinator's comment) or approved; a mentor that a mentorship was assigned (no details of
the mentee, a link to log in). Their ledger row (RoleModelEmail, one per event) is written
with polrad.ledger in the transaction that sends, so a repeated task sends nothing.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse

from polrad import ledger, mail
from rolemodels.mentoring.models import Mentorship, RoleModelEmail
from rolemodels.models import Activity, ActivityEvent, RoleModel
from rolemodels.workflow import ActivityState


def application_confirmation(role_model) -> EmailMessage:
    """To a candidate: the application arrived, and what happens next."""
    context = {"role_model": role_model}
    return mail.render("rolemodels/email/confirmation", context, to=[role_model.email])


def stuck_reminder(*, coordinator, counts: dict, candidates) -> EmailMessage:
    """To a coordinator: the candidates stuck in one stage of the recruitment too long."""
    context = {
        "coordinator": coordinator,
        "reminder": counts,
        "candidates": candidates,
        "stuck_days": settings.ROLE_MODEL_STUCK_DAYS,
        "board_url": settings.SITE_URL + reverse("rolemodels:index"),
    }
    return mail.render("rolemodels/email/stuck", context, to=[coordinator.email])


def _send_once(key: str, template: str, context: dict, to: str) -> bool:
    with transaction.atomic():
        if ledger.record_once(RoleModelEmail, key=key) is None:
            return False
        mail.send([mail.render(f"rolemodels/email/{template}", context, to=[to])])
    return True


def activity_reviewed_send(*, event_id: int) -> bool:
    """Tell the role model who logged an activity that it was returned or approved."""
    event = (
        ActivityEvent.objects.select_related("activity__role_model", "activity__municipality")
        .filter(pk=event_id, to_state__in=[ActivityState.RETURNED, ActivityState.APPROVED])
        .first()
    )
    if event is None:
        return False
    activity: Activity = event.activity
    kind = "returned" if event.to_state == ActivityState.RETURNED else "approved"
    # An activity is approved once; it may be returned several times, each return once.
    key = f"activity-{kind}:{event.pk if kind == 'returned' else activity.pk}"
    context = {
        "role_model": activity.role_model,
        "activity": activity,
        "comment": event.comment,
        "url": settings.SITE_URL + activity.get_absolute_url(),
    }
    return _send_once(key, f"activity_{kind}", context, activity.role_model.email)


def mentorship_assigned_send(*, mentorship_id: int, mentor_id: int) -> bool:
    """Tell a mentor that a mentorship is now theirs (opened or handed over to them)."""
    mentorship = Mentorship.objects.filter(pk=mentorship_id, mentor_id=mentor_id).first()
    mentor = RoleModel.objects.filter(pk=mentor_id).first()
    if mentorship is None or mentor is None or not mentorship.is_active:
        return False
    context = {
        "mentor": mentor,
        "url": settings.SITE_URL + reverse("rolemodels:mentorship", args=[mentorship.pk]),
    }
    key = f"mentorship-assigned:{mentorship.pk}:{mentor.pk}"
    return _send_once(key, "mentorship_assigned", context, mentor.email)
