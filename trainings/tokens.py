"""The links in emails about an enrolment: one signed, expiring token per purpose.

A link to confirm an offered seat opens nothing else, and stops working after a few days;
a link to evaluate a session works for two months. Neither is a permanent key: both are made
when the email is written and carry the enrolment, the purpose and the time.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing

LIFETIMES = {
    # The offer itself lapses sooner (TRAINING_OFFER_HOURS); the link never outlives a week.
    "offer": timedelta(days=7),
    "evaluation": timedelta(days=60),
}


def _salt(purpose: str) -> str:
    return f"trainings.enrolment.{purpose}"


def enrolment_token(enrolment_id: int, purpose: str) -> str:
    if purpose not in LIFETIMES:
        raise ValueError(f"unknown purpose: {purpose}")
    return signing.dumps(enrolment_id, salt=_salt(purpose))


def enrolment_id_of(token: str, purpose: str) -> int | None:
    """The enrolment of a valid token of this purpose; None when forged, expired or of
    another purpose."""
    try:
        return int(
            signing.loads(token, salt=_salt(purpose), max_age=LIFETIMES[purpose].total_seconds())
        )
    except (signing.BadSignature, TypeError, ValueError):
        return None
