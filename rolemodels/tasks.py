from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from rolemodels import reminders
from rolemodels.models import RoleModel


@shared_task
def send_application_confirmation(role_model_id: int) -> None:
    """Tell a candidate their application arrived and what happens next."""
    role_model = RoleModel.objects.filter(pk=role_model_id).first()
    if role_model is None:
        return  # removed in the meantime
    context = {"role_model": role_model, "network_name": settings.NETWORK_NAME}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("rolemodels/email/confirmation_subject.txt", context).strip()
        body = render_to_string("rolemodels/email/confirmation.txt", context)
    send_mail(subject, body, None, [role_model.email])


@shared_task
def send_stuck_reminders() -> int:
    """Weekly: email each coordinator the candidates stuck in the recruitment pipeline."""
    return reminders.stuck_reminders_send()


@shared_task
def send_stuck_reminder(coordinator_id: int, week: str) -> bool:
    return reminders.stuck_reminder_send(coordinator_id=coordinator_id, week=week)


@shared_task
def send_activity_reviewed(event_id: int) -> bool:
    from rolemodels.emails import activity_reviewed_send

    return activity_reviewed_send(event_id=event_id)


@shared_task
def send_mentorship_assigned(mentorship_id: int, mentor_id: int) -> bool:
    from rolemodels.emails import mentorship_assigned_send

    return mentorship_assigned_send(mentorship_id=mentorship_id, mentor_id=mentor_id)
