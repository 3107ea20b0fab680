"""What the accounts' emails say; polrad.mail renders and sends them."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from polrad import mail
from polrad.accounts.tokens import invitation_token_generator


def invitation(user) -> EmailMessage:
    """To an invited person: a personal link to set a password and accept."""
    path = reverse(
        "accounts:invitation-accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token_generator.make_token(user),
        },
    )
    context = {"user": user, "link": settings.SITE_URL + path}
    return mail.render("accounts/email/invitation", context, to=[user.email])
