"""The weekly action digest: once per recipient per week, whatever the retries."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from polrad import ledger
from polrad.accounts.roles import Role
from polrad.analysis.digest import KIND, action_digest_send
from polrad.analysis.tasks import send_action_digests
from polrad.models import SentMessage
from tests.analysis.factories import ActionFactory, AnalysisFactory
from tests.factories import UserFactory
from tests.network.factories import ContactFactory
from tests.signals.factories import ConcernFactory

SECRET = "Iets wat nooit in een e-mail mag staan"


def test_owners_and_municipal_staff_get_one_digest_a_week_across_double_runs(
    municipality, other_municipality, municipal_employee, definition
):
    owner = UserFactory(email="eigenaar@example.org", roles=[Role.PROFESSIONAL])
    analysis = AnalysisFactory(municipality=municipality)
    contact = ContactFactory(email="Eigenaar@example.org", municipalities=[municipality])
    ActionFactory(
        analysis=analysis,
        what="Gesprek met de school",
        owner_contact=contact,
        owner_organisation=None,
    )
    ActionFactory(
        analysis=analysis, what="Te laat", due_date=timezone.localdate() - timedelta(days=2)
    )
    ActionFactory(analysis=analysis, what="Klaar", status="done")
    elsewhere = UserFactory(roles=[Role.MUNICIPAL], municipalities=[other_municipality])
    ConcernFactory(municipality=municipality, observed=SECRET)

    assert send_action_digests.delay().get() == 2
    assert send_action_digests.delay().get() == 2  # queued again, sent once
    assert len(mail.outbox) == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {owner.email, municipal_employee.email}
    staff_mail = by_recipient[municipal_employee.email].body
    assert "Gesprek met de school" in staff_mail and "Te laat" in staff_mail
    assert "over tijd" in staff_mail and "Klaar" not in staff_mail
    owner_mail = by_recipient[owner.email].body
    assert "Gesprek met de school" in owner_mail and "Te laat" not in owner_mail
    assert all(SECRET not in message.body for message in mail.outbox)
    assert elsewhere.email not in by_recipient
    assert SentMessage.objects.filter(kind=KIND, period=ledger.week_key()).count() == 2


def test_a_second_run_of_one_digest_sends_nothing(municipality, municipal_employee, definition):
    ActionFactory(analysis=AnalysisFactory(municipality=municipality))
    week = ledger.week_key()
    assert action_digest_send(recipient_id=municipal_employee.pk, period=week) is True
    assert action_digest_send(recipient_id=municipal_employee.pk, period=week) is False
    assert len(mail.outbox) == 1
    assert send_action_digests.delay().get() == 1
    assert len(mail.outbox) == 1
    # Next week the digest goes out again.
    next_week = ledger.week_key(timezone.localdate() + timedelta(days=7))
    assert action_digest_send(recipient_id=municipal_employee.pk, period=next_week) is True
