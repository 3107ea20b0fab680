"""Demo concerns in every state with complete histories; benchmark volumes."""

from django.test import override_settings
from django.utils import timezone

from network import seed as network_seed
from polrad.accounts import seed as accounts_seed
from signals import digests, seed
from signals.models import Concern, FollowUpAction
from signals.workflow import State


def _seed_demo():
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for module in (network_seed, accounts_seed, seed):
            module.seed_demo(lambda line: None)


def test_demo_has_every_state_with_histories_for_the_demo_accounts(db):
    _seed_demo()
    _seed_demo()  # idempotent
    assert set(Concern.objects.values_list("state", flat=True)) == set(State)
    for concern in Concern.objects.all():
        assert concern.transitions.last().to_state == concern.state
    assert Concern.objects.filter(reporter__email="professional@example.org").exists()
    assert Concern.objects.filter(assigned_to__email="handler@example.org").exists()


def test_demo_concerns_carry_the_casework_of_their_state(db):
    _seed_demo()
    for concern in Concern.objects.filter(state__in=[State.CASE_CONFERENCE, State.REFERRED]):
        assert concern.conferences.exists() and concern.actions.exists()
    for concern in Concern.objects.filter(state=State.REFERRED):
        assert concern.referrals.exists()
    assert not Concern.objects.filter(state=State.SUBMITTED, notes__isnull=False).exists()
    mine = Concern.objects.filter(reporter__email="professional@example.org").exclude(
        state=State.SUBMITTED
    )
    assert all(c.notes.filter(to_reporter=True).exists() for c in mine)
    assert FollowUpAction.objects.filter(due_on__lt=timezone.localdate(), done_at=None).exists()


def test_scale_fills_up_to_the_national_number_from_every_reporter(db, monkeypatch):
    _seed_demo()
    monkeypatch.setattr(seed, "NATIONAL_CONCERNS", 400)
    monkeypatch.setattr(seed, "NATIONAL_REPORTERS", 40)
    seed.seed_scale(lambda line: None)
    seed.seed_scale(lambda line: None)
    assert Concern.objects.count() == 400
    reporters = Concern.objects.filter(reporter__isnull=False).values("reporter").distinct()
    assert reporters.count() >= 40
    assert digests.trend_recipients("monthly").count() >= 40  # all of them get the update


def test_the_quarter_scale_fills_a_quarter_of_the_national_volumes(db, monkeypatch):
    """`seed_demo --scale --fraction 0.25` builds the quarter-scale bench database."""
    from polrad import seed_data

    _seed_demo()
    monkeypatch.setattr(seed, "NATIONAL_CONCERNS", 2000)
    monkeypatch.setattr(seed, "NATIONAL_REPORTERS", 40)
    seed_data.set_fraction(0.25)
    try:
        seed.seed_scale(lambda line: None)
    finally:
        seed_data.set_fraction(1.0)
    assert Concern.objects.count() == 500
    seed.seed_scale(lambda line: None)  # back at national scale: filled up to the whole
    assert Concern.objects.count() == 2000
