"""Demo data in every stage with histories, the benchmark volumes, the board in `make bench`."""

from django.test import override_settings

from network import seed as network_seed
from polrad import benchmark as bench
from polrad.accounts import seed as accounts_seed
from polrad.accounts.roles import Role
from rolemodels import seed
from rolemodels.models import Activity, RoleModel, StageChange
from rolemodels.workflow import ActivityState, Stage


def _seed_demo():
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for module in (network_seed, accounts_seed, seed):
            module.seed_demo(lambda line: None)


def test_demo_has_every_stage_with_histories_and_links_the_demo_account(db):
    _seed_demo()
    _seed_demo()  # idempotent
    assert RoleModel.objects.count() == len(seed.DEMO)
    assert set(RoleModel.objects.values_list("stage", flat=True)) == set(Stage)
    for role_model in RoleModel.objects.all():
        moves = list(role_model.stage_changes.values_list("to_stage", flat=True))
        assert moves[-1] == role_model.stage and moves[0] == Stage.APPLIED
    demo = RoleModel.objects.get(user__email="rolemodel@example.org")
    assert demo.stage == Stage.ACTIVE and demo.vog_date is not None


def test_scale_fills_up_to_the_national_number(db, monkeypatch):
    _seed_demo()
    monkeypatch.setattr(seed, "NATIONAL_ROLE_MODELS", 120)
    seed.seed_scale(lambda line: None)
    seed.seed_scale(lambda line: None)
    assert RoleModel.objects.count() == 120
    assert StageChange.objects.filter(role_model__email__endswith="@bench.example.org").exists()


def test_bench_measures_the_pipeline_board():
    bench.autodiscover()
    page = bench.registry.entries["pipeline board"]
    assert page.url == "/rolmodellen/" and page.role == Role.COORDINATOR


def test_demo_has_activities_in_every_state_for_the_demo_role_model(db):
    _seed_demo()
    _seed_demo()  # idempotent
    demo = RoleModel.objects.get(user__email="rolemodel@example.org")
    assert set(demo.activities.values_list("state", flat=True)) == set(ActivityState)
    assert Activity.objects.filter(state=ActivityState.SUBMITTED).count() >= 5  # a queue
    approved = Activity.objects.filter(state=ActivityState.APPROVED)
    assert approved.values("municipality").distinct().count() >= 5
    for activity in Activity.objects.all():
        assert activity.events.last().to_state == activity.state


def test_scale_fills_up_to_the_national_number_of_activities(db, monkeypatch):
    _seed_demo()
    monkeypatch.setattr(seed, "NATIONAL_ROLE_MODELS", 60)
    monkeypatch.setattr(seed, "NATIONAL_ACTIVITIES", 500)
    seed.seed_scale(lambda line: None)
    seed.seed_scale(lambda line: None)
    assert Activity.objects.count() == 500
    assert Activity.themes.through.objects.count() >= 500


def test_bench_measures_the_activity_pages():
    bench.autodiscover()
    for name in ("activity list (filtered)", "approval queue", "activity dashboard"):
        assert bench.registry.entries[name].role == Role.COORDINATOR
