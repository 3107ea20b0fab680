"""What the role-model app's emails say; polrad.mail renders and sends them."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from polrad import mail


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
