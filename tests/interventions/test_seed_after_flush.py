"""`make demo-reset` empties the database: the demo seed brings back what migrations made."""

from network import seed as network_seed
from network.interventions import seed
from network.models import Mechanism, PolarisationForm, SituationGuidance


def test_the_demo_seed_restores_the_taxonomies_a_flush_removed(db):
    PolarisationForm.objects.all().delete()
    Mechanism.objects.all().delete()
    network_seed.seed_demo(lambda *args: None)  # the municipalities and organisations first
    seed.seed_demo(lambda *args: None)
    assert PolarisationForm.objects.filter(slug="online-uitingen").exists()
    assert Mechanism.objects.filter(slug="mentoring").exists()
    assert SituationGuidance.objects.filter(forms__isnull=False).exists()
