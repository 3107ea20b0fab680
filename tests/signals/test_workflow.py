"""The concern state machine: allowed transitions recorded, refused ones change nothing."""

import itertools
import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from signals import services
from signals.models import Concern, Transition
from signals.workflow import ALLOWED_TRANSITIONS, ENTERED_BY_RECORD, Outcome, State
from tests.conftest import skip_or_fail
from tests.signals.factories import CategoryFactory, ConcernFactory

# What a handler may simply choose; case conference and referral are entered by a record.
ALLOWED = [
    (start, to)
    for start, targets in ALLOWED_TRANSITIONS.items()
    for to in targets
    if to not in ENTERED_BY_RECORD
]
REFUSED = [
    (start, to)
    for start in State
    for to in State
    if to not in ALLOWED_TRANSITIONS[start] or to in ENTERED_BY_RECORD
]


def move(concern, to, by):
    return services.concern_transition(
        concern=concern,
        to=to,
        by=by,
        reason="Nieuwe informatie van school.",
        outcome=Outcome.ADVICE,
        outcome_text="Advies gegeven aan de mentor.",
    )


@pytest.mark.parametrize(("start", "to"), ALLOWED)
def test_every_allowed_transition_works_and_is_recorded(handler, municipality, start, to):
    concern = ConcernFactory(municipality=municipality, state=start)
    moved = move(concern, to, handler)
    assert moved.state == to
    last = concern.transitions.last()
    assert (last.from_state, last.to_state, last.actor) == (start, to, handler)
    assert concern.transitions.count() == 2


@pytest.mark.parametrize(("start", "to"), REFUSED)
def test_every_refused_transition_changes_nothing(handler, municipality, start, to):
    concern = ConcernFactory(municipality=municipality, state=start)
    with pytest.raises(services.TransitionError):
        move(concern, to, handler)
    concern.refresh_from_db()
    assert concern.state == start and concern.transitions.count() == 1


def test_closing_needs_an_outcome_and_a_text(handler, municipality):
    concern = ConcernFactory(municipality=municipality, state=State.IN_ASSESSMENT)
    for outcome, text in (("", "Uitleg"), (Outcome.NO_CONCERN, "  "), ("made-up", "Uitleg")):
        with pytest.raises(services.TransitionError):
            services.concern_transition(
                concern=concern, to=State.CLOSED, by=handler, outcome=outcome, outcome_text=text
            )
    closed = services.concern_transition(
        concern=concern,
        to=State.CLOSED,
        by=handler,
        outcome=Outcome.NO_CONCERN,
        outcome_text="Na gesprek geen zorg.",
    )
    assert closed.outcome == Outcome.NO_CONCERN and closed.closed_at is not None


def test_reopening_needs_a_reason_and_clears_the_outcome(handler, municipality):
    concern = ConcernFactory(
        municipality=municipality, state=State.CLOSED, outcome=Outcome.ADVICE, outcome_text="x"
    )
    with pytest.raises(services.TransitionError):
        services.concern_transition(concern=concern, to=State.REOPENED, by=handler, reason=" ")
    reopened = services.concern_transition(
        concern=concern, to=State.REOPENED, by=handler, reason="De melder ziet het opnieuw."
    )
    assert reopened.state == State.REOPENED and reopened.outcome == ""
    assert reopened.transitions.last().reason == "De melder ziet het opnieuw."


def test_handler_of_another_municipality_cannot_move_it(handler, other_municipality):
    concern = ConcernFactory(municipality=other_municipality)
    with pytest.raises(services.TransitionError):
        move(concern, State.IN_ASSESSMENT, handler)
    concern.refresh_from_db()
    assert concern.state == State.SUBMITTED


@pytest.mark.parametrize("persona", ["coordinator", "professional", "municipal_employee"])
def test_only_handlers_move_concerns(request, municipality, persona):
    concern = ConcernFactory(municipality=municipality)
    with pytest.raises(services.TransitionError):
        move(concern, State.IN_ASSESSMENT, request.getfixturevalue(persona))


def test_the_first_handler_to_move_an_unassigned_concern_takes_it(handler, municipality):
    concern = move(ConcernFactory(municipality=municipality), State.IN_ASSESSMENT, handler)
    assert concern.assigned_to == handler


def test_history_is_append_only(municipality):
    row = ConcernFactory(municipality=municipality).transitions.get()
    with pytest.raises(ValidationError):
        row.save()
    with pytest.raises(ValidationError):
        row.delete()
    assert Transition.objects.count() == 1


def test_the_same_form_sent_twice_creates_one_concern(professional, municipality):
    key = uuid.uuid4()
    data = {
        "category": CategoryFactory(name="Online uitingen"),
        "municipality": municipality,
        "setting": Concern.Setting.ONLINE,
        "observed": "Oproepen tot geweld in een groepsapp.",
    }
    first = services.concern_submit(reporter=professional, data=data, submission_key=key)
    second = services.concern_submit(reporter=professional, data=data, submission_key=key)
    assert first == second and Concern.objects.count() == 1
    assert first.transitions.get().to_state == State.SUBMITTED


@pytest.mark.django_db(transaction=True)
def test_concurrent_transitions_leave_one_consistent_history(handler, municipality):
    if connection.vendor != "postgresql":
        skip_or_fail("row locks need Postgres")
    concern = ConcernFactory(municipality=municipality, state=State.IN_ASSESSMENT)
    results = []
    barrier = threading.Barrier(2)

    def attempt(to):
        barrier.wait()
        try:
            if to == State.CASE_CONFERENCE:  # entered by recording one
                services.conference_record(
                    concern=concern,
                    by=handler,
                    held_on=concern.submitted_at.date(),
                    organisations=[],
                    decisions="Jongerenwerk legt contact.",
                )
            else:
                services.concern_transition(
                    concern=concern,
                    to=to,
                    by=handler,
                    outcome=Outcome.HANDLED,
                    outcome_text="Opgepakt door het netwerk.",
                )
            results.append(to)
        except services.TransitionError:
            results.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(to,)) for to in (State.CASE_CONFERENCE, State.CLOSED)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    concern.refresh_from_db()
    moves = list(concern.transitions.values_list("from_state", "to_state"))
    assert len(moves) == 3 - results.count("refused")
    assert moves[-1][1] == concern.state
    assert moves[1][0] == State.IN_ASSESSMENT
    for (_, to), (start, _next) in itertools.pairwise(moves[1:]):
        assert to == start  # each transition starts where the one before ended
