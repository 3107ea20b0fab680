"""The demo catalogue, the scale seed and the bench entries, at small scale."""

import pytest
from django.test import override_settings

from network import seed as network_seed
from network.interventions import seed
from network.models import Intervention, KnowledgeDocument, PracticeExample, SituationGuidance
from polrad import benchmark as bench
from polrad.accounts import seed as accounts_seed
from rolemodels import seed as rolemodels_seed
from signals import seed as signals_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for module in (network_seed, seed, accounts_seed, rolemodels_seed, signals_seed):
            module.seed_demo(lambda line: None)
        seed.seed_demo(lambda line: None)  # idempotent


def test_demo_catalogue_covers_every_kind_category_and_evidence_level(demo):
    interventions = Intervention.objects.all()
    assert interventions.count() >= 15
    for field, choices in [
        ("kind", Intervention.Kind),
        ("category", Intervention.Category),
        ("evidence_level", Intervention.EvidenceLevel),
    ]:
        assert set(interventions.values_list(field, flat=True)) == set(choices.values)
    assert interventions.filter(name=seed.ROLE_MODEL_MEETINGS).exists()
    assert interventions.filter(name=seed.BASIC_TRAINING).exists()
    examples = PracticeExample.objects.filter(is_draft=False)
    assert examples.count() >= 10
    assert set(examples.values_list("municipality__province", flat=True)) == {"Groningen"}
    assert SituationGuidance.objects.count() >= 6 and KnowledgeDocument.objects.count() >= 8
    # The demo case conferences and activities use the catalogue.
    assert Intervention.objects.filter(case_conferences__isnull=False).exists()
    assert Intervention.objects.filter(activities__isnull=False).exists()


def test_scale_fills_the_catalogue_and_the_bench_pages_stay_bounded(demo, monkeypatch):
    monkeypatch.setattr(seed, "SCALE_INTERVENTIONS", 60)
    seed.seed_scale(lambda line: None)
    seed.seed_scale(lambda line: None)
    assert Intervention.objects.count() == 60
    bench.autodiscover()
    for name, limit in [
        ("interventions", 15),
        ("interventions filtered", 15),
        ("interventions searched", 15),
        ("interventions public", 10),
        ("intervention detail", 17),
        ("situation guidance", 10),
        ("concern detail with guidance", 30),
    ]:
        result = bench.measure_page(bench.registry.entries[name], n=2, warmup=1)
        assert 0 < result.queries <= limit, (name, result.queries)
