"""Writes of the role-model app: one function per use case."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import PracticeCategory, PracticeExample
from polrad.accounts.models import User
from polrad.accounts.roles import Role
from polrad.accounts.services import user_invite, user_set_roles
from polrad.errors import Refusal
from polrad.permissions import MANAGE_ROLE_MODELS
from rolemodels.mentoring.selectors import active_mentorships_of
from rolemodels.models import VOG_IN_FUTURE, Activity, ActivityEvent, RoleModel, StageChange
from rolemodels.selectors import role_model_training_status
from rolemodels.stats import deployments_changed, figures_changed, pool_changed
from rolemodels.tasks import send_application_confirmation
from rolemodels.workflow import (
    ACTIVITY_EDITABLE,
    ACTIVITY_MOVES_BY_OWNER,
    ACTIVITY_TRANSITIONS,
    ALLOWED_TRANSITIONS,
    MENTOR_TRACKS,
    REASON_REQUIRED,
    ROLE_MODEL_TRACKS,
    TRAINING_REQUIRED,
    VOG_REQUIRED,
    ActivityState,
    Stage,
)

# A second application with the same address within this time is the same one sent twice.
DOUBLE_SUBMIT_WINDOW = timedelta(hours=1)

M2M_FIELDS = ("communities", "languages", "themes")


class TransitionError(Refusal):
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


def _check(
    role_model: RoleModel, to: str, reason: str, training_confirmed: bool, mentor_confirmed: bool
) -> None:
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
    if (role_model.stage, to) in TRAINING_REQUIRED:
        if role_model.track in ROLE_MODEL_TRACKS:
            _check_training(role_model, training_confirmed)
        if role_model.track in MENTOR_TRACKS:
            _check_mentor_training(role_model, mentor_confirmed)
    if to == Stage.STOPPED and active_mentorships_of(role_model).exists():
        raise TransitionError(
            _("Hand over or end the mentorships of %(name)s before they stop.")
            % {"name": role_model.full_name}
        )


def _check_training(role_model: RoleModel, training_confirmed: bool) -> None:
    status = role_model_training_status(role_model)
    if status.completed or (status.needs_confirmation and training_confirmed):
        return
    if status.needs_confirmation:
        raise TransitionError(_("Confirm that the role-model training has been completed."))
    raise TransitionError(
        _("%(name)s has not completed the role-model training “%(programme)s” yet.")
        % {"name": role_model.full_name, "programme": status.programme}
    )


def _check_mentor_training(role_model: RoleModel, confirmed: bool) -> None:
    status = role_model_training_status(role_model, mentor=True)
    if status.completed or (status.needs_confirmation and confirmed):
        return
    if status.needs_confirmation:
        raise TransitionError(_("Confirm that the mentor training has been completed."))
    raise TransitionError(
        _("%(name)s has not completed the mentor training “%(programme)s” yet.")
        % {"name": role_model.full_name, "programme": status.programme}
    )


@transaction.atomic
def role_model_move(
    *,
    role_model: RoleModel,
    to: str,
    by: User,
    reason: str = "",
    training_confirmed: bool = False,
    mentor_training_confirmed: bool = False,
    vog_date: date | None = None,
) -> RoleModel:
    """Move a role model to another stage, if the workflow allows it; record who, when, why.

    The row is locked, so two coordinators moving the same candidate cannot both succeed from
    the same stage. On the first move to active the role model gets an account (invitation).
    """
    locked = RoleModel.objects.select_for_update().get(pk=role_model.pk)
    if vog_date is not None and vog_date > timezone.localdate():
        raise TransitionError(VOG_IN_FUTURE)
    if vog_date is not None:
        locked.vog_date = vog_date
    _check(locked, to, reason, training_confirmed, mentor_training_confirmed)
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
    place = locked.municipality_id
    transaction.on_commit(lambda: pool_changed([place]))
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
    """Save a profile form: the coordinator's full form or the role model's own part.

    A replaced or removed photo is deleted from storage once the change is committed.
    """
    # Where they live and their themes count in the figures: the place before and after.
    places = {form.instance.municipality_id}
    if form.instance.pk:
        places |= set(
            RoleModel.objects.filter(pk=form.instance.pk).values_list("municipality_id", flat=True)
        )
    old_photo = ""
    if "photo" in form.changed_data:
        old_photo = RoleModel.objects.filter(pk=form.instance.pk).values_list("photo", flat=True)
        old_photo = next(iter(old_photo), "") or ""
    role_model = form.save()
    if old_photo and old_photo != role_model.photo.name:
        storage = role_model.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    if role_model.user_id and "full_name" in form.changed_data:
        User.objects.filter(pk=role_model.user_id).update(full_name=role_model.full_name)
    places.add(role_model.municipality_id)
    transaction.on_commit(lambda: pool_changed(places))
    return role_model


# --- activities ---------------------------------------------------------------------------

ACTIVITY_M2M_FIELDS = ("themes", "co_presenters")


class ActivityError(Refusal):
    """A refused change of an activity, with a message fit for the user."""


@transaction.atomic
def activity_save(
    *, role_model: RoleModel, data: dict, by: User, activity: Activity | None = None
) -> Activity:
    """Log a new activity as a draft, or change one that is still a draft or was returned."""
    fields = {key: value for key, value in data.items() if key not in ACTIVITY_M2M_FIELDS}
    if activity is None:
        activity = Activity.objects.create(role_model=role_model, **fields)
        ActivityEvent.objects.create(
            activity=activity, from_state="", to_state=ActivityState.DRAFT, actor=by
        )
    else:
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if activity.role_model_id != role_model.pk or activity.state not in ACTIVITY_EDITABLE:
            raise ActivityError(_("This activity can no longer be changed."))
        for key, value in fields.items():
            setattr(activity, key, value)
        activity.save()
    activity.themes.set(data.get("themes") or [])
    activity.co_presenters.set(
        [other for other in data.get("co_presenters") or [] if other.pk != role_model.pk]
    )
    transaction.on_commit(deployments_changed)
    return activity


def _check_activity_move(activity: Activity, to: str, by: User, comment: str) -> None:
    if to not in ACTIVITY_TRANSITIONS.get(activity.state, ()):
        raise ActivityError(
            _("An activity cannot move from “%(from)s” to “%(to)s”.")
            % {"from": ActivityState(activity.state).label, "to": ActivityState(to).label}
            if to in ActivityState.values
            else _("This state does not exist.")
        )
    owner_id = activity.role_model.user_id
    if to in ACTIVITY_MOVES_BY_OWNER and (owner_id is None or owner_id != by.pk):
        raise ActivityError(_("Only the role model who logged the activity can submit it."))
    if to not in ACTIVITY_MOVES_BY_OWNER and not by.has_perm(MANAGE_ROLE_MODELS):
        raise ActivityError(_("Only a network coordinator can approve or return an activity."))
    if to == ActivityState.RETURNED and not comment.strip():
        raise ActivityError(_("Say what needs to change before returning the activity."))


@transaction.atomic
def activity_move(
    *, activity: Activity, to: str, by: User, comment: str = "", shareable: bool = False
) -> Activity:
    """Submit, approve or return an activity, under a row lock; append the move to its history.

    `shareable`: on approval, whether the short description may appear in reports.
    """
    from rolemodels.tasks import send_activity_reviewed

    locked = Activity.objects.select_for_update().select_related("role_model").get(pk=activity.pk)
    _check_activity_move(locked, to, by, comment)
    now = timezone.now()
    event = ActivityEvent.objects.create(
        activity=locked,
        from_state=locked.state,
        to_state=to,
        actor=by,
        comment=comment.strip(),
        created_at=now,
    )
    locked.state = to
    if to == ActivityState.SUBMITTED:
        locked.submitted_at = now
    elif to == ActivityState.APPROVED:
        locked.approved_at = now
    if to == ActivityState.RETURNED:
        locked.review_comment = comment.strip()
    if to == ActivityState.APPROVED:
        locked.shareable = shareable
        place = locked.municipality_id
        transaction.on_commit(lambda: figures_changed([place]))
    if to in (ActivityState.APPROVED, ActivityState.RETURNED):
        send_activity_reviewed.delay_on_commit(event.pk)
    locked.save(
        update_fields=["state", "submitted_at", "approved_at", "review_comment", "shareable"]
    )
    transaction.on_commit(deployments_changed)
    return locked


@transaction.atomic
def activities_approve(*, ids: list[int], by: User) -> int:
    """Approve in bulk the activities among `ids` that await approval; returns how many."""
    from rolemodels.tasks import send_activity_reviewed

    if not by.has_perm(MANAGE_ROLE_MODELS):
        raise ActivityError(_("Only a network coordinator can approve or return an activity."))
    now = timezone.now()
    pending = list(
        Activity.objects.select_for_update()
        .filter(pk__in=ids, state=ActivityState.SUBMITTED)
        .values_list("pk", flat=True)
    )
    ActivityEvent.objects.bulk_create(
        ActivityEvent(
            activity_id=pk,
            from_state=ActivityState.SUBMITTED,
            to_state=ActivityState.APPROVED,
            actor=by,
            created_at=now,
        )
        for pk in pending
    )
    approved = Activity.objects.filter(pk__in=pending)
    places = set(approved.values_list("municipality_id", flat=True))
    approved.update(state=ActivityState.APPROVED, approved_at=now)
    if pending:
        transaction.on_commit(lambda: figures_changed(places))
        transaction.on_commit(deployments_changed)
    for event_id in ActivityEvent.objects.filter(
        activity_id__in=pending, to_state=ActivityState.APPROVED, created_at=now
    ).values_list("pk", flat=True):
        send_activity_reviewed.delay_on_commit(event_id)
    return len(pending)


def activity_tag_intervention(*, activity: Activity, intervention) -> Activity:
    """A coordinator records which intervention of the catalogue an activity delivered."""
    activity.intervention = intervention
    activity.save(update_fields=["intervention"])
    place = activity.municipality_id
    transaction.on_commit(lambda: figures_changed([place]))
    return activity


@transaction.atomic
def practice_example_from_activity(*, activity: Activity, by: User) -> PracticeExample:
    """Turn an approved, shareable activity into a draft practice example in one step.

    Only what may be shared is copied (the short description, never the reflection); the
    coordinator completes the draft. Asking twice returns the same draft."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.state != ActivityState.APPROVED or not activity.shareable:
        raise ActivityError(_("Only an approved activity that may be shared can become one."))
    if activity.practice_example_id:
        return activity.practice_example
    intervention = activity.intervention
    example = PracticeExample.objects.create(
        title=_("%(venue)s in %(municipality)s")
        % {
            "venue": activity.venue or activity.get_venue_type_display(),
            "municipality": activity.municipality.name,
        },
        intervention=intervention,
        category=intervention.category if intervention else PracticeCategory.YOUTH,
        municipality=activity.municipality,
        started_on=activity.date,
        ended_on=activity.date,
        what_was_done=activity.description or activity.get_venue_type_display(),
        results=_("%(count)s participants (%(group)s).")
        % {"count": activity.participants, "group": activity.get_target_group_display()},
        is_draft=True,
    )
    if activity.host_organisation_id:
        example.organisations.set([activity.host_organisation_id])
    activity.practice_example = example
    activity.save(update_fields=["practice_example"])
    return example
