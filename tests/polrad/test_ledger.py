"""polrad.ledger: one message per kind, recipient and period; one period-key format."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from polrad import ledger
from polrad.models import SentMessage

pytestmark = pytest.mark.django_db


def test_period_keys_have_one_format():
    day = date(2027, 1, 1)
    assert ledger.day_key(day) == "2027-01-01"
    assert ledger.week_key(day) == "2026-W53"  # ISO week: 1 January 2027 is in 2026's last
    assert ledger.week_key(date(2026, 11, 26)) == "2026-W48"
    assert ledger.month_key(day) == "2027-01"
    assert ledger.quarter_key(date(2026, 8, 31)) == "2026-Q3"
    assert ledger.year_key(day) == "2027"


def test_a_message_is_claimed_once_per_kind_recipient_and_period(coordinator, professional):
    with transaction.atomic():
        first = ledger.claim(kind="x.digest", recipient=coordinator, period="2026-12", n=3)
        again = ledger.claim(kind="x.digest", recipient=coordinator, period="2026-12")
    assert first is not None and first.detail == {"n": 3}
    assert again is None
    with transaction.atomic():
        assert ledger.claim(kind="x.digest", recipient=coordinator, period="2027-01")
        assert ledger.claim(kind="x.other", recipient=coordinator, period="2026-12")
        assert ledger.claim(kind="x.digest", recipient=professional, period="2026-12")
    assert SentMessage.objects.count() == 4
    assert set(
        ledger.sent_to(kind="x.digest", period="2026-12").values_list("recipient_id", flat=True)
    ) == {
        coordinator.pk,
        professional.pk,
    }


def test_a_failed_send_rolls_the_claim_back_for_the_retry(coordinator):
    with pytest.raises(OSError), transaction.atomic():
        assert ledger.claim(kind="x.digest", recipient=coordinator, period="2026-12")
        raise OSError("mail server down")
    assert not SentMessage.objects.exists()
    with transaction.atomic():
        assert ledger.claim(kind="x.digest", recipient=coordinator, period="2026-12")


@pytest.mark.django_db(transaction=True)
def test_a_claim_outside_the_sending_transaction_is_refused(coordinator):
    with pytest.raises(RuntimeError):
        ledger.claim(kind="x.digest", recipient=coordinator, period="2026-12")


@pytest.mark.django_db(transaction=True)
def test_the_old_ledgers_move_into_the_one_ledger_without_loss():
    """The data migrations of network, rolemodels and trainings: every sent row arrives,
    with its period in the one key format and its counts kept."""
    before = [
        ("network", "0008_organisation_policy"),
        ("rolemodels", "0005_activity_intervention"),
        ("trainings", "0001_programmes_sessions_coaching"),
        ("polrad", "0002_sent_message"),
    ]
    after = [
        ("network", "0009_stale_digests_into_ledger"),
        ("rolemodels", "0006_stuck_reminders_into_ledger"),
        ("trainings", "0002_coach_digests_into_ledger"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user = old.get_model("accounts", "User").objects.create(email="c@example.org")
    now = "2026-11-02T08:00:00+01:00"
    old.get_model("network", "StaleRecordsDigest").objects.create(
        coordinator_id=user.pk, period=date(2026, 11, 1), organisations=2, contacts=1, sent_at=now
    )
    old.get_model("rolemodels", "StuckReminder").objects.create(
        coordinator_id=user.pk, week=date(2026, 11, 23), candidates=4, sent_at=now
    )
    old.get_model("trainings", "CoachDigest").objects.create(
        coach_id=user.pk, week="2026-W48", sent_at=now
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("polrad", "SentMessage")
    rows = {(r.kind, r.period): r.detail for r in new.objects.filter(recipient_id=user.pk)}
    assert rows == {
        ("network.stale_digest", "2026-11"): {"organisations": 2, "contacts": 1},
        ("rolemodels.stuck_reminder", "2026-W48"): {"candidates": 4},
        ("trainings.coach_digest", "2026-W48"): {},
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
