"""Emails about enrolments, each with the session as an iCalendar attachment, each sent once."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from trainings.calendar import session_ics
from trainings.models import Enrolment, EnrolmentMessage
from trainings.workflow import ACTIVE_ENROLMENT, EnrolmentState, MessageKind, SessionState

# Kinds whose email carries the session as an .ics attachment (cancellations cancel it).
WITH_CALENDAR = frozenset(
    {
        MessageKind.CONFIRMATION,
        MessageKind.REMINDER,
        MessageKind.CANCELLATION,
        MessageKind.SESSION_CANCELLED,
    }
)
CANCELS_EVENT = frozenset({MessageKind.CANCELLATION, MessageKind.SESSION_CANCELLED})
# The state an enrolment must still be in when the task runs: the person may have cancelled
# (or moved on) since the email was scheduled. Cancellations go out whatever the state.
SENT_WHILE = {
    MessageKind.CONFIRMATION: EnrolmentState.ENROLLED,
    MessageKind.WAITLISTED: EnrolmentState.WAITLISTED,
    MessageKind.OFFER: EnrolmentState.OFFERED,
    MessageKind.REMINDER: EnrolmentState.ENROLLED,
    MessageKind.EVALUATION: EnrolmentState.ENROLLED,
}


def enrolment_message_send(*, enrolment_id: int, kind: str) -> bool:
    """Send one email about an enrolment, once: the ledger row is written in the same
    transaction, so a retry or a second run finds it and sends nothing."""
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_related("session__programme", "session__location")
            .filter(pk=enrolment_id)
            .first()
        )
        if enrolment is None or not _still_due(enrolment, kind):
            return False
        try:
            with transaction.atomic():
                EnrolmentMessage.objects.create(enrolment=enrolment, kind=kind)
        except IntegrityError:
            return False
        _message(enrolment, kind).send()
    return True


def _still_due(enrolment: Enrolment, kind: str) -> bool:
    wanted = SENT_WHILE.get(kind)
    return wanted is None or enrolment.state == wanted


def _message(enrolment: Enrolment, kind: str) -> EmailMessage:
    context = {
        "enrolment": enrolment,
        "session": enrolment.session,
        "network_name": settings.NETWORK_NAME,
        "site_url": settings.SITE_URL,
        "offer_hours": settings.TRAINING_OFFER_HOURS,
    }
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        subject = render_to_string(f"trainings/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"trainings/email/{kind}.txt", context)
        message = EmailMessage(subject, body, None, [enrolment.email])
        if kind in WITH_CALENDAR:
            ics = session_ics(
                enrolment.session, cancelled=kind in CANCELS_EVENT, attendee=enrolment
            )
            message.attach("training.ics", ics, "text/calendar")
    return message


def due_reminders(*, now=None):
    """Enrolments in sessions starting within two days that have not had their reminder."""
    now = now or timezone.now()
    return Enrolment.objects.filter(
        state=EnrolmentState.ENROLLED,
        session__state=SessionState.PLANNED,
        session__starts_at__gt=now,
        session__starts_at__lte=now + timedelta(days=2),
    ).exclude(messages__kind=MessageKind.REMINDER)


def due_evaluation_requests():
    """Participants who attended a held session and have not been asked to evaluate it."""
    return (
        Enrolment.objects.filter(
            session__state=SessionState.HELD,
            attendance__in=["present", "late"],
            evaluation__isnull=True,
        )
        .exclude(messages__kind=MessageKind.EVALUATION)
        .exclude(state__in=[s for s in EnrolmentState if s not in ACTIVE_ENROLMENT])
    )
