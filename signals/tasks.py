"""Emails about concerns. They never carry content: a short notice and a link."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from polrad.accounts.models import User
from polrad.accounts.roles import Role
from signals.models import Concern, Note


def _send(template: str, context: dict, recipients: list[str]) -> None:
    context = {**context, "network_name": settings.NETWORK_NAME}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"signals/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"signals/email/{template}.txt", context)
    send_mail(subject, body, None, recipients)


@shared_task
def send_receipt(concern_id: int) -> None:
    """To the reporter: the reference code, what happens next, when they hear back."""
    concern = Concern.objects.select_related("reporter").filter(pk=concern_id).first()
    if concern is None or concern.reporter is None:
        return
    url = settings.SITE_URL + reverse("signals:my-report", args=[concern.pk])
    _send("receipt", {"concern": concern, "url": url}, [concern.reporter.email])


@shared_task
def notify_handlers_of_urgent_concern(concern_id: int) -> None:
    """To every handler of the concern's municipality, at once: only that there is one."""
    concern = Concern.objects.filter(pk=concern_id).first()
    if concern is None:
        return
    handlers = User.objects.filter(
        is_active=True, groups__name=Role.HANDLER, municipalities=concern.municipality_id
    ).values_list("email", flat=True)
    url = settings.SITE_URL + reverse("signals:detail", args=[concern.pk])
    recipients = sorted(set(handlers))
    if recipients:
        _send("urgent", {"concern": concern, "url": url}, recipients)


@shared_task
def send_message_notice(note_id: int) -> None:
    """To the reporter: there is a message from the handler; the text stays on the platform."""
    note = Note.objects.select_related("concern__reporter").filter(pk=note_id).first()
    if note is None or note.concern.reporter is None:
        return
    url = settings.SITE_URL + reverse("signals:my-report", args=[note.concern_id])
    _send("message", {"concern": note.concern, "url": url}, [note.concern.reporter.email])
