"""Writes of the concern workflow: one function per use case."""

import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from polrad.accounts.models import User
from polrad.errors import Refusal
from signals import tasks
from signals.models import (
    CaseConference,
    Concern,
    FollowUpAction,
    Note,
    Referral,
    RetentionExtension,
    Transition,
)
from signals.selectors import may_handle
from signals.stats import conferences_changed
from signals.suppression import month_of, publications_changed
from signals.workflow import (
    ALLOWED_TRANSITIONS,
    ENTERED_BY_RECORD,
    OUTCOME_REQUIRED,
    REASON_REQUIRED,
    Outcome,
    State,
    may_record,
)


class TransitionError(Refusal):
    """A refused transition of a concern, with a message fit for the user."""


def _create_concern(*, reporter: User, data: dict, submission_key: uuid.UUID | None) -> Concern:
    with transaction.atomic():
        concern = Concern.objects.create(reporter=reporter, submission_key=submission_key, **data)
        Transition.objects.create(
            concern=concern, from_state="", to_state=State.SUBMITTED, actor=reporter
        )
    return concern


def concern_submit(*, reporter: User, data: dict, submission_key: uuid.UUID | None) -> Concern:
    """A new concern from a reporter. The same form sent twice (same key) creates one.

    A key already used by someone else is no double submit (a copied form, a forged key): the
    concern is stored without it, and nothing of the other reporter's concern is revealed.
    """
    if submission_key is not None:
        earlier = Concern.objects.filter(submission_key=submission_key).first()
        if earlier is not None and earlier.reporter_id == reporter.pk:
            return earlier
        if earlier is not None:
            submission_key = None
    try:
        concern = _create_concern(reporter=reporter, data=data, submission_key=submission_key)
    except IntegrityError:
        # A twin request won the race for the same key: if it was this reporter's, it counts.
        twins = Concern.objects.filter(submission_key=submission_key, reporter=reporter)
        twin = twins.first() if submission_key is not None else None
        if twin is not None:
            return twin
        concern = _create_concern(reporter=reporter, data=data, submission_key=None)
    tasks.send_receipt.delay_on_commit(concern.pk)
    if concern.urgency == Concern.Urgency.URGENT:
        tasks.notify_handlers_of_urgent_concern.delay_on_commit(concern.pk)
    return concern


def _lock(concern: Concern, by: User, *, allow_anonymised: bool = False) -> Concern:
    """The concern's row, locked until the transaction ends, after checking that `by` may
    change it: every check of its state is made on this row, never on one read earlier."""
    locked = Concern.objects.select_for_update().get(pk=concern.pk)
    if not may_handle(by, locked):
        raise TransitionError(_("Only a handler of this municipality can change this concern."))
    if locked.anonymised_at is not None and not allow_anonymised:
        raise TransitionError(_("This concern has been anonymised and cannot be changed."))
    return locked


def _check(concern: Concern, to: str, reason: str, outcome: str, text: str) -> None:
    if to not in ALLOWED_TRANSITIONS.get(concern.state, ()):
        raise TransitionError(
            _("A concern cannot go from “%(from)s” to “%(to)s”.")
            % {"from": State(concern.state).label, "to": State(to).label}
            if to in State.values
            else _("This state does not exist.")
        )
    if to in REASON_REQUIRED and not reason.strip():
        raise TransitionError(_("Give the reason for reopening the concern."))
    if to in OUTCOME_REQUIRED and (outcome not in Outcome.values or not text.strip()):
        raise TransitionError(_("Choose the outcome and explain it before closing the concern."))


def _move(
    locked: Concern, *, to: str, by: User, reason: str = "", outcome: str = "", text: str = ""
) -> Concern:
    """Move a locked concern if the workflow allows it; append the transition."""
    _check(locked, to, reason, outcome, text)
    now = timezone.now()
    Transition.objects.create(
        concern=locked,
        from_state=locked.state,
        to_state=to,
        actor=by,
        reason=(text if to == State.CLOSED else reason).strip(),
        created_at=now,
    )
    locked.state = to
    locked.state_changed_at = now
    if to == State.CLOSED:
        locked.outcome, locked.outcome_text, locked.closed_at = outcome, text.strip(), now
        if locked.reporter_id:
            tasks.send_closed_notice.delay_on_commit(locked.pk)
    elif to == State.REOPENED:
        locked.outcome, locked.outcome_text, locked.closed_at = "", "", None
        locked.reopen_requested_at = None
    if to in (State.CLOSED, State.REOPENED):  # the outcome counts in its month's figures
        month = month_of(locked.submitted_at)
        transaction.on_commit(lambda: publications_changed([month]))
    if locked.assigned_to_id is None:
        locked.assigned_to = by  # whoever first moves an unassigned concern takes it
    locked.save()
    return locked


@transaction.atomic
def concern_transition(
    *,
    concern: Concern,
    to: str,
    by: User,
    reason: str = "",
    outcome: str = "",
    outcome_text: str = "",
) -> Concern:
    """The handler's chosen next step, under a row lock, if the workflow allows it.

    "Case conference" and "referred" are not a choice: recording one moves the concern there.
    """
    locked = _lock(concern, by)
    if to in ENTERED_BY_RECORD:
        raise TransitionError(
            _("Record the case conference or the referral itself; that moves the concern.")
        )
    return _move(locked, to=to, by=by, reason=reason, outcome=outcome, text=outcome_text)


@transaction.atomic
def concern_assign(*, concern: Concern, handler: User, by: User) -> Concern:
    """Assign a concern to a handler of its municipality (taking it: handler is `by`)."""
    locked = Concern.objects.select_for_update().get(pk=concern.pk)
    if not may_handle(by, locked) or not may_handle(handler, locked):
        raise TransitionError(_("Only a handler of this municipality can take this concern."))
    locked.assigned_to = handler
    locked.save(update_fields=["assigned_to"])
    return locked


@transaction.atomic
def concern_note_add(*, concern: Concern, by: User, text: str, to_reporter: bool) -> Note:
    """An internal note, or a message the reporter sees (and is emailed about, without text)."""
    locked = _lock(concern, by)
    if not text.strip():
        raise TransitionError(_("Write something first."))
    if to_reporter and locked.reporter_id is None:
        raise TransitionError(_("This concern has no reporter to send a message to."))
    note = Note.objects.create(
        concern=locked, author=by, text=text.strip(), to_reporter=to_reporter
    )
    if to_reporter:
        tasks.send_message_notice.delay_on_commit(note.pk)
    return note


MAX_RETENTION_EXTENSION = timedelta(days=5 * 366)


@transaction.atomic
def concern_retain(*, concern: Concern, until, reason: str, by: User) -> Concern:
    """Keep a closed concern beyond its retention period, with the reason logged."""
    locked = Concern.objects.select_for_update().get(pk=concern.pk)
    if not may_handle(by, locked):
        raise TransitionError(_("Only a handler of this municipality can change this concern."))
    if locked.anonymised_at is not None:
        raise TransitionError(_("This concern has already been anonymised."))
    today = timezone.localdate()
    if not today < until <= today + MAX_RETENTION_EXTENSION:
        raise TransitionError(_("Choose a date in the future, at most five years from now."))
    if not reason.strip():
        raise TransitionError(_("Give the reason for keeping the concern longer."))
    RetentionExtension.objects.create(concern=locked, until=until, reason=reason.strip(), actor=by)
    locked.retain_until = until
    locked.retention_warned_at = None
    locked.save(update_fields=["retain_until", "retention_warned_at"])
    return locked


def _enter_by_record(locked: Concern, *, entered: State, by: User, reason: str = "") -> None:
    """Move a locked concern into the state a record (conference, referral) enters; in that
    state already, a further record changes nothing of the state."""
    if locked.state == entered:
        return
    if not may_record(locked.state, entered):
        refused = {
            State.CASE_CONFERENCE: _(
                "This concern is now “%(state)s”: no case conference can be recorded."
            ),
            State.REFERRED: _("This concern is now “%(state)s”: it cannot be referred."),
        }
        raise TransitionError(refused[entered] % {"state": State(locked.state).label})
    _move(locked, to=entered, by=by, reason=reason)


@transaction.atomic
def conference_record(
    *, concern: Concern, by: User, held_on, organisations, decisions: str, interventions=()
) -> CaseConference:
    """Record a case conference; a concern not yet in that state moves to it. Two handlers
    recording one at the same moment both land: the second waits for the first's lock."""
    locked = _lock(concern, by)
    if not decisions.strip():
        raise TransitionError(_("Write down what was decided."))
    _enter_by_record(locked, entered=State.CASE_CONFERENCE, by=by)
    conference = CaseConference.objects.create(
        concern=locked, held_on=held_on, decisions=decisions.strip(), recorded_by=by
    )
    conference.organisations.set(organisations)
    conference.interventions.set(interventions)
    place = locked.municipality_id
    transaction.on_commit(lambda: conferences_changed([place]))
    return conference


@transaction.atomic
def action_add(
    *, concern: Concern, by: User, description: str, owner: User, due_on
) -> FollowUpAction:
    locked = _lock(concern, by)
    if not may_handle(owner, locked):
        raise TransitionError(_("The owner must be a handler of this municipality."))
    if not description.strip():
        raise TransitionError(_("Describe the action."))
    return FollowUpAction.objects.create(
        concern=locked, description=description.strip(), owner=owner, due_on=due_on
    )


@transaction.atomic
def action_complete(*, action: FollowUpAction, by: User) -> FollowUpAction:
    _lock(action.concern, by)
    locked = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    if locked.done_at is None:
        locked.done_at = timezone.now()
        locked.save(update_fields=["done_at"])
    return locked


@transaction.atomic
def concern_refer(
    *, concern: Concern, by: User, organisation, shared: str, reason: str
) -> Referral:
    """Refer to a partner of the social map, recording what was shared and why (minimal data).

    The only way into "referred"; a concern already referred can be referred to another
    partner as well."""
    locked = _lock(concern, by)
    if not shared.strip() or not reason.strip():
        raise TransitionError(_("Record what was shared with the partner and why."))
    _enter_by_record(
        locked,
        entered=State.REFERRED,
        by=by,
        reason=_("Referred to %(organisation)s") % {"organisation": organisation},
    )
    return Referral.objects.create(
        concern=locked,
        organisation=organisation,
        shared=shared.strip(),
        reason=reason.strip(),
        referred_by=by,
    )
