"""Certificates: who may read which, the public verification and the PDF.

The PDF is a pure function of the certificate and its verification address; the
verification shows a stranger only the name, the programme, the date and the validity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from polrad.pdf import render_pdf
from polrad.permissions import MANAGE_TRAININGS
from trainings.models import CODE_ALPHABET, Certificate

TEMPLATE = "trainings/pdf/certificate.html"

CODE_PATTERN = re.compile(
    rf"^[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}$"
)


def _holder(user) -> Q:
    return Q(user=user) | Q(email=user.email.lower())


def certificates_of(user) -> QuerySet[Certificate]:
    """The user's own certificates (by account or by email), withdrawn ones left out."""
    return (
        Certificate.objects.filter(_holder(user), revoked_at__isnull=True)
        .select_related("programme")
        .order_by("-completed_on", "-pk")
    )


def certificate_get_for_download(user, pk: int) -> Certificate:
    """Coordinators may fetch any certificate, holders their own; for anyone else it does not
    exist (404), so the id reveals nothing."""
    certificates = Certificate.objects.select_related("programme")
    if not user.has_perm(MANAGE_TRAININGS):
        certificates = certificates.filter(_holder(user), revoked_at__isnull=True)
    certificate = certificates.filter(pk=pk).first()
    if certificate is None:
        raise Http404
    return certificate


def normalise_code(raw: str) -> str:
    """Codes as people type them: any case, with spaces or without the dashes."""
    letters = re.sub(r"[^0-9A-Z]", "", raw.upper())
    if len(letters) != 12:
        return raw.strip().upper()
    return f"{letters[:4]}-{letters[4:8]}-{letters[8:]}"


def is_well_formed(code: str) -> bool:
    return bool(CODE_PATTERN.match(code))


class Status:
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class Verification:
    """All that the public may learn about a certificate: nothing else leaves this module."""

    full_name: str
    programme: str
    completed_on: date
    valid_until: date | None
    status: str

    @property
    def is_valid(self) -> bool:
        return self.status == Status.VALID


def certificate_verify(code: str, *, on: date | None = None) -> Verification | None:
    """The verification of a code, or None when no certificate has it."""
    code = normalise_code(code)
    if not is_well_formed(code):
        return None
    certificate = Certificate.objects.select_related("programme").filter(code=code).first()
    if certificate is None:
        return None
    on = on or timezone.localdate()
    if certificate.revoked_at is not None:
        status = Status.REVOKED
    elif certificate.is_valid(on):
        status = Status.VALID
    else:
        status = Status.EXPIRED
    return Verification(
        full_name=certificate.full_name,
        programme=certificate.programme.name,
        completed_on=certificate.completed_on,
        valid_until=certificate.valid_until,
        status=status,
    )


def verification_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("trainings:verify", args=[certificate.code])


def certificate_pdf(*, certificate: Certificate, verify_url: str) -> bytes:
    """Render one certificate to PDF bytes."""
    context = {
        "certificate": certificate,
        "programme": certificate.programme,
        "verify_url": verify_url,
        "network_name": settings.NETWORK_NAME,
    }
    return render_pdf(TEMPLATE, context)


def certificate_filename(certificate: Certificate) -> str:
    return f"certificaat-{certificate.code}.pdf"
