"""The recruitment pipeline: every allowed move works and is recorded, every other is refused."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from polrad.accounts.models import User
from polrad.accounts.roles import Role
from rolemodels.models import StageChange
from rolemodels.services import TransitionError, role_model_move
from rolemodels.workflow import ALLOWED_TRANSITIONS, REASON_REQUIRED, Stage
from tests.factories import UserFactory
from tests.rolemodels.factories import RoleModelFactory
from tests.trainings.factories import ProgrammeFactory, role_model_training
from trainings.models import Certificate

ALLOWED = [
    (source, target) for source, targets in ALLOWED_TRANSITIONS.items() for target in targets
]
DISALLOWED = [
    (source, target)
    for source in Stage
    for target in Stage
    if target not in ALLOWED_TRANSITIONS[source]
]


def _move_everything_given(role_model, to, by):
    return role_model_move(
        role_model=role_model,
        to=to,
        by=by,
        reason="Een reden",
        training_confirmed=True,
        vog_date=date(2026, 2, 1),
    )


@pytest.mark.parametrize(("source", "target"), ALLOWED, ids=[f"{s}->{t}" for s, t in ALLOWED])
def test_every_allowed_move_works_and_is_recorded(coordinator, source, target):
    role_model = RoleModelFactory(stage=source)
    moved = _move_everything_given(role_model, target, coordinator)
    role_model.refresh_from_db()
    assert moved.stage == role_model.stage == target
    change = role_model.stage_changes.last()
    assert (change.from_stage, change.to_stage, change.actor) == (source, target, coordinator)
    assert change.reason == "Een reden"


@pytest.mark.parametrize(("source", "target"), DISALLOWED, ids=[f"{s}->{t}" for s, t in DISALLOWED])
def test_every_disallowed_move_is_refused_and_changes_nothing(coordinator, source, target):
    role_model = RoleModelFactory(stage=source)
    before = role_model.stage_changed_at
    with pytest.raises(TransitionError):
        _move_everything_given(role_model, target, coordinator)
    role_model.refresh_from_db()
    assert (role_model.stage, role_model.stage_changed_at) == (source, before)
    assert role_model.vog_date is None
    assert role_model.stage_changes.count() == 1  # the application only
    assert role_model.user is None


def test_the_table_covers_every_stage():
    assert set(ALLOWED_TRANSITIONS) == set(Stage)


@pytest.mark.parametrize("target", sorted(REASON_REQUIRED))
def test_declining_pausing_and_stopping_need_a_reason(coordinator, target):
    source = Stage.ACTIVE if target != Stage.DECLINED else Stage.APPLIED
    role_model = RoleModelFactory(stage=source)
    with pytest.raises(TransitionError, match="reden"):
        role_model_move(role_model=role_model, to=target, by=coordinator, reason="  ")
    role_model.refresh_from_db()
    assert role_model.stage == source


def test_vog_checked_needs_the_vog_date(coordinator):
    role_model = RoleModelFactory(stage=Stage.INTAKE)
    with pytest.raises(TransitionError, match="VOG"):
        role_model_move(role_model=role_model, to=Stage.VOG_CHECKED, by=coordinator)
    role_model_move(
        role_model=role_model, to=Stage.VOG_CHECKED, by=coordinator, vog_date=date(2026, 3, 1)
    )
    role_model.refresh_from_db()
    assert role_model.vog_date == date(2026, 3, 1)


def test_active_needs_the_confirmed_training(coordinator):
    role_model = RoleModelFactory(stage=Stage.IN_TRAINING, vog_date=date(2026, 1, 1))
    with pytest.raises(TransitionError, match="training"):
        role_model_move(role_model=role_model, to=Stage.ACTIVE, by=coordinator)
    role_model.refresh_from_db()
    assert role_model.stage == Stage.IN_TRAINING and role_model.user is None
    assert mail.outbox == []


def test_active_needs_the_vog_date(coordinator):
    role_model = RoleModelFactory(stage=Stage.IN_TRAINING)
    with pytest.raises(TransitionError, match="VOG"):
        role_model_move(
            role_model=role_model, to=Stage.ACTIVE, by=coordinator, training_confirmed=True
        )


def test_becoming_active_creates_the_account_and_sends_an_invitation(
    coordinator, django_capture_on_commit_callbacks
):
    role_model = RoleModelFactory(
        stage=Stage.IN_TRAINING, vog_date=date(2026, 1, 1), email="nieuw@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        role_model_move(
            role_model=role_model, to=Stage.ACTIVE, by=coordinator, training_confirmed=True
        )
    role_model.refresh_from_db()
    user = role_model.user
    assert user.email == "nieuw@example.org" and user.full_name == role_model.full_name
    assert user.roles == {Role.ROLE_MODEL} and user.invited_by == coordinator
    assert not user.has_usable_password()
    assert [m.to for m in mail.outbox] == [["nieuw@example.org"]]


def test_coming_back_from_a_pause_keeps_the_account(coordinator, role_model):
    profile = RoleModelFactory(stage=Stage.PAUSED, vog_date=date(2026, 1, 1), user=role_model)
    role_model_move(role_model=profile, to=Stage.ACTIVE, by=coordinator)
    profile.refresh_from_db()
    assert profile.user == role_model
    assert User.objects.count() == 2


def test_an_existing_account_gets_the_role_model_role(coordinator, professional):
    role_model = RoleModelFactory(
        stage=Stage.IN_TRAINING, vog_date=date(2026, 1, 1), email=professional.email.upper()
    )
    role_model_move(role_model=role_model, to=Stage.ACTIVE, by=coordinator, training_confirmed=True)
    professional.refresh_from_db()
    role_model.refresh_from_db()
    assert role_model.user == professional
    assert professional.roles == {Role.PROFESSIONAL, Role.ROLE_MODEL}


def test_a_stale_object_cannot_move_twice_from_the_same_stage(coordinator):
    role_model = RoleModelFactory(stage=Stage.APPLIED)
    stale_copy = type(role_model).objects.get(pk=role_model.pk)
    role_model_move(role_model=role_model, to=Stage.INTAKE, by=coordinator)
    with pytest.raises(TransitionError):
        role_model_move(role_model=stale_copy, to=Stage.INTAKE, by=coordinator)
    assert StageChange.objects.filter(role_model=role_model).count() == 2


def test_history_is_append_only(coordinator):
    role_model = RoleModelFactory(stage=Stage.APPLIED)
    role_model_move(role_model=role_model, to=Stage.INTAKE, by=coordinator)
    change = role_model.stage_changes.last()
    change.reason = "later rewritten"
    with pytest.raises(ValidationError):
        change.save()
    with pytest.raises(ValidationError):
        change.delete()
    change.refresh_from_db()
    assert change.reason == ""
    assert role_model.stage_changes.count() == 2


def test_history_is_read_only_in_the_admin(rf, administrator):
    from django.contrib.admin.sites import site

    admin = site._registry[StageChange]
    request = rf.get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request)
    assert not admin.has_delete_permission(request)


# --- the role-model training, as the trainings app records it ------------------------------


def _certificate(programme, email, *, completed_on=None, **kwargs):
    completed_on = completed_on or timezone.localdate()
    return Certificate.objects.create(
        programme=programme,
        full_name="Kandidaat",
        email=email,
        completed_on=completed_on,
        **kwargs,
    )


def test_the_completed_training_lets_a_candidate_become_active_without_confirmation(coordinator):
    candidate = RoleModelFactory(stage=Stage.IN_TRAINING, vog_date=date(2026, 1, 1))
    _certificate(role_model_training(), candidate.email)
    role_model_move(role_model=candidate, to=Stage.ACTIVE, by=coordinator)
    candidate.refresh_from_db()
    assert candidate.stage == Stage.ACTIVE and candidate.user is not None


def test_with_a_training_on_the_platform_a_confirmation_no_longer_suffices(coordinator):
    role_model_training()
    candidate = RoleModelFactory(stage=Stage.IN_TRAINING, vog_date=date(2026, 1, 1))
    with pytest.raises(TransitionError, match="Training rolmodellen"):
        role_model_move(
            role_model=candidate, to=Stage.ACTIVE, by=coordinator, training_confirmed=True
        )
    candidate.refresh_from_db()
    assert candidate.stage == Stage.IN_TRAINING and candidate.user is None


@pytest.mark.parametrize("flaw", ["revoked", "expired", "other programme"])
def test_an_invalid_certificate_does_not_count(coordinator, flaw):
    programme = role_model_training(validity_months=12)
    candidate = RoleModelFactory(stage=Stage.IN_TRAINING, vog_date=date(2026, 1, 1))
    today = timezone.localdate()
    if flaw == "revoked":
        _certificate(programme, candidate.email, revoked_at=timezone.now())
    elif flaw == "expired":
        _certificate(
            programme,
            candidate.email,
            completed_on=today - timedelta(days=400),
            valid_until=today - timedelta(days=35),
        )
    else:
        _certificate(ProgrammeFactory(name="Basistraining"), candidate.email)
    with pytest.raises(TransitionError):
        role_model_move(role_model=candidate, to=Stage.ACTIVE, by=coordinator)


def test_an_inactive_training_programme_leaves_the_confirmation_to_the_coordinator(coordinator):
    role_model_training(active=False)
    candidate = RoleModelFactory(stage=Stage.IN_TRAINING, vog_date=date(2026, 1, 1))
    with pytest.raises(TransitionError, match="training"):
        role_model_move(role_model=candidate, to=Stage.ACTIVE, by=coordinator)
    role_model_move(role_model=candidate, to=Stage.ACTIVE, by=coordinator, training_confirmed=True)
    candidate.refresh_from_db()
    assert candidate.stage == Stage.ACTIVE


def test_coming_back_from_a_pause_does_not_ask_for_the_training_again(coordinator):
    role_model_training()  # the platform runs the training; this role model predates it
    paused = RoleModelFactory(stage=Stage.PAUSED, vog_date=date(2026, 1, 1))
    role_model_move(role_model=paused, to=Stage.ACTIVE, by=coordinator)
    paused.refresh_from_db()
    assert paused.stage == Stage.ACTIVE


def test_the_certificate_of_the_linked_account_counts(coordinator, role_model):
    candidate = RoleModelFactory(
        stage=Stage.IN_TRAINING, vog_date=date(2026, 1, 1), user=role_model, email="oud@example.org"
    )
    _certificate(role_model_training(), "nieuw@example.org", user=role_model)
    role_model_move(role_model=candidate, to=Stage.ACTIVE, by=coordinator)
    candidate.refresh_from_db()
    assert candidate.stage == Stage.ACTIVE
