"""Attendance: the trainer's list, self check-in by code, and completion of a programme."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.trainings.factories import (
    EnrolmentFactory,
    ProgrammeFactory,
    SessionFactory,
    past_session,
    role_model_training,
)
from trainings import services
from trainings.models import Certificate, Enrolment, Session
from trainings.workflow import Attendance, EnrolmentState, SessionState

pytestmark = pytest.mark.django_db


def url(session, name="attendance"):
    return reverse(f"trainings:{name}", args=[session.pk])


def field(enrolment):
    return f"attendance_{enrolment.pk}"


# Completion on known data -------------------------------------------------------------------


def test_completion_needs_the_required_number_of_attended_sessions(coordinator):
    programme = ProgrammeFactory(required_sessions=2, validity_months=24)
    first, second = past_session(programme=programme), past_session(programme=programme)
    anna_1 = EnrolmentFactory(session=first, email="anna@example.org", full_name="Anna")
    bram_1 = EnrolmentFactory(session=first, email="bram@example.org")
    anna_2 = EnrolmentFactory(session=second, email="anna@example.org", full_name="Anna")
    bram_2 = EnrolmentFactory(session=second, email="bram@example.org")
    issued = services.attendance_record(
        session=first, marks={anna_1.pk: Attendance.PRESENT, bram_1.pk: Attendance.LATE}, by=None
    )
    assert issued == []  # one of two sessions
    issued = services.attendance_record(
        session=second,
        marks={anna_2.pk: Attendance.LATE, bram_2.pk: Attendance.EXCUSED},
        by=coordinator,
    )
    assert [c.email for c in issued] == ["anna@example.org"]
    certificate = issued[0]
    assert certificate.full_name == "Anna"
    assert certificate.completed_on == timezone.localdate(second.starts_at)
    assert certificate.valid_until.year == certificate.completed_on.year + 2
    # Registering again issues nothing new.
    assert services.attendance_record(session=second, marks={anna_2.pk: "present"}, by=None) == []
    assert Certificate.objects.count() == 1
    assert Session.objects.get(pk=second.pk).state == SessionState.HELD


def test_saving_attendance_again_does_not_reissue_a_withdrawn_certificate():
    session = past_session()
    anna = EnrolmentFactory(session=session, email="anna@example.org")
    [certificate] = services.attendance_record(
        session=session, marks={anna.pk: Attendance.PRESENT}, by=None
    )
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    issued = services.attendance_record(session=session, marks={anna.pk: Attendance.LATE}, by=None)
    assert issued == []
    assert Certificate.objects.get().revoked_at is not None


def test_a_refresher_after_a_withdrawn_certificate_gives_a_new_one():
    programme = ProgrammeFactory()
    first = past_session(programme=programme)
    Certificate.objects.create(
        programme=programme,
        full_name="Anna",
        email="anna@example.org",
        completed_on=timezone.localdate(first.starts_at) - timedelta(days=30),
        revoked_at=timezone.now(),
    )
    anna = EnrolmentFactory(session=first, email="anna@example.org")
    issued = services.attendance_record(session=first, marks={anna.pk: Attendance.PRESENT}, by=None)
    assert [c.completed_on for c in issued] == [timezone.localdate(first.starts_at)]


def test_programme_without_certificate_issues_none():
    session = past_session(programme=ProgrammeFactory(gives_certificate=False))
    enrolment = EnrolmentFactory(session=session)
    assert (
        services.attendance_record(session=session, marks={enrolment.pk: "present"}, by=None) == []
    )


def test_attendance_only_for_seated_participants_and_after_the_start():
    session = past_session()
    waiting = EnrolmentFactory(session=session, state=EnrolmentState.WAITLISTED)
    services.attendance_record(session=session, marks={waiting.pk: "present"}, by=None)
    assert Enrolment.objects.get(pk=waiting.pk).attendance == ""
    with pytest.raises(services.TrainingError, match="zodra de bijeenkomst begonnen is"):
        services.attendance_record(session=SessionFactory(), marks={}, by=None)
    with pytest.raises(services.TrainingError, match="Voor een geannuleerde bijeenkomst"):
        services.attendance_record(
            session=past_session(state=SessionState.CANCELLED), marks={}, by=None
        )


# The trainer's page -------------------------------------------------------------------------


def test_trainer_registers_attendance_for_everyone_at_once(client_for, role_model):
    session = past_session()
    session.trainers.add(role_model)
    anna = EnrolmentFactory(session=session, full_name="Anna")
    bram = EnrolmentFactory(session=session, full_name="Bram")
    cas = EnrolmentFactory(session=session, full_name="Cas")
    client = client_for(role_model)
    page = client.get(url(session))
    assert [e.full_name for e, _field in page.context["form"].rows()] == ["Anna", "Bram", "Cas"]
    response = client.post(
        url(session), {field(anna): "present", field(bram): "late", field(cas): "absent"}
    )
    assert response.url == url(session)
    marks = dict(session.enrolments.values_list("full_name", "attendance"))
    assert marks == {"Anna": "present", "Bram": "late", "Cas": "absent"}
    assert Enrolment.objects.get(pk=anna.pk).attendance_recorded_by == role_model
    assert Certificate.objects.filter(email__in=[anna.email, bram.email]).count() == 2


def test_attendance_with_a_bad_value_saves_nothing(client_for, coordinator):
    session = past_session()
    anna, bram = EnrolmentFactory(session=session), EnrolmentFactory(session=session)
    response = client_for(coordinator).post(
        url(session), {field(anna): "present", field(bram): "asleep"}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field(bram)]
    assert not session.enrolments.exclude(attendance="").exists()


def test_attendance_before_the_session_starts_is_refused_with_a_message(client_for, coordinator):
    session = SessionFactory()
    anna = EnrolmentFactory(session=session)
    response = client_for(coordinator).post(url(session), {field(anna): "present"})
    assert response.status_code == 200
    assert "zodra de bijeenkomst begonnen is" in response.content.decode()
    assert Enrolment.objects.get(pk=anna.pk).attendance == ""


@pytest.mark.parametrize("persona", ["professional", "role_model", "handler", "municipal_employee"])
def test_others_than_trainer_and_coordinator_are_refused(client_for, request, persona):
    session = past_session()
    anna = EnrolmentFactory(session=session)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url(session)).status_code == 403
    assert client.post(url(session), {field(anna): "present"}).status_code == 403
    assert Enrolment.objects.get(pk=anna.pk).attendance == ""


def test_attendance_of_unknown_session_is_not_found(client_for, coordinator):
    assert (
        client_for(coordinator).get(reverse("trainings:attendance", args=[999])).status_code == 404
    )


@pytest.mark.parametrize("rows", [2, 60])
def test_attendance_page_queries_are_bounded(
    client_for, coordinator, django_assert_max_num_queries, rows
):
    session = past_session(capacity=100)
    enrolments = EnrolmentFactory.create_batch(rows, session=session)
    client = client_for(coordinator)
    with django_assert_max_num_queries(10):
        assert client.get(url(session)).status_code == 200
    marks = {field(enrolment): "present" for enrolment in enrolments}
    # Every participant completes the one-session programme: certificates issued in one go.
    with django_assert_max_num_queries(20):
        assert client.post(url(session), marks).status_code == 302
    assert Certificate.objects.filter(programme=session.programme).count() == rows


# Self check-in ------------------------------------------------------------------------------


@pytest.fixture
def session_now(professional):
    """A session that started ten minutes ago, with the professional enrolled."""
    starts = timezone.now() - timedelta(minutes=10)
    session = SessionFactory(starts_at=starts, ends_at=starts + timedelta(hours=3))
    EnrolmentFactory(session=session, user=professional, email=professional.email)
    return session


def test_participant_checks_in_with_the_code(client_for, professional, session_now):
    client = client_for(professional)
    assert client.get(url(session_now, "check-in")).status_code == 200
    code = session_now.checkin_code.lower()
    response = client.post(url(session_now, "check-in"), {"code": f" {code} "})
    assert response.url == session_now.get_absolute_url()
    enrolment = session_now.enrolments.get(user=professional)
    assert enrolment.attendance == Attendance.PRESENT


def test_check_in_long_after_the_start_counts_as_late(client_for, professional, session_now):
    with time_machine.travel(timezone.now() + timedelta(minutes=30)):
        client_for(professional).post(
            url(session_now, "check-in"), {"code": session_now.checkin_code}
        )
    assert session_now.enrolments.get(user=professional).attendance == Attendance.LATE


def test_check_in_just_before_the_start_is_accepted(client_for, professional):
    session = SessionFactory(starts_at=timezone.now() + timedelta(minutes=20))
    EnrolmentFactory(session=session, user=professional, email=professional.email)
    client_for(professional).post(url(session, "check-in"), {"code": session.checkin_code})
    assert session.enrolments.get().attendance == Attendance.PRESENT
    assert Session.objects.get(pk=session.pk).state == SessionState.PLANNED


def test_check_in_with_a_wrong_code_is_refused(client_for, professional, session_now):
    response = client_for(professional).post(url(session_now, "check-in"), {"code": "WRONG1"})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert session_now.enrolments.get().attendance == ""


def test_check_in_with_an_empty_code_is_refused(client_for, professional, session_now):
    response = client_for(professional).post(url(session_now, "check-in"), {"code": ""})
    assert "code" in response.context["form"].errors
    assert session_now.enrolments.get().attendance == ""


def test_check_in_after_the_session_has_expired(client_for, professional, session_now):
    with time_machine.travel(session_now.ends_at + timedelta(minutes=1)):
        response = client_for(professional).post(
            url(session_now, "check-in"), {"code": session_now.checkin_code}
        )
    assert "Inchecken kan alleen tijdens de bijeenkomst" in response.content.decode()
    assert session_now.enrolments.get().attendance == ""


def test_check_in_long_before_the_session_is_refused(client_for, professional):
    session = SessionFactory()
    EnrolmentFactory(session=session, user=professional, email=professional.email)
    response = client_for(professional).post(
        url(session, "check-in"), {"code": session.checkin_code}
    )
    assert "Inchecken kan alleen tijdens de bijeenkomst" in response.content.decode()


def test_check_in_of_someone_not_enrolled_is_refused(client_for, role_model, session_now):
    response = client_for(role_model).post(
        url(session_now, "check-in"), {"code": session_now.checkin_code}
    )
    assert "U bent niet ingeschreven voor deze bijeenkomst" in response.content.decode()
    assert not session_now.enrolments.filter(user=role_model).exists()


def test_participant_enrolled_by_email_without_the_account_checks_in(client_for, professional):
    starts = timezone.now() - timedelta(minutes=10)
    session = SessionFactory(starts_at=starts, ends_at=starts + timedelta(hours=3))
    EnrolmentFactory(session=session, user=None, email=professional.email)
    response = client_for(professional).post(
        url(session, "check-in"), {"code": session.checkin_code}
    )
    assert response.url == session.get_absolute_url()
    assert session.enrolments.get().attendance == Attendance.PRESENT


def test_check_in_needs_login(client, session_now):
    response = client.post(url(session_now, "check-in"), {"code": session_now.checkin_code})
    assert response.status_code == 302
    assert session_now.enrolments.get().attendance == ""


# What the participant's pages say around the check-in (issue #13, 19) -----------------------


def test_after_checking_in_the_session_page_says_so_and_offers_no_cancel(
    client_for, professional, session_now
):
    client = client_for(professional)
    client.post(url(session_now, "check-in"), {"code": session_now.checkin_code})
    page = client.get(session_now.get_absolute_url()).content.decode()
    assert "U bent ingecheckt: <strong>Aanwezig</strong>" in page
    assert reverse("trainings:enrolment-cancel", args=[session_now.enrolments.get().pk]) not in (
        page
    )
    assert url(session_now, "check-in") not in page
    mine = client.get(reverse("trainings:mine")).content.decode()
    assert "Aanwezig" in mine


def test_during_the_session_an_enrolled_participant_cannot_cancel_but_can_check_in(
    client_for, professional, session_now
):
    page = client_for(professional).get(session_now.get_absolute_url()).content.decode()
    enrolment = session_now.enrolments.get()
    assert reverse("trainings:enrolment-cancel", args=[enrolment.pk]) not in page
    assert url(session_now, "check-in") in page


def test_the_check_in_link_shows_only_when_check_in_is_open(client_for, professional):
    session = SessionFactory()  # a week from now
    enrolment = EnrolmentFactory(session=session, user=professional, email=professional.email)
    client = client_for(professional)
    page = client.get(session.get_absolute_url()).content.decode()
    assert url(session, "check-in") not in page
    assert reverse("trainings:enrolment-cancel", args=[enrolment.pk]) in page
    check_in_page = client.get(url(session, "check-in")).content.decode()
    assert "Inchecken kan vanaf" in check_in_page and 'name="code"' not in check_in_page
    soon = SessionFactory(starts_at=timezone.now() + timedelta(minutes=20))
    EnrolmentFactory(session=soon, user=professional, email=professional.email)
    assert url(soon, "check-in") in client.get(soon.get_absolute_url()).content.decode()


# Walk-ins: people who were there without a seat (issue #13, 17) -----------------------------


def walk_in(client, session, **data):
    data = {"email": "piet@example.org", "full_name": "Piet Jansen", "attendance": "present"} | data
    return client.post(url(session, "walk-in"), data)


def test_trainer_records_a_walk_in_after_the_session_ended(client_for, role_model):
    session = past_session(programme=ProgrammeFactory(required_sessions=1))
    session.trainers.add(role_model)
    client = client_for(role_model)
    assert "Binnenloper toevoegen" in client.get(url(session)).content.decode()
    mail.outbox.clear()
    response = walk_in(client, session)
    assert response.url == url(session)
    enrolment = session.enrolments.get()
    assert (enrolment.email, enrolment.state, enrolment.attendance) == (
        "piet@example.org",
        EnrolmentState.ENROLLED,
        Attendance.PRESENT,
    )
    assert Certificate.objects.filter(email="piet@example.org").exists()
    assert Session.objects.get(pk=session.pk).state == SessionState.HELD
    assert mail.outbox == []  # nobody is told they enrolled in a session that is over


def test_a_walk_in_does_not_need_a_free_seat(client_for, coordinator):
    session = past_session(capacity=1)
    EnrolmentFactory(session=session)
    walk_in(client_for(coordinator), session)
    assert session.enrolments.count() == 2


@pytest.mark.parametrize(
    ("session_kwargs", "data", "message"),
    [
        ({}, {"attendance": "absent"}, "attendance"),
        ({"state": SessionState.CANCELLED}, {}, "tot 14 dagen na"),
        ({"days_ago": 15}, {}, "tot 14 dagen na"),
        ({"days_ago": -7}, {}, "tot 14 dagen na"),
        ({}, {"email": "dubbel@example.org"}, "staat al op de lijst"),
        ({"role_models": True}, {}, "alleen voor rolmodellen"),
        ({}, {"full_name": ""}, "full_name"),
    ],
)
def test_walk_ins_follow_the_rule(client_for, coordinator, session_kwargs, data, message):
    days_ago = session_kwargs.pop("days_ago", 1)
    starts = timezone.now() - timedelta(days=days_ago, hours=3)
    if session_kwargs.pop("role_models", False):
        session_kwargs["programme"] = role_model_training()
    session = SessionFactory(
        starts_at=starts, ends_at=starts + timedelta(hours=3), **session_kwargs
    )
    EnrolmentFactory(session=session, email="dubbel@example.org")
    response = walk_in(client_for(coordinator), session, **data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in errors or message in str(errors)
    assert session.enrolments.count() == 1


def test_only_trainers_and_coordinators_record_walk_ins(client_for, professional, client):
    session = past_session()
    assert walk_in(client, session).status_code == 302  # to the login page
    assert walk_in(client_for(professional), session).status_code == 403
    assert not session.enrolments.exists()
