"""Demo data for Groningen, the benchmark's analyses, and the bench entries at small scale."""

from django.test import override_settings

from network import seed as network_seed
from network.interventions import seed as interventions_seed
from network.models import Municipality, Organisation, OrganisationPolicy
from polrad import benchmark as bench
from polrad.accounts import seed as accounts_seed
from polrad.accounts.models import User
from polrad.analysis import seed
from polrad.analysis.models import Action, Analysis, Assessment, ChecklistDefinition
from polrad.analysis.workflow import ActionStatus


def _seed_demo():
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for module in (network_seed, interventions_seed, accounts_seed, seed):
            module.seed_demo(lambda line: None)


def test_demo_has_a_full_and_a_short_analysis_a_year_apart_for_groningen(db, client_for):
    _seed_demo()
    _seed_demo()  # idempotent
    groningen = Municipality.objects.get(cbs_code="GM0014")
    full, short = Analysis.objects.filter(municipality=groningen).order_by("date")
    assert full.kind == "full" and short.kind == "short"
    assert full.forms.exists() and full.chosen_interventions.exists()
    assert 330 <= (short.date - full.date).days <= 400
    assert Assessment.objects.filter(municipality=groningen).count() == 2
    assert set(Action.objects.values_list("status", flat=True)) == set(ActionStatus.values)
    partners = OrganisationPolicy.objects.count()
    assert partners == (Organisation.objects.count() + 1) // 2
    assert ChecklistDefinition.objects.count() == 1
    officer = User.objects.get(email="municipality@example.org")
    client = client_for(officer)
    for url in (
        "/analyses/",
        f"/analyses/{short.pk}/",
        "/analyses/acties/",
        "/analyses/basis-op-orde/",
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
    assert "Wijkoverleg Oosterparkwijk" in client.get("/analyses/").content.decode()
    assert "Nog niet aan tafel: Zorg" in client.get(f"/analyses/{short.pk}/").content.decode()
    role_model = User.objects.get(email="rolemodel@example.org")
    for url in ("/analyses/", "/analyses/acties/", "/analyses/basis-op-orde/"):
        assert client_for(role_model).get(url).status_code in (403, 404), url


def test_scale_makes_an_analysis_per_municipality_per_year_for_five_years(db):
    _seed_demo()
    seed.seed_scale(lambda line: None)
    seed.seed_scale(lambda line: None)  # idempotent
    municipalities = Municipality.objects.count()
    made = Analysis.objects.filter(title__startswith="Benchmark-analyse")
    assert made.count() == municipalities * seed.SCALE_YEARS
    assert Action.objects.filter(analysis__in=made).exists()


def test_bench_measures_the_analysis_page_action_list_and_pdf(db):
    _seed_demo()
    bench.autodiscover()
    entries = bench.registry.entries
    page = bench.measure_page(entries["analysis page with evidence"], n=3, warmup=1)
    assert page.queries <= 15
    assert bench.measure_page(entries["action list"], n=3, warmup=1).p95_ms > 0
    job = bench.measure_job(entries["analysis PDF"])
    assert job.n == 3
