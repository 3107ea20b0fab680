"""What the reports' email says; polrad.mail renders and sends it. A link, never figures."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from polrad import mail


def report_ready(report) -> EmailMessage:
    """To the requester: the stored report is ready, in the language it was made in."""
    user = report.requested_by
    context = {
        "user": user,
        "report": report,
        "url": settings.SITE_URL + reverse("reports:pdf-status", args=[report.pk]),
    }
    return mail.render("reports/email/ready", context, to=[user.email], language=report.language)
