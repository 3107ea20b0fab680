"""Case conferences and referrals are records that move a concern; several handlers at once."""

import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from signals import services
from signals.models import CaseConference, Concern, Note, Referral
from signals.retention import concern_anonymise
from signals.workflow import Outcome, State
from tests.conftest import skip_or_fail
from tests.factories import UserFactory
from tests.network.factories import OrganisationFactory
from tests.signals.factories import ConcernFactory

DECISIONS = "Jongerenwerk gaat in gesprek met de jongen; school let op in de klas."


@pytest.fixture
def concern(municipality, professional):
    return ConcernFactory(
        municipality=municipality, reporter=professional, state=State.IN_ASSESSMENT
    )


@pytest.fixture
def partners(municipality):
    return [
        OrganisationFactory(name=name, municipalities=[municipality])
        for name in ("Jongerenwerk Groningen", "Wijkteam Oost")
    ]


def timeline(client, concern) -> list[str]:
    response = client.get(reverse("signals:my-report", args=[concern.pk]))
    return [str(item["step"]) for item in response.context["timeline"]]


def refer(client, concern, partner):
    data = {"organisation": partner.pk, "shared": "Leeftijd, geen naam.", "reason": "Kent hem."}
    return client.post(
        reverse("signals:refer", args=[concern.pk]),
        {f"referral-{key}": value for key, value in data.items()},
    )


@pytest.mark.parametrize("state", [State.REFERRED, State.CASE_CONFERENCE])
def test_the_next_step_never_offers_a_state_that_needs_a_record(
    client_for, handler, concern, state
):
    response = client_for(handler).get(reverse("signals:detail", args=[concern.pk]))
    assert state not in dict(response.context["form"].fields["to"].choices)
    response = client_for(handler).post(reverse("signals:move", args=[concern.pk]), {"to": state})
    concern.refresh_from_db()
    assert response.status_code == 400 and concern.state == State.IN_ASSESSMENT
    assert concern.transitions.count() == 1


@pytest.mark.parametrize("state", [State.REFERRED, State.CASE_CONFERENCE])
def test_the_service_refuses_to_move_there_without_a_record(handler, concern, state):
    with pytest.raises(services.TransitionError):
        services.concern_transition(concern=concern, to=state, by=handler)
    concern.refresh_from_db()
    assert concern.state == State.IN_ASSESSMENT and concern.transitions.count() == 1


def test_the_reporters_timeline_says_referred_only_once_a_referral_is_recorded(
    client_for, handler, professional, concern, partners
):
    # One test client: each client_for logs it in as that user.
    assert "Doorverwezen naar een partner" not in timeline(client_for(professional), concern)
    refer(client_for(handler), concern, partners[0])
    assert timeline(client_for(professional), concern)[-1] == "Doorverwezen naar een partner"
    assert Referral.objects.get().organisation == partners[0]


def test_a_referred_concern_can_be_referred_to_another_partner(
    client_for, handler, concern, partners
):
    client = client_for(handler)
    refer(client, concern, partners[0])
    page = client.get(reverse("signals:detail", args=[concern.pk]))
    assert page.context["referral_form"] is not None
    response = refer(client, concern, partners[1])
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.state == State.REFERRED
    assert [r.organisation for r in concern.referrals.all()] == partners
    # One move into "referred": the second referral records the partner, not a new state.
    assert concern.transitions.filter(to_state=State.REFERRED).count() == 1


def test_a_closed_concern_cannot_be_referred(handler, concern, partners):
    services.concern_transition(
        concern=concern, to=State.CLOSED, by=handler, outcome=Outcome.ADVICE, outcome_text="Klaar"
    )
    with pytest.raises(services.TransitionError, match="kan niet worden doorverwezen"):
        services.concern_refer(
            concern=concern, by=handler, organisation=partners[0], shared="a", reason="b"
        )
    assert not Referral.objects.exists()


def test_a_conference_recorded_from_a_stale_page_lands_beside_the_first(handler, concern):
    stale = Concern.objects.get(pk=concern.pk)  # read before a colleague recorded one
    services.conference_record(
        concern=concern, by=handler, held_on=timezone.localdate(), organisations=[], decisions="1"
    )
    services.conference_record(
        concern=stale, by=handler, held_on=timezone.localdate(), organisations=[], decisions="2"
    )
    assert sorted(CaseConference.objects.values_list("decisions", flat=True)) == ["1", "2"]
    concern.refresh_from_db()
    assert concern.state == State.CASE_CONFERENCE
    assert concern.transitions.filter(to_state=State.CASE_CONFERENCE).count() == 1


def test_nothing_is_written_to_a_concern_anonymised_after_the_page_was_read(handler, concern):
    stale = Concern.objects.get(pk=concern.pk)
    Concern.objects.filter(pk=concern.pk).update(state=State.CLOSED)
    concern_anonymise(concern=concern)
    with pytest.raises(services.TransitionError):
        services.concern_note_add(concern=stale, by=handler, text="Namen…", to_reporter=False)
    with pytest.raises(services.TransitionError):
        services.action_add(
            concern=stale, by=handler, description="x", owner=handler, due_on=timezone.localdate()
        )
    assert not Note.objects.exists() and not stale.actions.exists()


def test_the_loser_is_told_plainly_and_keeps_what_they_typed(client_for, handler, concern):
    colleague = UserFactory(roles=["handler"], municipalities=[concern.municipality])
    services.concern_transition(
        concern=concern,
        to=State.CLOSED,
        by=colleague,
        outcome=Outcome.NO_CONCERN,
        outcome_text="Geen zorg.",
    )
    data = {"held_on": timezone.localdate().isoformat(), "decisions": DECISIONS}
    response = client_for(handler).post(
        reverse("signals:conference", args=[concern.pk]),
        {f"conference-{key}": value for key, value in data.items()},
    )
    assert response.status_code == 409 and not CaseConference.objects.exists()
    page = response.content.decode()
    said = [str(m) for m in response.context["messages"]]
    assert said[0] == "Deze melding is nu „Afgesloten”: er kan geen casusoverleg worden vastgelegd."
    assert DECISIONS in page and '<details class="mb-2" open>' in page


@pytest.mark.django_db(transaction=True)
def test_two_handlers_recording_a_conference_at_once_both_land(municipality):
    if connection.vendor != "postgresql":
        skip_or_fail("row locks need Postgres")
    handlers = [UserFactory(roles=["handler"], municipalities=[municipality]) for _ in range(2)]
    concern = ConcernFactory(municipality=municipality, state=State.IN_ASSESSMENT)
    barrier = threading.Barrier(2)
    errors = []

    def record(handler):
        stale = Concern.objects.get(pk=concern.pk)
        barrier.wait()
        try:
            services.conference_record(
                concern=stale,
                by=handler,
                held_on=timezone.localdate(),
                organisations=[],
                decisions=f"Besluit van {handler.pk}",
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(handler,)) for handler in handlers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert CaseConference.objects.filter(concern=concern).count() == 2
    concern.refresh_from_db()
    assert concern.state == State.CASE_CONFERENCE
    assert list(concern.transitions.values_list("to_state", flat=True)) == [
        State.SUBMITTED,
        State.CASE_CONFERENCE,
    ]
