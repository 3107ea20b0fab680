"""Demo data of trainings and coaching, idempotent; the benchmark volumes; the bench page."""

import pytest
from django.test import override_settings

from network import seed as network_seed
from polrad import benchmark as bench
from polrad.accounts import seed as accounts_seed
from polrad.accounts.roles import Role
from rolemodels import seed as rolemodels_seed
from rolemodels.models import RoleModel
from rolemodels.selectors import role_model_training_status
from rolemodels.workflow import Stage
from tests.interventions.factories import DocumentFactory
from trainings import seed
from trainings.coaching.services import coaching_overview, overdue_actions
from trainings.models import (
    Certificate,
    CoachingSession,
    Enrolment,
    Evaluation,
    Programme,
    Session,
)
from trainings.workflow import EnrolmentState, SessionState


def _seed_demo():
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for module in (network_seed, accounts_seed, rolemodels_seed, seed):
            module.seed_demo(lambda line: None)


@pytest.fixture
def demo(db):
    _seed_demo()


def test_demo_is_idempotent(demo):
    counts = [Session.objects.count(), Enrolment.objects.count(), CoachingSession.objects.count()]
    _seed_demo()
    assert [
        Session.objects.count(),
        Enrolment.objects.count(),
        CoachingSession.objects.count(),
    ] == counts


def test_demo_has_both_programmes_with_past_and_coming_sessions(demo):
    role_models = Programme.objects.get(name=seed.ROLE_MODEL_TRAINING)
    basic = Programme.objects.get(name=seed.BASIC_TRAINING)
    assert role_models.qualifies_role_models and role_models.required_sessions == 3
    assert role_models.modules.count() == len(seed.ROLE_MODEL_MODULES)
    assert (basic.required_sessions, basic.validity_months) == (2, 24)
    for programme in (role_models, basic):
        states = set(programme.sessions.values_list("state", flat=True))
        assert states == {SessionState.HELD, SessionState.PLANNED}
    assert Enrolment.objects.filter(state=EnrolmentState.WAITLISTED).exists()
    assert Enrolment.objects.exclude(attendance="").exists()
    assert Evaluation.objects.exists()


def test_demo_modules_link_to_the_knowledge_base_once(db):
    for title in seed.MODULE_DOCUMENTS["role_models"]:
        DocumentFactory(title=title)
    _seed_demo()
    _seed_demo()
    role_models = Programme.objects.get(name=seed.ROLE_MODEL_TRAINING)
    wanted = sorted(seed.MODULE_DOCUMENTS["role_models"])
    for module in role_models.modules.all():
        assert sorted(module.documents.values_list("title", flat=True)) == wanted


def test_demo_trained_the_networks_professionals(demo):
    trained = Certificate.objects.filter(programme__name=seed.BASIC_TRAINING).count()
    assert 55 <= trained <= 66
    assert Certificate.objects.filter(valid_until__isnull=False).exists()


def test_demo_professional_is_enrolled_in_a_coming_basic_training(demo):
    enrolment = Enrolment.objects.get(email="professional@example.org")
    assert enrolment.session.state == SessionState.PLANNED
    assert enrolment.session.programme.name == seed.BASIC_TRAINING
    assert enrolment.user.email == "professional@example.org"


def test_demo_role_models_completed_the_training_and_candidates_are_halfway(demo):
    demo_role_model = RoleModel.objects.get(user__email="rolemodel@example.org")
    assert role_model_training_status(demo_role_model).completed
    candidate = RoleModel.objects.filter(stage=Stage.IN_TRAINING).first()
    status = role_model_training_status(candidate, progress=True)
    assert not status.completed and status.attended >= 1


def test_demo_role_model_is_coached_by_the_coordinator_with_an_overdue_action(demo):
    demo_role_model = RoleModel.objects.get(user__email="rolemodel@example.org")
    coach = demo_role_model.coach
    assert coach.email == "coordinator@example.org"
    assert demo_role_model.coaching_sessions.count() == 3
    assert demo_role_model.coaching_sessions.exclude(confidential_notes="").exists()
    assert overdue_actions(coach).filter(session__role_model=demo_role_model).count() == 1
    assert coaching_overview(coach, only_overdue=True).exists()  # someone is flagged


def test_scale_fills_up_to_the_national_number_of_enrolments(demo, monkeypatch):
    monkeypatch.setattr(seed, "NATIONAL_ENROLMENTS", 900)
    seed.seed_scale(lambda line: None)
    seed.seed_scale(lambda line: None)
    assert 900 <= Enrolment.objects.count() <= 900
    assert Certificate.objects.filter(programme__name=seed.BASIC_TRAINING).count() > 60
    assert CoachingSession.objects.filter(topics="Benchmark").exists()


def test_bench_measures_the_coaching_overview():
    bench.autodiscover()
    page = bench.registry.entries["coaching overview"]
    assert page.url == "/trainingen/coaching/" and page.role == Role.COORDINATOR
