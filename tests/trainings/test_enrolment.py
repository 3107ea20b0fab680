"""Enrolment: seats and the waiting list, cancelling, offers that lapse, external participants."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.conftest import skip_or_fail
from tests.factories import UserFactory
from tests.network.factories import OrganisationFactory
from tests.rolemodels.factories import RoleModelFactory, active_role_model_for
from tests.trainings.factories import (
    EnrolmentFactory,
    SessionFactory,
    past_session,
    role_model_training,
)
from trainings import services
from trainings.models import Enrolment, EnrolmentMessage
from trainings.workflow import EnrolmentState, MessageKind, SessionState

pytestmark = pytest.mark.django_db


def enrol(session, n, **kwargs):
    return services.enrolment_create(
        session=session, full_name=f"Deelnemer {n}", email=f"p{n}@example.org", **kwargs
    )


def states(session):
    return list(session.enrolments.order_by("created_at", "pk").values_list("state", flat=True))


def test_seats_are_given_until_full_then_the_waiting_list():
    session = SessionFactory(capacity=2)
    for n in range(4):
        enrol(session, n)
    assert states(session) == ["enrolled", "enrolled", "waitlisted", "waitlisted"]


def test_same_person_cannot_enrol_twice_even_with_other_capitals():
    session = SessionFactory()
    services.enrolment_create(session=session, full_name="Anna", email="anna@example.org")
    with pytest.raises(services.TrainingError, match="Deze persoon is al ingeschreven"):
        services.enrolment_create(session=session, full_name="Anna", email=" Anna@Example.org ")
    assert session.enrolments.count() == 1


def test_person_may_enrol_again_after_cancelling():
    session = SessionFactory()
    first = enrol(session, 1)
    services.enrolment_cancel(enrolment=first)
    second = enrol(session, 1)
    assert second.state == EnrolmentState.ENROLLED
    assert states(session) == ["cancelled", "enrolled"]


def test_cancelled_and_past_sessions_are_closed_for_enrolment():
    cancelled = SessionFactory(state=SessionState.CANCELLED)
    with pytest.raises(services.TrainingError):
        enrol(cancelled, 1)
    with pytest.raises(services.TrainingError):
        enrol(past_session(), 1)


def test_external_participant_is_enrolled_with_organisation_and_municipality(municipality):
    organisation = OrganisationFactory(name="Vluchtelingenwerk")
    session = SessionFactory()
    enrolment = services.enrolment_create(
        session=session,
        full_name="  Sara   de Vries ",
        email="Sara@Example.org",
        organisation=organisation,
        municipality=municipality,
    )
    enrolment.refresh_from_db()
    assert enrolment.user is None
    assert enrolment.full_name == "Sara   de Vries"
    assert enrolment.email == "sara@example.org"
    assert enrolment.organisation == organisation and enrolment.municipality == municipality


def test_cancelling_a_seat_offers_it_to_the_first_on_the_waiting_list(settings):
    settings.TRAINING_OFFER_HOURS = 48
    session = SessionFactory(capacity=1)
    seated, first, second = enrol(session, 1), enrol(session, 2), enrol(session, 3)
    services.enrolment_cancel(enrolment=seated, reason="ziek")
    first.refresh_from_db()
    assert first.state == EnrolmentState.OFFERED
    expected = timezone.now() + timedelta(hours=48)
    assert abs(first.offer_expires_at - expected) < timedelta(seconds=5)
    assert Enrolment.objects.get(pk=second.pk).state == EnrolmentState.WAITLISTED
    assert Enrolment.objects.get(pk=seated.pk).cancel_reason == "ziek"


def test_cancelling_a_place_on_the_waiting_list_offers_nothing():
    session = SessionFactory(capacity=1)
    enrol(session, 1)
    waiting = enrol(session, 2)
    third = enrol(session, 3)
    services.enrolment_cancel(enrolment=waiting)
    assert Enrolment.objects.get(pk=third.pk).state == EnrolmentState.WAITLISTED


def test_cancelling_twice_or_after_the_start_is_refused():
    session = SessionFactory()
    enrolment = enrol(session, 1)
    services.enrolment_cancel(enrolment=enrolment)
    with pytest.raises(services.TrainingError, match="Deze inschrijving is al geannuleerd"):
        services.enrolment_cancel(enrolment=enrolment)
    started = EnrolmentFactory(session=past_session())
    with pytest.raises(services.TrainingError, match="De bijeenkomst is al begonnen"):
        services.enrolment_cancel(enrolment=started)


def test_waitlist_promotion_chain_with_offers_lapsing(settings):
    """A seat goes down the waiting list: each person has the window to take it, then the next."""
    settings.TRAINING_OFFER_HOURS = 24
    start = timezone.now()
    session = SessionFactory(capacity=1, starts_at=start + timedelta(days=10))
    seated, anna, bram, cas = (enrol(session, n) for n in range(4))
    with time_machine.travel(start, tick=False):
        services.enrolment_cancel(enrolment=seated)
    assert states(session) == ["cancelled", "offered", "waitlisted", "waitlisted"]

    # Still within Anna's window: nothing lapses.
    with time_machine.travel(start + timedelta(hours=23), tick=False):
        assert services.offers_expire() == 0
    assert states(session) == ["cancelled", "offered", "waitlisted", "waitlisted"]

    # Anna let it pass: the seat goes to Bram, with a fresh window.
    with time_machine.travel(start + timedelta(hours=25), tick=False):
        assert services.offers_expire() == 1
        with pytest.raises(
            services.TrainingError, match="Deze aangeboden plaats is niet meer beschikbaar"
        ):
            services.enrolment_accept_offer(enrolment=anna)
    assert states(session) == ["cancelled", "cancelled", "offered", "waitlisted"]
    bram.refresh_from_db()
    assert bram.offer_expires_at == start + timedelta(hours=25 + 24)

    # Bram takes it in time; Cas stays on the waiting list.
    with time_machine.travel(start + timedelta(hours=30), tick=False):
        services.enrolment_accept_offer(enrolment=bram)
        assert services.offers_expire() == 0
    assert states(session) == ["cancelled", "cancelled", "enrolled", "waitlisted"]
    assert Enrolment.objects.get(pk=cas.pk).state == EnrolmentState.WAITLISTED


def test_offer_never_outlasts_the_start_of_the_session(settings):
    settings.TRAINING_OFFER_HOURS = 48
    session = SessionFactory(capacity=1, starts_at=timezone.now() + timedelta(hours=5))
    seated, waiting = enrol(session, 1), enrol(session, 2)
    services.enrolment_cancel(enrolment=seated)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == session.starts_at


def test_cancelled_session_offers_no_seats_and_offers_cannot_be_accepted():
    session = SessionFactory(capacity=1)
    seated, waiting = enrol(session, 1), enrol(session, 2)
    services.enrolment_cancel(enrolment=seated)
    services.session_transition(session=session, to=SessionState.CANCELLED)
    with pytest.raises(services.TrainingError):
        services.enrolment_accept_offer(enrolment=waiting)
    other = SessionFactory(capacity=1)
    seat, queued = enrol(other, 3), enrol(other, 4)
    services.session_transition(session=other, to=SessionState.CANCELLED)
    services.enrolment_cancel(enrolment=seat)
    assert Enrolment.objects.get(pk=queued.pk).state == EnrolmentState.WAITLISTED


def test_larger_capacity_offers_the_new_seats_to_the_waiting_list():
    session = SessionFactory(capacity=1)
    enrol(session, 1)
    enrol(session, 2)
    session.capacity = 2
    services.session_save(session=session)
    assert states(session) == ["enrolled", "offered"]


@pytest.mark.django_db(transaction=True)
def test_two_people_racing_for_the_last_seat_one_gets_it_the_other_waits():
    if connection.vendor != "postgresql":
        skip_or_fail("row locks need Postgres")
    session = SessionFactory(capacity=3)
    enrol(session, 1)
    enrol(session, 2)
    barrier = threading.Barrier(2)
    errors = []

    def attempt(n):
        barrier.wait()
        try:
            enrol(session, n)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in (3, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    last_two = sorted(
        session.enrolments.filter(email__in=["p3@example.org", "p4@example.org"]).values_list(
            "state", flat=True
        )
    )
    assert last_two == [EnrolmentState.ENROLLED, EnrolmentState.WAITLISTED]
    assert session.enrolments.filter(state=EnrolmentState.ENROLLED).count() == 3


@pytest.mark.django_db(transaction=True)
def test_same_person_racing_twice_gets_one_enrolment():
    if connection.vendor != "postgresql":
        skip_or_fail("row locks need Postgres")
    session = SessionFactory(capacity=5)
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt():
        barrier.wait()
        try:
            enrol(session, 7)
            outcomes.append("enrolled")
        except services.TrainingError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["enrolled", "refused"]
    assert session.enrolments.count() == 1


# Views --------------------------------------------------------------------------------------


def test_professional_enrols_herself_and_gets_a_confirmation(
    client_for, professional, django_capture_on_commit_callbacks, mailoutbox
):
    session = SessionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(professional).post(reverse("trainings:enrol", args=[session.pk]))
    assert response.url == session.get_absolute_url()
    enrolment = session.enrolments.get()
    assert enrolment.user == professional and enrolment.email == professional.email
    assert enrolment.enrolled_by == professional
    assert [m.to for m in mailoutbox] == [[professional.email]]


def test_a_role_model_enrolling_herself_is_counted_in_her_profiles_municipality(
    client_for, role_model, municipality
):
    active_role_model_for(role_model, municipality=municipality)
    session = SessionFactory(programme=role_model_training())
    client_for(role_model).post(reverse("trainings:enrol", args=[session.pk]))
    assert session.enrolments.get().municipality == municipality


def test_a_member_enrolling_herself_is_counted_in_her_scope_or_her_choice(
    client_for, handler, municipality, other_municipality
):
    handler.user_permissions.add(Permission.objects.get(codename="enrol_in_trainings"))
    first, second = SessionFactory(), SessionFactory()
    client = client_for(handler)
    assert client.get(first.get_absolute_url()).context["self_enrol_form"].initial == {
        "municipality": municipality
    }
    client.post(reverse("trainings:enrol", args=[first.pk]))
    client.post(
        reverse("trainings:enrol", args=[second.pk]), {"municipality": other_municipality.pk}
    )
    assert first.enrolments.get().municipality == municipality
    assert second.enrolments.get().municipality == other_municipality


def test_a_member_without_profile_or_scope_enrols_without_a_municipality(client_for, professional):
    session = SessionFactory()
    client_for(professional).post(reverse("trainings:enrol", args=[session.pk]))
    assert session.enrolments.get().municipality is None


def test_enrolling_in_a_full_session_puts_her_on_the_waiting_list(client_for, role_model):
    session = SessionFactory(capacity=1, programme=role_model_training())
    EnrolmentFactory(session=session)
    client = client_for(role_model)
    response = client.post(reverse("trainings:enrol", args=[session.pk]), follow=True)
    assert session.enrolments.get(user=role_model).state == EnrolmentState.WAITLISTED
    assert "u staat op de wachtlijst" in response.content.decode()


def test_enrolling_twice_shows_a_clear_message(client_for, professional):
    session = SessionFactory()
    client = client_for(professional)
    client.post(reverse("trainings:enrol", args=[session.pk]))
    response = client.post(reverse("trainings:enrol", args=[session.pk]), follow=True)
    assert "Deze persoon is al ingeschreven" in response.content.decode()
    assert session.enrolments.count() == 1


@pytest.mark.parametrize("persona", ["municipal_employee", "handler", "outsider"])
def test_members_without_the_permission_cannot_enrol(client_for, request, persona):
    session = SessionFactory()
    user = request.getfixturevalue(persona)
    response = client_for(user).post(reverse("trainings:enrol", args=[session.pk]))
    assert response.status_code == 403
    assert not session.enrolments.exists()


def test_anonymous_cannot_enrol(client):
    session = SessionFactory()
    response = client.post(reverse("trainings:enrol", args=[session.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert not session.enrolments.exists()


def test_enrol_accepts_only_post(client_for, professional):
    session = SessionFactory()
    response = client_for(professional).get(reverse("trainings:enrol", args=[session.pk]))
    assert response.status_code == 405


def test_coordinator_enrols_an_external_participant(client_for, coordinator, municipality):
    organisation = OrganisationFactory(name="Jongerenwerk Noord", municipalities=[municipality])
    session = SessionFactory(municipality=municipality)
    url = reverse("trainings:enrol-someone", args=[session.pk])
    client = client_for(coordinator)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "full_name": "Piet  Jansen",
            "email": "piet@example.org",
            "organisation": organisation.pk,
            "municipality": municipality.pk,
        },
    )
    assert response.url == session.get_absolute_url()
    enrolment = session.enrolments.get()
    assert (enrolment.full_name, enrolment.email, enrolment.user) == (
        "Piet Jansen",
        "piet@example.org",
        None,
    )
    assert enrolment.organisation == organisation and enrolment.enrolled_by == coordinator


def test_coordinator_enrols_a_member_by_the_email_of_their_account(
    client_for, coordinator, professional
):
    session = SessionFactory()
    client_for(coordinator).post(
        reverse("trainings:enrol-someone", args=[session.pk]),
        {"email": professional.email.upper(), "full_name": "Typed Name"},
    )
    enrolment = session.enrolments.get()
    assert enrolment.user == professional and enrolment.email == professional.email
    assert enrolment.full_name == professional.full_name


def test_organisations_offered_are_those_serving_the_sessions_municipality(
    client_for, coordinator, municipality, other_municipality
):
    serving = OrganisationFactory(name="Jongerenwerk Stad", municipalities=[municipality])
    elsewhere = OrganisationFactory(name="Elders", municipalities=[other_municipality])
    session = SessionFactory(municipality=municipality)
    client = client_for(coordinator)
    url = reverse("trainings:enrol-someone", args=[session.pk])
    assert list(client.get(url).context["form"].fields["organisation"].queryset) == [serving]
    data = {"email": "piet@example.org", "full_name": "Piet", "organisation": elsewhere.pk}
    assert "organisation" in client.post(url, data).context["form"].errors
    online = SessionFactory(municipality=None)
    form = client.get(reverse("trainings:enrol-someone", args=[online.pk])).context["form"]
    assert "organisation" not in form.fields


def test_the_enrol_someone_page_stays_small_with_many_members_and_organisations(
    client_for, coordinator, municipality, django_assert_max_num_queries
):
    UserFactory.create_batch(100)
    OrganisationFactory.create_batch(100)
    OrganisationFactory.create_batch(5, municipalities=[municipality])
    session = SessionFactory(municipality=municipality)
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("trainings:enrol-someone", args=[session.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("<option") < 50  # municipalities and 5 organisations


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "email"),
        ({"full_name": "Piet"}, "email"),
        ({"full_name": "Piet", "email": "not-an-email"}, "email"),
        ({"email": "nobody@example.org"}, "full_name"),
    ],
)
def test_enrolling_someone_with_bad_input_saves_nothing(client_for, coordinator, data, field):
    session = SessionFactory()
    response = client_for(coordinator).post(
        reverse("trainings:enrol-someone", args=[session.pk]), data
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert str(errors[field][0]) in response.content.decode()
    assert not session.enrolments.exists()


def test_enrolling_someone_twice_is_refused_on_the_form(client_for, coordinator):
    session = SessionFactory()
    EnrolmentFactory(session=session, email="piet@example.org")
    response = client_for(coordinator).post(
        reverse("trainings:enrol-someone", args=[session.pk]),
        {"full_name": "Piet", "email": "PIET@example.org"},
    )
    assert "Deze persoon is al ingeschreven" in response.content.decode()
    assert session.enrolments.count() == 1


@pytest.mark.parametrize("persona", ["professional", "role_model", "handler"])
def test_only_coordinators_enrol_others(client_for, request, persona):
    session = SessionFactory()
    client = client_for(request.getfixturevalue(persona))
    url = reverse("trainings:enrol-someone", args=[session.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"full_name": "X", "email": "x@example.org"}).status_code == 403
    assert not session.enrolments.exists()


def test_participant_cancels_own_enrolment_and_the_seat_moves_on(client_for, professional):
    session = SessionFactory(capacity=1)
    own = EnrolmentFactory(session=session, user=professional, email=professional.email)
    waiting = EnrolmentFactory(session=session, state=EnrolmentState.WAITLISTED)
    response = client_for(professional).post(
        reverse("trainings:enrolment-cancel", args=[own.pk]), {"reason": "Ziek"}
    )
    assert response.url == session.get_absolute_url()
    own.refresh_from_db()
    assert own.state == EnrolmentState.CANCELLED and own.cancel_reason == "Ziek"
    assert Enrolment.objects.get(pk=waiting.pk).state == EnrolmentState.OFFERED


def test_nobody_cancels_the_enrolment_of_someone_else(client_for, professional):
    other = EnrolmentFactory()
    response = client_for(professional).post(reverse("trainings:enrolment-cancel", args=[other.pk]))
    assert response.status_code == 404
    assert Enrolment.objects.get(pk=other.pk).state == EnrolmentState.ENROLLED


def test_coordinator_cancels_any_enrolment(client_for, coordinator):
    other = EnrolmentFactory()
    client_for(coordinator).post(reverse("trainings:enrolment-cancel", args=[other.pk]))
    assert Enrolment.objects.get(pk=other.pk).state == EnrolmentState.CANCELLED


def test_anonymous_cannot_cancel(client):
    other = EnrolmentFactory()
    response = client.post(reverse("trainings:enrolment-cancel", args=[other.pk]))
    assert response.status_code == 302
    assert Enrolment.objects.get(pk=other.pk).state == EnrolmentState.ENROLLED


def offered(**kwargs):
    return EnrolmentFactory(
        state=EnrolmentState.OFFERED,
        offer_expires_at=timezone.now() + timedelta(hours=10),
        **kwargs,
    )


def test_offered_seat_is_confirmed_by_the_link_without_logging_in(client):
    enrolment = offered(full_name="Anna")
    url = reverse("trainings:offer", args=[enrolment.offer_token])
    page = client.get(url)
    assert page.status_code == 200 and "Mijn plaats bevestigen" in page.content.decode()
    assert Enrolment.objects.get(pk=enrolment.pk).state == EnrolmentState.OFFERED
    response = client.post(url)
    assert "Uw plaats is bevestigd" in response.content.decode()
    assert Enrolment.objects.get(pk=enrolment.pk).state == EnrolmentState.ENROLLED
    # A second click changes nothing and still says so.
    assert "Uw plaats is bevestigd" in client.post(url).content.decode()


def test_expired_offer_says_so_and_changes_nothing(client):
    enrolment = offered()
    url = reverse("trainings:offer", args=[enrolment.offer_token])
    with time_machine.travel(timezone.now() + timedelta(hours=11)):
        assert "Dit aanbod geldt niet meer" in client.get(url).content.decode()
        response = client.post(url, follow=True)
    assert "Dit aanbod geldt niet meer" in response.content.decode()
    assert Enrolment.objects.get(pk=enrolment.pk).state == EnrolmentState.OFFERED


def test_unknown_offer_token_is_not_found(client, db):
    assert client.get(reverse("trainings:offer", args=["nope"])).status_code == 404


def test_accepting_an_offer_sends_the_confirmation_once(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    enrolment = offered()
    url = reverse("trainings:offer", args=[enrolment.offer_token])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        client.post(url)
    assert len(mailoutbox) == 1
    assert EnrolmentMessage.objects.filter(
        enrolment=enrolment, kind=MessageKind.CONFIRMATION
    ).exists()


# The programme's audience (issue #13, 20) --------------------------------------------------


def test_a_professional_cannot_take_a_seat_in_the_role_model_training(client_for, professional):
    session = SessionFactory(programme=role_model_training())
    client = client_for(professional)
    page = client.get(session.get_absolute_url())
    assert "self_enrol_form" not in page.context
    assert "alleen voor rolmodellen en kandidaten" in page.content.decode()
    response = client.post(reverse("trainings:enrol", args=[session.pk]), follow=True)
    assert "alleen voor rolmodellen en kandidaten" in response.content.decode()
    assert not session.enrolments.exists()


def test_a_coordinator_cannot_enrol_a_professional_in_the_role_model_training(
    client_for, coordinator, professional
):
    session = SessionFactory(programme=role_model_training())
    response = client_for(coordinator).post(
        reverse("trainings:enrol-someone", args=[session.pk]), {"email": professional.email}
    )
    assert response.status_code == 200
    assert "alleen voor rolmodellen" in str(response.context["form"].non_field_errors())
    with pytest.raises(services.TrainingError):
        enrol(session, 9)  # an outsider without account or candidacy
    assert not session.enrolments.exists()


def test_a_candidate_without_an_account_is_enrolled_in_the_role_model_training():
    candidate = RoleModelFactory(email="kandidaat@example.org")
    session = SessionFactory(programme=role_model_training())
    enrolment = services.enrolment_create(
        session=session, full_name=candidate.full_name, email="Kandidaat@Example.org"
    )
    assert enrolment.state == EnrolmentState.ENROLLED


def test_an_account_that_is_only_a_role_model_cannot_take_the_professionals_training(
    client_for, role_model
):
    session = SessionFactory()  # for professionals
    response = client_for(role_model).post(
        reverse("trainings:enrol", args=[session.pk]), follow=True
    )
    assert "alleen voor professionals" in response.content.decode()
    assert not session.enrolments.exists()
    mixed = SessionFactory(programme__audience="mixed")
    services.enrolment_create(
        session=mixed, full_name=role_model.full_name, email=role_model.email, user=role_model
    )
    assert mixed.enrolments.count() == 1


def test_enrolling_after_the_session_points_to_walk_ins(client_for, coordinator):
    session = past_session()
    response = client_for(coordinator).post(
        reverse("trainings:enrol-someone", args=[session.pk]),
        {"email": "piet@example.org", "full_name": "Piet"},
    )
    assert "als binnenloper" in str(response.context["form"].non_field_errors())
    assert not session.enrolments.exists()


# Links per purpose (issue #13, 8) ------------------------------------------------------------


def test_the_offer_link_opens_only_the_offer_and_shows_no_name(client):
    enrolment = EnrolmentFactory(
        state=EnrolmentState.OFFERED,
        full_name="Fatima Yilmaz-de Groot",
        offer_expires_at=timezone.now() + timedelta(hours=10),
    )
    page = client.get(reverse("trainings:offer", args=[enrolment.offer_token]))
    assert page.status_code == 200
    assert "Fatima" not in page.content.decode() and "Yilmaz" not in page.content.decode()
    evaluation_link = reverse("trainings:offer", args=[enrolment.evaluation_token])
    assert client.get(evaluation_link).status_code == 404
    assert client.get(reverse("trainings:evaluate", args=[enrolment.offer_token])).status_code in (
        404,
        410,
    )


def test_an_offer_link_expires(client):
    enrolment = EnrolmentFactory(
        state=EnrolmentState.OFFERED, offer_expires_at=timezone.now() + timedelta(hours=10)
    )
    url = reverse("trainings:offer", args=[enrolment.offer_token])
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert client.get(url).status_code == 404
    assert client.post(url).status_code in (200, 302)  # still within its week


def test_the_offer_page_is_not_stored_by_browsers_or_proxies(client):
    enrolment = EnrolmentFactory(
        state=EnrolmentState.OFFERED, offer_expires_at=timezone.now() + timedelta(hours=10)
    )
    response = client.get(reverse("trainings:offer", args=[enrolment.offer_token]))
    assert "no-store" in response["Cache-Control"]
