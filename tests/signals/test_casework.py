"""Case conferences, follow-up actions and referrals to partners of the social map."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from signals.models import CaseConference, FollowUpAction, Referral
from signals.workflow import State
from tests.factories import UserFactory
from tests.network.factories import OrganisationFactory
from tests.signals.factories import ConcernFactory

TODAY = timezone.localdate


@pytest.fixture
def concern(municipality):
    return ConcernFactory(municipality=municipality, state=State.IN_ASSESSMENT)


@pytest.fixture
def partner(municipality):
    return OrganisationFactory(name="Jongerenwerk Groningen", municipalities=[municipality])


PREFIX = {"conference": "conference", "action": "action", "refer": "referral"}


def post(client, name, concern, data):
    data = {f"{PREFIX[name]}-{key}": value for key, value in data.items()}
    return client.post(reverse(f"signals:{name}", args=[concern.pk]), data, follow=True)


def test_recording_a_case_conference_moves_the_concern_there(client_for, handler, concern, partner):
    post(
        client_for(handler),
        "conference",
        concern,
        {
            "held_on": TODAY().isoformat(),
            "organisations": [partner.pk],
            "decisions": "Jongerenwerk gaat in gesprek met de jongen.",
        },
    )
    conference = CaseConference.objects.get()
    assert list(conference.organisations.all()) == [partner]
    concern.refresh_from_db()
    assert concern.state == State.CASE_CONFERENCE


def test_conference_in_the_future_or_without_decisions_is_refused(client_for, handler, concern):
    client = client_for(handler)
    tomorrow = (TODAY() + timedelta(days=1)).isoformat()
    post(client, "conference", concern, {"held_on": tomorrow, "decisions": "Iets"})
    post(client, "conference", concern, {"held_on": TODAY().isoformat(), "decisions": ""})
    assert not CaseConference.objects.exists()
    concern.refresh_from_db()
    assert concern.state == State.IN_ASSESSMENT


def test_actions_get_an_owner_and_are_flagged_when_overdue(client_for, handler, concern):
    client = client_for(handler)
    yesterday = (TODAY() - timedelta(days=1)).isoformat()
    post(
        client,
        "action",
        concern,
        {"description": "School bellen", "owner": handler.pk, "due_on": yesterday},
    )
    action = FollowUpAction.objects.get()
    assert action.owner == handler and action.is_overdue
    page = client.get(reverse("signals:detail", args=[concern.pk])).content.decode()
    assert "School bellen" in page and "badge text-bg-danger" in page
    client.post(reverse("signals:action-done", args=[concern.pk, action.pk]))
    action.refresh_from_db()
    assert action.done_at is not None and not action.is_overdue


def test_action_owner_must_handle_the_municipality(
    client_for, handler, concern, other_municipality
):
    outsider = UserFactory(roles=["handler"], municipalities=[other_municipality])
    post(
        client_for(handler),
        "action",
        concern,
        {"description": "Iets", "owner": outsider.pk, "due_on": TODAY().isoformat()},
    )
    assert not FollowUpAction.objects.exists()


def test_referral_records_what_was_shared_and_why(client_for, handler, concern, partner):
    post(
        client_for(handler),
        "refer",
        concern,
        {
            "organisation": partner.pk,
            "shared": "Leeftijd en school, geen naam.",
            "reason": "Jongerenwerk kent de groep.",
        },
    )
    referral = Referral.objects.get()
    assert referral.organisation == partner and referral.referred_by == handler
    concern.refresh_from_db()
    assert concern.state == State.REFERRED
    assert concern.transitions.last().to_state == State.REFERRED


def test_referral_without_what_was_shared_is_refused(client_for, handler, concern, partner):
    post(
        client_for(handler),
        "refer",
        concern,
        {"organisation": partner.pk, "shared": "", "reason": "x"},
    )
    assert not Referral.objects.exists()
    concern.refresh_from_db()
    assert concern.state == State.IN_ASSESSMENT


def test_only_partners_serving_the_municipality_can_be_chosen(
    client_for, handler, concern, other_municipality
):
    elsewhere = OrganisationFactory(municipalities=[other_municipality])
    post(
        client_for(handler),
        "refer",
        concern,
        {"organisation": elsewhere.pk, "shared": "a", "reason": "b"},
    )
    assert not Referral.objects.exists()


@pytest.mark.parametrize("name", ["conference", "action", "refer"])
def test_non_handlers_are_refused(client_for, professional, concern, name):
    response = client_for(professional).post(reverse(f"signals:{name}", args=[concern.pk]), {})
    assert response.status_code == 403


def test_handler_assigns_a_colleague_of_the_municipality(
    client_for, handler, concern, municipality, other_municipality
):
    colleague = UserFactory(roles=["handler"], municipalities=[municipality])
    outsider = UserFactory(roles=["handler"], municipalities=[other_municipality])
    client = client_for(handler)
    url = reverse("signals:assign", args=[concern.pk])
    client.post(url, {"assign-handler": outsider.pk})
    concern.refresh_from_db()
    assert concern.assigned_to is None
    client.post(url, {"assign-handler": colleague.pk})
    concern.refresh_from_db()
    assert concern.assigned_to == colleague
