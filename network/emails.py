"""What the social map's emails say; polrad.mail renders and sends them."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.text import slugify

from polrad import mail


def stale_digest(
    *, coordinator, counts: dict, organisations, contacts, out_of_touch=()
) -> EmailMessage:
    """To a coordinator: the records of their municipalities nobody verified for a year, and
    the key figures, volunteers and experience experts nobody was in touch with for months."""
    context = {
        "coordinator": coordinator,
        "digest": counts,
        "organisations": organisations,
        "contacts": contacts,
        "list_url": settings.SITE_URL + reverse("network:organisation-list") + "?stale=true",
        "contact_list_url": settings.SITE_URL + reverse("network:contact-list") + "?stale=true",
        "out_of_touch": out_of_touch,
        "contact_months": settings.CONTACT_OVERDUE_MONTHS,
        "out_of_touch_url": settings.SITE_URL
        + reverse("network:contact-list")
        + "?out_of_touch=true",
    }
    return mail.render("network/email/stale", context, to=[coordinator.email])


def map_request_map(*, request, content: bytes) -> EmailMessage:
    """To who asked for the map: the municipality's social map as a PDF attachment."""
    name = request.municipality.name
    context = {"request": request, "municipality": request.municipality}
    filename = f"sociale-kaart-{slugify(name)}.pdf"
    return mail.render(
        "network/email/map_request_map",
        context,
        to=[request.email],
        attachments=[(filename, content, "application/pdf")],
    )


def map_request_declined(*, request, reason: str) -> EmailMessage:
    """To who asked for the map: not this time, and why."""
    context = {"request": request, "municipality": request.municipality, "reason": reason}
    return mail.render("network/email/map_request_declined", context, to=[request.email])
