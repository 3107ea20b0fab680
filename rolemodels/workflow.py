"""The recruitment pipeline of role models: every stage and every allowed move, on one screen.

applied → intake → VOG checked → in training → active ⇄ paused → stopped;
declined is the exit from each of the early stages.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    APPLIED = "applied", _("Applied")
    INTAKE = "intake", _("Intake")
    VOG_CHECKED = "vog_checked", _("Certificate of conduct checked")
    IN_TRAINING = "in_training", _("In training")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    STOPPED = "stopped", _("Stopped")
    DECLINED = "declined", _("Declined")


ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Stage.APPLIED: frozenset({Stage.INTAKE, Stage.DECLINED}),
    Stage.INTAKE: frozenset({Stage.VOG_CHECKED, Stage.DECLINED}),
    Stage.VOG_CHECKED: frozenset({Stage.IN_TRAINING, Stage.DECLINED}),
    Stage.IN_TRAINING: frozenset({Stage.ACTIVE, Stage.DECLINED}),
    Stage.ACTIVE: frozenset({Stage.PAUSED, Stage.STOPPED}),
    Stage.PAUSED: frozenset({Stage.ACTIVE, Stage.STOPPED}),
    Stage.STOPPED: frozenset(),
    Stage.DECLINED: frozenset(),
}

# Moves into these stages need a reason, for the candidate's file.
REASON_REQUIRED = frozenset({Stage.DECLINED, Stage.PAUSED, Stage.STOPPED})
# Moves into these stages need the date of the certificate of conduct (VOG).
VOG_REQUIRED = frozenset({Stage.VOG_CHECKED, Stage.ACTIVE})
# Moves (from, to) that need the completed role-model training: a valid certificate of a
# programme with `qualifies_role_models`, as the trainings app records it. Only while no such
# programme is active on the platform (the training is given elsewhere) does a coordinator's
# explicit confirmation take its place. Coming back from a pause asks for nothing again.
TRAINING_REQUIRED = frozenset({(Stage.IN_TRAINING, Stage.ACTIVE)})


class Track(models.TextChoices):
    """What a person of the pool does: the same pipeline, its own training."""

    ROLE_MODEL = "role_model", _("Role model")
    MENTOR = "mentor", _("Mentor")
    BOTH = "both", _("Role model and mentor")


# The tracks that need the role-model training, and those that need the mentor training,
# before the move to active.
ROLE_MODEL_TRACKS = frozenset({Track.ROLE_MODEL, Track.BOTH})
MENTOR_TRACKS = frozenset({Track.MENTOR, Track.BOTH})

# Stages a candidate passes through on the way in: staying long in one of them is "stuck".
PIPELINE_STAGES = (Stage.APPLIED, Stage.INTAKE, Stage.VOG_CHECKED, Stage.IN_TRAINING)


def allowed_moves(stage: str) -> list[Stage]:
    """The stages one may move to from `stage`, in the order of the pipeline."""
    allowed = ALLOWED_TRANSITIONS.get(stage, frozenset())
    return [choice for choice in Stage if choice in allowed]


class ActivityState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


# An activity's life: the role model submits it, a coordinator approves it or returns it with a
# comment; a returned activity is fixed and submitted again. Approved is final.
ACTIVITY_TRANSITIONS: dict[str, frozenset[str]] = {
    ActivityState.DRAFT: frozenset({ActivityState.SUBMITTED}),
    ActivityState.SUBMITTED: frozenset({ActivityState.APPROVED, ActivityState.RETURNED}),
    ActivityState.RETURNED: frozenset({ActivityState.SUBMITTED}),
    ActivityState.APPROVED: frozenset(),
}
# Moves made by the role model who logged the activity; the others are the coordinator's.
ACTIVITY_MOVES_BY_OWNER = frozenset({ActivityState.SUBMITTED})
# The states in which the role model may still change what they logged.
ACTIVITY_EDITABLE = frozenset({ActivityState.DRAFT, ActivityState.RETURNED})
