"""The concern workflow: every state and every allowed transition, on one screen.

submitted → in assessment → case conference → referred → closed; closed may be reopened
(with a reason), which puts the concern back in assessment. A handler may also close from
assessment (e.g. "no concern") or refer straight after assessment.

"Case conference" and "referred" are entered only by recording one (a case conference with its
decisions, a referral with what was shared and why): the handler's plain choice of the next
step never offers them, so the history, and the reporter's timeline built from it, never says
partners were involved when none were. More conferences and referrals can be recorded while a
concern is in that state.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_ASSESSMENT = "in_assessment", _("In assessment")
    CASE_CONFERENCE = "case_conference", _("Case conference")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")


class Outcome(models.TextChoices):
    ADVICE = "advice", _("Advice given")
    REFERRED = "referred", _("Referred")
    HANDLED = "handled", _("Handled by the network")
    NO_CONCERN = "no_concern", _("No concern")
    OUT_OF_SCOPE = "out_of_scope", _("Outside our scope")


ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    State.SUBMITTED: frozenset({State.IN_ASSESSMENT}),
    State.IN_ASSESSMENT: frozenset({State.CASE_CONFERENCE, State.REFERRED, State.CLOSED}),
    State.CASE_CONFERENCE: frozenset({State.REFERRED, State.CLOSED, State.IN_ASSESSMENT}),
    State.REFERRED: frozenset({State.CLOSED, State.CASE_CONFERENCE}),
    State.CLOSED: frozenset({State.REOPENED}),
    State.REOPENED: frozenset({State.IN_ASSESSMENT, State.CASE_CONFERENCE, State.CLOSED}),
}

# States that only recording a case conference or a referral enters.
ENTERED_BY_RECORD = frozenset({State.CASE_CONFERENCE, State.REFERRED})

# Closing needs an outcome and a text; reopening needs a reason.
OUTCOME_REQUIRED = frozenset({State.CLOSED})
REASON_REQUIRED = frozenset({State.REOPENED})
# States counted as open (for "my open reports", work queues and trend updates).
OPEN_STATES = frozenset(set(State) - {State.CLOSED})

# What the reporter sees of each state: the graded timeline of "My reports".
REPORTER_STEP = {
    State.SUBMITTED: _("Received"),
    State.IN_ASSESSMENT: _("Being looked at"),
    State.REOPENED: _("Being looked at again"),
    State.CASE_CONFERENCE: _("Discussed with partners"),
    State.REFERRED: _("Referred to a partner"),
    State.CLOSED: _("Closed"),
}


def allowed_transitions(state: str) -> list[State]:
    allowed = ALLOWED_TRANSITIONS.get(state, frozenset())
    return [choice for choice in State if choice in allowed]


def chosen_transitions(state: str) -> list[State]:
    """The next steps a handler may simply choose: not those that need a record."""
    return [choice for choice in allowed_transitions(state) if choice not in ENTERED_BY_RECORD]


def may_record(state: str, entered: State) -> bool:
    """Whether a case conference or referral (entering `entered`) can be recorded now: from
    a state that may move there, or in that state already (a further one)."""
    return state == entered or entered in ALLOWED_TRANSITIONS.get(state, frozenset())
