from datetime import timedelta

import time_machine
from django.core import mail
from django.utils import timezone

from network.tasks import send_stale_record_digest, send_stale_record_digests
from polrad.accounts.roles import Role
from polrad.models import SentMessage
from tests.factories import UserFactory
from tests.network.factories import ContactFactory, OrganisationFactory

OLD = timezone.now() - timedelta(days=400)


def test_monthly_digest_lists_stale_records_of_the_coordinators_municipalities(
    coordinator, municipality, other_municipality
):
    coordinator.municipalities.set([municipality])
    OrganisationFactory(name="Oud Buurthuis", municipalities=[municipality], last_verified_at=OLD)
    OrganisationFactory(name="Vers Buurthuis", municipalities=[municipality])
    OrganisationFactory(
        name="Elders Oud", municipalities=[other_municipality], last_verified_at=OLD
    )
    ContactFactory(full_name="Oude Contact", municipalities=[municipality], last_verified_at=None)
    assert send_stale_record_digests.delay().get() == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Oud Buurthuis" in body and "Oude Contact" in body
    assert "Vers Buurthuis" not in body and "Elders Oud" not in body
    assert mail.outbox[0].to == [coordinator.email]


def test_digest_is_sent_once_per_coordinator_per_month_whatever_the_retries(
    coordinator, municipality
):
    OrganisationFactory(municipalities=[municipality], last_verified_at=OLD)
    with time_machine.travel("2026-12-01 08:00 +0100"):
        send_stale_record_digests.delay()
        send_stale_record_digests.delay()
        send_stale_record_digest.delay(coordinator.pk, "2026-12")
    assert len(mail.outbox) == 1
    assert SentMessage.objects.get().detail["organisations"] == 1
    with time_machine.travel("2027-01-01 08:00 +0100"):
        send_stale_record_digests.delay()
    assert len(mail.outbox) == 2


def test_each_coordinator_gets_their_own_digest_and_others_none(coordinator, professional):
    other = UserFactory(roles=[Role.COORDINATOR])
    OrganisationFactory(last_verified_at=OLD, municipalities=[])
    ContactFactory(last_verified_at=OLD)  # no municipality: in nobody's scope
    send_stale_record_digests.delay()
    assert mail.outbox == []
    assert SentMessage.objects.filter(recipient__in=[coordinator, other]).count() == 2
    assert not SentMessage.objects.filter(recipient=professional).exists()


def test_beat_schedules_the_digest_monthly(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["social-map-stale-records"]
    assert entry["task"] == "network.tasks.send_stale_record_digests"
    assert entry["schedule"].day_of_month == {1}
