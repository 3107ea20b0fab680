"""What the social map's emails say; polrad.mail renders and sends them."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from polrad import mail


def stale_digest(*, coordinator, counts: dict, organisations, contacts) -> EmailMessage:
    """To a coordinator: the records of their municipalities nobody verified for a year."""
    context = {
        "coordinator": coordinator,
        "digest": counts,
        "organisations": organisations,
        "contacts": contacts,
        "list_url": settings.SITE_URL + reverse("network:organisation-list") + "?stale=true",
        "contact_list_url": settings.SITE_URL + reverse("network:contact-list") + "?stale=true",
    }
    return mail.render("network/email/stale", context, to=[coordinator.email])
