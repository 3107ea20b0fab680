"""What the trainings' emails say; polrad.mail renders and sends them.

Emails about an enrolment carry the session as an iMIP calendar invitation (RFC 6047):
a REQUEST that mail programs offer to add, or a CANCEL that takes the session out again.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from polrad import mail
from trainings.calendar import session_ics
from trainings.models import Enrolment
from trainings.workflow import MessageKind

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


def enrolment_message(enrolment: Enrolment, kind: str) -> EmailMessage:
    """To a participant: one kind of news about their enrolment."""
    context = {
        "enrolment": enrolment,
        "session": enrolment.session,
        "offer_hours": settings.TRAINING_OFFER_HOURS,
    }
    attachments = []
    if kind in WITH_CALENDAR:
        ics = session_ics(enrolment.session, cancelled=kind in CANCELS_EVENT, attendee=enrolment)
        attachments.append(mail.calendar(ics, filename="training.ics"))
    return mail.render(
        f"trainings/email/{kind}", context, to=[enrolment.email], attachments=attachments
    )


def coach_digest(*, coach, role_models: list, actions: list) -> EmailMessage:
    """To a coach: their role models and follow-up actions that are overdue."""
    context = {
        "coach": coach,
        "role_models": role_models,
        "actions": actions,
        "weeks": settings.COACHING_OVERDUE_WEEKS,
        "overview_url": settings.SITE_URL + reverse("trainings:coaching"),
    }
    return mail.render("trainings/email/coach_digest", context, to=[coach.email])
