"""Freshness of the social map: tell coordinators which records nobody verified for a year."""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from network.models import Municipality, StaleRecordsDigest
from network.selectors import out_of_touch_for, stale_records_for
from polrad.accounts.models import User
from polrad.accounts.roles import Role

MAX_LISTED = 50


def current_period(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today.replace(day=1)


def stale_digests_send() -> int:
    """Queue one digest per active coordinator for this month; returns how many were queued."""
    from network.tasks import send_stale_record_digest

    period = current_period().isoformat()
    coordinators = User.objects.filter(is_active=True, groups__name=Role.COORDINATOR)
    count = 0
    for coordinator_id in coordinators.values_list("pk", flat=True):
        send_stale_record_digest.delay(coordinator_id, period)
        count += 1
    return count


def stale_digest_send(*, coordinator_id: int, period: str) -> bool:
    """Send one coordinator's digest for the month, at most once whatever the retries.

    The unique (coordinator, period) row is claimed under a row lock; a second run finds it
    sent and does nothing. Returns whether an email went out.
    """
    with transaction.atomic():
        digest, _created = StaleRecordsDigest.objects.get_or_create(
            coordinator_id=coordinator_id, period=date.fromisoformat(period)
        )
        digest = StaleRecordsDigest.objects.select_for_update().get(pk=digest.pk)
        if digest.sent_at is not None:
            return False
        coordinator = User.objects.get(pk=coordinator_id)
        municipalities = coordinator.municipalities.filter(is_active=True)
        if not municipalities.exists():
            municipalities = Municipality.objects.filter(is_active=True)
        organisations, contacts = stale_records_for(municipalities)
        out_of_touch = out_of_touch_for(municipalities)
        digest.organisations = organisations.count()
        digest.contacts = contacts.count()
        digest.out_of_touch = out_of_touch.count()
        if digest.organisations or digest.contacts or digest.out_of_touch:
            _send(
                coordinator,
                digest,
                organisations[:MAX_LISTED],
                contacts[:MAX_LISTED],
                out_of_touch[:MAX_LISTED],
            )
        digest.sent_at = timezone.now()
        digest.save()
    return bool(digest.organisations or digest.contacts or digest.out_of_touch)


def _send(coordinator, digest, organisations, contacts, out_of_touch) -> None:
    context = {
        "coordinator": coordinator,
        "digest": digest,
        "organisations": organisations,
        "contacts": contacts,
        "out_of_touch": out_of_touch,
        "contact_months": settings.CONTACT_OVERDUE_MONTHS,
        "out_of_touch_url": settings.SITE_URL
        + reverse("network:contact-list")
        + "?out_of_touch=true",
        "site_url": settings.SITE_URL,
        "list_url": settings.SITE_URL + reverse("network:organisation-list") + "?stale=true",
        "contact_list_url": settings.SITE_URL + reverse("network:contact-list") + "?stale=true",
        "network_name": settings.NETWORK_NAME,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("network/email/stale_subject.txt", context).strip()
        body = render_to_string("network/email/stale.txt", context)
    send_mail(subject, body, None, [coordinator.email])
