"""Personal links that work without logging in: signed, expiring and renewable.

A link carries the user and the current key of its purpose, signed with a timestamp. It
stops working when it is older than its purpose allows, or as soon as the user renews the
key (every older link of that purpose then fails). Purposes: the calendar feed of "my
trainings" and the unsubscribe link in trend updates.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from polrad.models import LinkKey

# purpose → how long one link works from the moment it was made
LIFETIMES = {
    "calendar-feed": timedelta(days=365),
    "unsubscribe": timedelta(days=365),
}


def _salt(purpose: str) -> str:
    return f"polrad.links.{purpose}"


def _current_key(user_id: int, purpose: str) -> str:
    found = LinkKey.objects.filter(user_id=user_id, purpose=purpose).values_list("key", flat=True)
    if found:
        return found[0]
    try:
        with transaction.atomic():
            return LinkKey.objects.create(
                user_id=user_id, purpose=purpose, key=secrets.token_urlsafe(24)
            ).key
    except IntegrityError:  # made at the same moment by another request
        return LinkKey.objects.get(user_id=user_id, purpose=purpose).key


def link_token(user, purpose: str) -> str:
    """A fresh token for the personal link of this purpose of `user` (a user or its id)."""
    if purpose not in LIFETIMES:
        raise ValueError(f"unknown link purpose: {purpose}")
    user_id = getattr(user, "pk", user)
    return signing.dumps([user_id, _current_key(user_id, purpose)], salt=_salt(purpose))


def link_tokens(user_ids: list[int], purpose: str) -> dict[int, str]:
    """Fresh tokens for many users at once, in a constant number of queries (for batches
    of emails)."""
    if purpose not in LIFETIMES:
        raise ValueError(f"unknown link purpose: {purpose}")
    keys = dict(
        LinkKey.objects.filter(user_id__in=user_ids, purpose=purpose).values_list("user_id", "key")
    )
    missing = [pk for pk in user_ids if pk not in keys]
    if missing:
        LinkKey.objects.bulk_create(
            [LinkKey(user_id=pk, purpose=purpose, key=secrets.token_urlsafe(24)) for pk in missing],
            ignore_conflicts=True,
        )
        keys.update(
            LinkKey.objects.filter(user_id__in=missing, purpose=purpose).values_list(
                "user_id", "key"
            )
        )
    return {pk: signing.dumps([pk, keys[pk]], salt=_salt(purpose)) for pk in user_ids}


def user_id_of(token: str, purpose: str) -> int | None:
    """The user of a valid token of this purpose; None when forged, expired or renewed."""
    try:
        user_id, key = signing.loads(
            token, salt=_salt(purpose), max_age=LIFETIMES[purpose].total_seconds()
        )
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not LinkKey.objects.filter(user_id=user_id, purpose=purpose, key=key).exists():
        return None
    return user_id


def links_renew(*, user, purpose: str) -> str:
    """Give the user a new key: every link of this purpose made before stops working."""
    LinkKey.objects.update_or_create(
        user=user,
        purpose=purpose,
        defaults={"key": secrets.token_urlsafe(24), "renewed_at": timezone.now()},
    )
    return link_token(user, purpose)
