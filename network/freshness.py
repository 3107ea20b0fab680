"""Freshness of the social map: tell coordinators which records nobody verified for a year."""

from django.db import transaction

from network import emails
from network.models import Municipality
from network.selectors import out_of_touch_for, stale_records_for
from polrad import ledger, mail
from polrad.accounts.models import User

MAX_LISTED = 50
KIND = "network.stale_digest"


def stale_digest_send(*, coordinator_id: int, period: str) -> bool:
    """Send one coordinator's digest for the month (a ledger month key), at most once
    whatever the retries. Returns whether an email went out."""
    with transaction.atomic():
        coordinator = User.objects.get(pk=coordinator_id)
        entry = ledger.claim(kind=KIND, recipient=coordinator, period=period)
        if entry is None:
            return False
        municipalities = coordinator.municipalities.filter(is_active=True)
        if not municipalities.exists():
            municipalities = Municipality.objects.filter(is_active=True)
        organisations, contacts = stale_records_for(municipalities)
        out_of_touch = out_of_touch_for(municipalities)
        entry.detail = {
            "organisations": organisations.count(),
            "contacts": contacts.count(),
            "out_of_touch": out_of_touch.count(),
        }
        entry.save(update_fields=["detail"])
        if not any(entry.detail.values()):
            return False
        message = emails.stale_digest(
            coordinator=coordinator,
            counts=entry.detail,
            organisations=organisations[:MAX_LISTED],
            contacts=contacts[:MAX_LISTED],
            out_of_touch=out_of_touch[:MAX_LISTED],
        )
        mail.send([message])
    return True
