"""Coaching of a mentor discusses their mentorships: chosen among the mentor's own, shown on
each mentorship's page to its mentor, their coach and the coordinators, never the notes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from polrad.accounts.roles import Role
from rolemodels.mentoring import services as mentoring
from tests.factories import UserFactory
from tests.rolemodels.factories import MentorshipFactory, active_mentor, active_role_model_for
from tests.trainings.factories import CoachingSessionFactory
from trainings.coaching import services as coaching
from trainings.models import CoachingSession

NOTES = "Vertrouwelijk: de mentor twijfelt of hij het aankan."
TOPICS = "Hoe het gaat met Vos op school."


def log_url(role_model):
    return reverse("trainings:coaching-session-create", args=[role_model.pk])


def days_from_now(days: int):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def coach(db):
    return UserFactory(email="coach@example.org", roles=[Role.ROLE_MODEL])


@pytest.fixture
def mentor(coach, role_model):
    """The demo role model as a mentor, coached by `coach`."""
    return active_mentor(
        user=role_model, email=role_model.email, coach=coach, active_since=days_from_now(-400)
    )


@pytest.fixture
def vos(mentor):
    return MentorshipFactory(mentor=mentor, pseudonym="Vos")


def _form(**overrides):
    data = {
        "date": days_from_now(-1).isoformat(),
        "topics": TOPICS,
        "confidential_notes": NOTES,
        "actions-TOTAL_FORMS": "3",
        "actions-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_coach_logs_which_mentorships_were_discussed_and_plans_the_next(
    client_for, coach, mentor, vos
):
    other_of_same_mentor = MentorshipFactory(mentor=mentor, pseudonym="Das")
    client = client_for(coach)
    form = client.get(log_url(mentor)).context["form"]
    assert set(form.fields["mentorships"].queryset) == {vos, other_of_same_mentor}
    next_on = days_from_now(21)
    response = client.post(
        log_url(mentor), _form(mentorships=[vos.pk], next_session_on=next_on.isoformat())
    )
    assert response.status_code == 302
    session = CoachingSession.objects.get()
    assert list(session.mentorships.all()) == [vos]
    assert session.next_session_on == next_on
    page = client.get(response.url).content.decode()
    assert "Besproken mentoraten" in page and vos.get_absolute_url() in page
    assert "Volgend gesprek gepland op" in page


@pytest.mark.parametrize("persona", ["role_model", "coach", "coordinator"])
def test_mentorship_page_shows_the_coaching_that_discussed_it_without_notes(
    client_for, request, mentor, vos, coach, persona
):
    session = CoachingSessionFactory(
        role_model=mentor, coach=coach, topics=TOPICS, confidential_notes=NOTES
    )
    session.mentorships.add(vos)
    CoachingSessionFactory(role_model=mentor, topics="Niet over Vos.")  # not linked
    response = client_for(request.getfixturevalue(persona)).get(vos.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Besproken in coaching" in page and TOPICS in page
    assert "Niet over Vos." not in page
    assert NOTES not in page  # the coaching's confidential notes stay on the coaching page


@pytest.mark.parametrize("persona", ["professional", "handler", "municipal_employee"])
def test_others_learn_nothing_of_the_mentorship_or_its_coaching(
    client_for, request, mentor, vos, persona
):
    CoachingSessionFactory(role_model=mentor, topics=TOPICS).mentorships.add(vos)
    response = client_for(request.getfixturevalue(persona)).get(vos.get_absolute_url())
    assert response.status_code == 404


def test_neither_another_mentor_nor_the_mentor_logs_the_coaching(
    client_for, role_model, mentor, vos
):
    other = UserFactory(roles=[Role.ROLE_MODEL])
    active_role_model_for(other)
    client = client_for(other)
    assert client.get(vos.get_absolute_url()).status_code == 404
    assert client.post(log_url(mentor), _form(mentorships=[vos.pk])).status_code == 404
    own = client_for(role_model).post(log_url(mentor), _form(mentorships=[vos.pk]))
    assert own.status_code == 403
    assert not CoachingSession.objects.exists()


def test_a_mentor_who_took_over_does_not_read_the_coaching_of_the_one_before(
    client_for, coordinator, mentor, vos
):
    CoachingSessionFactory(role_model=mentor, topics=TOPICS).mentorships.add(vos)
    successor_user = UserFactory(roles=[Role.ROLE_MODEL])
    successor = active_mentor(
        user=successor_user, email=successor_user.email, active_since=days_from_now(-100)
    )
    mentoring.mentorship_hand_over(mentorship=vos, to=successor, by=coordinator)
    page = client_for(successor_user).get(vos.get_absolute_url()).content.decode()
    assert TOPICS not in page and "Nog niet besproken in een coachingsgesprek." in page
    assert TOPICS in client_for(coordinator).get(vos.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("mentorships", "OTHER", "Kies alleen mentoraten van deze mentor."),
        ("mentorships", "999999", "Kies alleen mentoraten van deze mentor."),
        ("next_session_on", "PAST", "Het volgende gesprek kan niet in het verleden gepland"),
        ("next_session_on", "volgende week", "Voer een geldige datum in."),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_saved(
    client_for, coach, mentor, vos, field, value, message
):
    if value == "OTHER":
        value = MentorshipFactory().pk  # another mentor's mentorship
    if value == "PAST":
        value = days_from_now(-1).isoformat()
    response = client_for(coach).post(log_url(mentor), _form(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CoachingSession.objects.exists()


def test_the_service_refuses_mentorships_of_another_mentor(coach, mentor, vos):
    with pytest.raises(coaching.CoachingError, match="mentor"):
        coaching.coaching_session_log(
            role_model=mentor,
            coach=coach,
            date=days_from_now(0),
            topics="Nu",
            mentorships=[MentorshipFactory()],
        )
    with pytest.raises(coaching.CoachingError):
        coaching.coaching_session_log(
            role_model=mentor,
            coach=coach,
            date=days_from_now(0),
            topics="Nu",
            next_session_on=days_from_now(-2),
        )
    assert not CoachingSession.objects.exists()


def test_a_role_model_without_mentorships_is_not_offered_the_choice(client_for, coach, role_model):
    profile = active_role_model_for(role_model, coach=coach)
    form = client_for(coach).get(log_url(profile)).context["form"]
    assert "mentorships" not in form.fields


@pytest.mark.parametrize("sessions", [1, 10])
def test_mentorship_page_queries_do_not_grow_with_its_coaching(
    client_for, coordinator, mentor, vos, sessions, django_assert_max_num_queries
):
    for _ in range(sessions):
        CoachingSessionFactory(role_model=mentor, coach=coordinator).mentorships.add(vos)
    client = client_for(coordinator)
    client.get(vos.get_absolute_url())
    with django_assert_max_num_queries(14):
        response = client.get(vos.get_absolute_url())
    assert len(response.context["coaching"]) == sessions
