"""Writes of the role-model app: one function per use case."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from polrad.accounts.models import User
from polrad.accounts.roles import Role
from polrad.accounts.services import user_invite, user_set_roles
from rolemodels.models import RoleModel, StageChange
from rolemodels.workflow import (
    ALLOWED_TRANSITIONS,
    REASON_REQUIRED,
    TRAINING_REQUIRED,
    VOG_REQUIRED,
    Stage,
)

# A second application with the same address within this time is the same one sent twice.
DOUBLE_SUBMIT_WINDOW = timedelta(hours=1)

M2M_FIELDS = ("communities", "languages", "themes")


class TransitionError(Exception):
    """A refused move between stages, with a message fit for the user."""


def _create(*, data: dict, by: User | None, consent: bool) -> RoleModel:
    fields = {key: value for key, value in data.items() if key not in M2M_FIELDS}
    now = timezone.now()
    role_model = RoleModel.objects.create(
        **fields,
        stage=Stage.APPLIED,
        stage_changed_at=now,
        created_at=now,
        nominated_by=by,
        consent_date=timezone.localdate() if consent else None,
    )
    for name in M2M_FIELDS:
        if data.get(name) is not None:
            getattr(role_model, name).set(data[name])
    StageChange.objects.create(
        role_model=role_model, from_stage="", to_stage=Stage.APPLIED, actor=by, created_at=now
    )
    return role_model


@transaction.atomic
def role_model_apply(*, data: dict) -> RoleModel:
    """A public application. Sent twice (same address within the hour): the first one counts."""
    from rolemodels.tasks import send_application_confirmation

    data = {**data, "email": data["email"].strip().lower()}
    earlier = RoleModel.objects.filter(
        email=data["email"],
        stage=Stage.APPLIED,
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if earlier is not None:
        return earlier
    role_model = _create(data=data, by=None, consent=True)
    send_application_confirmation.delay_on_commit(role_model.pk)
    return role_model


@transaction.atomic
def role_model_nominate(*, data: dict, by: User) -> RoleModel:
    """A partner proposes someone; their consent is asked for at the intake."""
    data = {**data, "email": data["email"].strip().lower()}
    return _create(data=data, by=by, consent=False)


def _check(role_model: RoleModel, to: str, reason: str, training_confirmed: bool) -> None:
    if to not in ALLOWED_TRANSITIONS.get(role_model.stage, ()):
        raise TransitionError(
            _("A role model cannot move from “%(from)s” to “%(to)s”.")
            % {"from": Stage(role_model.stage).label, "to": Stage(to).label}
            if to in Stage.values
            else _("This stage does not exist.")
        )
    if to in REASON_REQUIRED and not reason.strip():
        raise TransitionError(_("Give a reason for this step."))
    if to in VOG_REQUIRED and role_model.vog_date is None:
        raise TransitionError(_("Enter the date of the certificate of conduct (VOG) first."))
    if to in TRAINING_REQUIRED and not training_confirmed:
        raise TransitionError(_("Confirm that the role-model training has been completed."))


@transaction.atomic
def role_model_move(
    *,
    role_model: RoleModel,
    to: str,
    by: User,
    reason: str = "",
    training_confirmed: bool = False,
    vog_date: date | None = None,
) -> RoleModel:
    """Move a role model to another stage, if the workflow allows it; record who, when, why.

    The row is locked, so two coordinators moving the same candidate cannot both succeed from
    the same stage. On the first move to active the role model gets an account (invitation).
    """
    locked = RoleModel.objects.select_for_update().get(pk=role_model.pk)
    if vog_date is not None:
        locked.vog_date = vog_date
    _check(locked, to, reason, training_confirmed)
    now = timezone.now()
    StageChange.objects.create(
        role_model=locked,
        from_stage=locked.stage,
        to_stage=to,
        actor=by,
        reason=reason.strip(),
        created_at=now,
    )
    locked.stage = to
    locked.stage_changed_at = now
    if to == Stage.ACTIVE and locked.user_id is None:
        locked.user = _account_for(locked, by)
    locked.save(update_fields=["stage", "stage_changed_at", "vog_date", "user"])
    return locked


def _account_for(role_model: RoleModel, by: User) -> User:
    """An existing account with the address gets the role; otherwise one is invited."""
    existing = User.objects.filter(email__iexact=role_model.email).first()
    if existing is not None:
        user_set_roles(user=existing, roles=existing.roles | {Role.ROLE_MODEL})
        return existing
    return user_invite(
        email=role_model.email,
        full_name=role_model.full_name,
        roles=[Role.ROLE_MODEL],
        municipalities=[],
        invited_by=by,
    )


@transaction.atomic
def role_model_update_profile(*, form) -> RoleModel:
    """Save a profile form: the coordinator's full form or the role model's own part."""
    role_model = form.save()
    if role_model.user_id and "full_name" in form.changed_data:
        User.objects.filter(pk=role_model.user_id).update(full_name=role_model.full_name)
    return role_model
