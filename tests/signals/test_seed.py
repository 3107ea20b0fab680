"""Demo concerns in every state with complete histories; benchmark volumes."""

from django.test import override_settings

from network import seed as network_seed
from polrad.accounts import seed as accounts_seed
from signals import digests, seed
from signals.models import Concern
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


def test_scale_fills_up_to_the_national_number_from_every_reporter(db, monkeypatch):
    _seed_demo()
    monkeypatch.setattr(seed, "NATIONAL_CONCERNS", 120)
    monkeypatch.setattr(seed, "NATIONAL_REPORTERS", 40)
    seed.seed_scale(lambda line: None)
    seed.seed_scale(lambda line: None)
    assert Concern.objects.count() == 120
    reporters = Concern.objects.filter(reporter__isnull=False).values("reporter").distinct()
    assert reporters.count() >= 40
    assert digests.trend_recipients("monthly").count() >= 40  # all of them get the update
