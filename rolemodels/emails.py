"""What the role-model app emails about events, each message once.

- A role model: their activity was returned (with the coordinator's comment) or approved.
- A mentor: a mentorship was assigned to them (no details of the mentee: a link to log in).

The ledger row (RoleModelEmail, one per event) is written in the same transaction as the
send, so a retried or repeated task finds it and sends nothing.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from rolemodels.mentoring.models import Mentorship, RoleModelEmail
from rolemodels.models import Activity, ActivityEvent, RoleModel
from rolemodels.workflow import ActivityState


def _send_once(key: str, template: str, context: dict, to: str) -> bool:
    with transaction.atomic():
        try:
            with transaction.atomic():
                RoleModelEmail.objects.create(key=key)
        except IntegrityError:
            return False
        context = {**context, "network_name": settings.NETWORK_NAME}
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(f"rolemodels/email/{template}_subject.txt", context)
            body = render_to_string(f"rolemodels/email/{template}.txt", context)
        send_mail(" ".join(subject.split()), body, None, [to])
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
