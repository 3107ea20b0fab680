"""Emails about enrolments: their content, the .ics attached, and each sent exactly once."""

import re
from datetime import datetime, timedelta
from email import message_from_bytes

import pytest
import time_machine
from django.utils import timezone
from icalendar import Calendar

from tests.trainings.factories import EnrolmentFactory, SessionFactory, past_session
from trainings import services, tasks
from trainings.models import Enrolment, EnrolmentMessage
from trainings.tokens import enrolment_id_of
from trainings.workflow import EnrolmentState, MessageKind, SessionState

pytestmark = pytest.mark.django_db


def amsterdam(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def session():
    # 13 March 2030, 09:30–12:30 in Amsterdam (08:30 UTC).
    return SessionFactory(
        title="Signalering van polarisatie",
        starts_at=amsterdam(2030, 3, 13, 9, 30),
        ends_at=amsterdam(2030, 3, 13, 12, 30),
        capacity=1,
    )


def calendar_part(message):
    """The iMIP part of the message as sent (RFC 6047): text/calendar with a method."""
    mime = message.message() if hasattr(message, "attachments") else message  # Django's or parsed
    [part] = [p for p in mime.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_filename().endswith(".ics")
    return part


def ics_of(message) -> Calendar:
    part = calendar_part(message)
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    # Mail programs act on the part's method; it must say what the calendar says.
    assert part.get_param("method") == str(calendar["method"])
    return calendar


def test_confirmation_has_the_details_and_the_appointment_in_amsterdam_time(
    session, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.DEFAULT_FROM_EMAIL = "Netwerk <noreply@example.org>"
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_create(session=session, full_name="Anna Bakker", email="a@example.org")
    [message] = mailoutbox
    assert message.to == ["a@example.org"]
    assert "Signalering van polarisatie" in message.subject
    assert "Anna Bakker" in message.body
    assert "09:30–12:30" in message.body  # Dutch wall-clock time, not UTC
    assert "Wijkcentrum De Hoogte" in message.body
    assert session.get_absolute_url() in message.body
    raw = calendar_part(message).get_payload(decode=True).decode()
    assert "DTSTART;TZID=Europe/Amsterdam:20300313T093000" in raw
    event = ics_of(message).walk("VEVENT")[0]
    assert event["dtstart"].dt == amsterdam(2030, 3, 13, 9, 30)
    assert str(event["status"]) == "CONFIRMED"
    assert "a@example.org" in str(event["attendee"])
    [timezone_definition] = ics_of(message).walk("VTIMEZONE")
    assert str(timezone_definition["tzid"]) == "Europe/Amsterdam"
    assert "TZID:Europe/Amsterdam" in raw
    organizer = event["organizer"]
    assert str(organizer) == "mailto:noreply@example.org"
    assert organizer.params["cn"] == settings.NETWORK_NAME


def test_confirmation_is_an_imip_request_and_a_cancellation_an_imip_cancel(
    session, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrolment_create(
            session=session, full_name="Anna Bakker", email="a@example.org"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_cancel(enrolment=enrolment)
    invitation, cancellation = mailoutbox
    sent = [message_from_bytes(m.message().as_bytes()) for m in (invitation, cancellation)]
    methods = [calendar_part(m).get_param("method") for m in sent]
    assert methods == ["REQUEST", "CANCEL"]
    assert [str(ics_of(m)["method"]) for m in sent] == ["REQUEST", "CANCEL"]
    uids = {str(ics_of(m).walk("VEVENT")[0]["uid"]) for m in sent}
    assert len(uids) == 1  # the cancel names the event the invitation added


def test_waitlisted_email_says_so_without_an_appointment(
    session, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.TRAINING_OFFER_HOURS = 36
    EnrolmentFactory(session=session)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_create(session=session, full_name="Bram", email="b@example.org")
    [message] = mailoutbox
    assert "op de wachtlijst" in message.subject
    assert "36 uur" in message.body
    assert message.attachments == []


def test_offer_email_has_the_link_and_the_deadline(
    session, django_capture_on_commit_callbacks, mailoutbox
):
    seated = EnrolmentFactory(session=session)
    waiting = EnrolmentFactory(session=session, state=EnrolmentState.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_cancel(enrolment=seated)
    offer = next(m for m in mailoutbox if m.to == [waiting.email])
    [token] = re.findall(r"/trainingen/plek/([^/\s]+)/", offer.body)
    assert enrolment_id_of(token, "offer") == waiting.pk
    waiting.refresh_from_db()
    deadline = timezone.localtime(waiting.offer_expires_at)
    assert f"{deadline:%H:%M}" in offer.body
    cancellation = next(m for m in mailoutbox if m.to == [seated.email])
    calendar = ics_of(cancellation)
    assert str(calendar["method"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_cancelled_session_tells_everyone_once(
    session, django_capture_on_commit_callbacks, mailoutbox
):
    EnrolmentFactory(session=session)
    EnrolmentFactory(session=session, state=EnrolmentState.WAITLISTED)
    EnrolmentFactory(session=session, state=EnrolmentState.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_transition(session=session, to=SessionState.CANCELLED)
    assert len(mailoutbox) == 2
    assert all("gaat niet door" in message.subject for message in mailoutbox)
    for enrolment in session.enrolments.exclude(state=EnrolmentState.CANCELLED):
        tasks.send_enrolment_message(enrolment.pk, MessageKind.SESSION_CANCELLED)
    assert len(mailoutbox) == 2


def test_each_message_is_sent_once_even_when_the_task_runs_twice(mailoutbox):
    enrolment = EnrolmentFactory()
    assert tasks.send_enrolment_message(enrolment.pk, MessageKind.CONFIRMATION) is True
    assert tasks.send_enrolment_message(enrolment.pk, MessageKind.CONFIRMATION) is False
    assert len(mailoutbox) == 1
    assert EnrolmentMessage.objects.filter(enrolment=enrolment).count() == 1


def test_a_failed_send_can_be_retried(mailoutbox, monkeypatch):
    enrolment = EnrolmentFactory()

    def broken(self, fail_silently=False):
        raise ConnectionError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with pytest.raises(ConnectionError):
        tasks.send_enrolment_message(enrolment.pk, MessageKind.CONFIRMATION)
    monkeypatch.undo()
    assert not EnrolmentMessage.objects.exists()  # the ledger row was rolled back
    assert tasks.send_enrolment_message(enrolment.pk, MessageKind.CONFIRMATION) is True
    assert len(mailoutbox) == 1


def test_reminders_go_two_days_before_once_even_when_the_task_runs_twice(mailoutbox):
    soon = SessionFactory(starts_at=timezone.now() + timedelta(days=1, hours=20))
    later = SessionFactory(starts_at=timezone.now() + timedelta(days=3))
    reminded = EnrolmentFactory(session=soon)
    EnrolmentFactory(session=soon, state=EnrolmentState.WAITLISTED)
    EnrolmentFactory(session=later)
    assert tasks.send_session_reminders() == 1
    assert tasks.send_session_reminders() == 0
    [message] = mailoutbox
    assert message.to == [reminded.email] and "Herinnering" in message.subject
    assert "TZID=Europe/Amsterdam" in calendar_part(message).get_payload(decode=True).decode()


def test_evaluation_requests_go_once_to_those_who_attended(mailoutbox):
    session = past_session(state=SessionState.HELD)
    came = EnrolmentFactory(session=session, attendance="present")
    EnrolmentFactory(session=session, attendance="absent")
    assert tasks.send_evaluation_requests() == 1
    assert tasks.send_evaluation_requests() == 0
    [message] = mailoutbox
    assert message.to == [came.email]
    [token] = re.findall(r"/trainingen/evaluatie/([^/\s]+)/", message.body)
    assert enrolment_id_of(token, "evaluation") == came.pk


def test_expire_offers_task_offers_the_seat_onwards_and_emails_once(
    session, django_capture_on_commit_callbacks, mailoutbox
):
    lapsed = EnrolmentFactory(
        session=session,
        state=EnrolmentState.OFFERED,
        offer_expires_at=timezone.now() - timedelta(minutes=1),
    )
    next_in_line = EnrolmentFactory(session=session, state=EnrolmentState.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.expire_offers() == 1
        assert tasks.expire_offers() == 0
    # The one whose offer lapsed is told; the next in line gets the offer.
    assert [message.to for message in mailoutbox] == [[lapsed.email], [next_in_line.email]]


def test_email_in_winter_and_summer_time_shows_the_local_hour(
    django_capture_on_commit_callbacks, mailoutbox
):
    summer = SessionFactory(
        starts_at=amsterdam(2030, 7, 1, 19, 0), ends_at=amsterdam(2030, 7, 1, 21, 0)
    )
    with (
        time_machine.travel(amsterdam(2030, 6, 1, 12, 0)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.enrolment_create(session=summer, full_name="C", email="c@example.org")
    assert "19:00–21:00" in mailoutbox[0].body


def test_subjects_and_bodies_are_plain_text_not_html_escaped(mailoutbox):
    enrolment = EnrolmentFactory(session=SessionFactory(title="Ouders & jongeren's"))
    for kind in [MessageKind.CONFIRMATION, MessageKind.CANCELLATION]:
        if kind == MessageKind.CANCELLATION:
            Enrolment.objects.filter(pk=enrolment.pk).update(state=EnrolmentState.CANCELLED)
        assert tasks.send_enrolment_message(enrolment.pk, kind) is True
    for message in mailoutbox:
        assert "Ouders & jongeren's" in message.subject
        assert "Ouders & jongeren's" in message.body
        assert "&amp;" not in message.subject + message.body
        assert "&#x27;" not in message.subject + message.body


@pytest.mark.parametrize(
    "kind",
    [
        MessageKind.CONFIRMATION,
        MessageKind.WAITLISTED,
        MessageKind.OFFER,
        MessageKind.REMINDER,
        MessageKind.EVALUATION,
    ],
)
def test_no_email_but_the_cancellation_to_a_cancelled_enrolment(kind, mailoutbox):
    enrolment = EnrolmentFactory(state=EnrolmentState.CANCELLED, attendance="present")
    assert tasks.send_enrolment_message(enrolment.pk, kind) is False
    assert mailoutbox == []
    assert not EnrolmentMessage.objects.exists()


@pytest.mark.parametrize("kind", [MessageKind.CANCELLATION, MessageKind.SESSION_CANCELLED])
def test_cancellations_go_to_a_cancelled_enrolment(kind, mailoutbox):
    enrolment = EnrolmentFactory(state=EnrolmentState.CANCELLED)
    assert tasks.send_enrolment_message(enrolment.pk, kind) is True
    assert len(mailoutbox) == 1


def test_an_offer_taken_up_before_its_email_went_out_is_not_offered_again(mailoutbox):
    enrolment = EnrolmentFactory(state=EnrolmentState.ENROLLED)
    assert tasks.send_enrolment_message(enrolment.pk, MessageKind.OFFER) is False
    assert tasks.send_enrolment_message(enrolment.pk, MessageKind.CONFIRMATION) is True
    assert len(mailoutbox) == 1


def test_a_person_whose_offered_seat_lapses_is_told_once(
    session, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.TRAINING_OFFER_HOURS = 24
    seated = services.enrolment_create(session=session, full_name="Sem", email="s@example.org")
    anna = services.enrolment_create(session=session, full_name="Anna", email="a@example.org")
    services.enrolment_create(session=session, full_name="Bram", email="b@example.org")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        services.enrolment_cancel(enrolment=seated)
    mailoutbox.clear()
    with (
        time_machine.travel(start + timedelta(hours=25), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.offers_expire() == 1
        assert services.offers_expire() == 0
    lapsed = [m for m in mailoutbox if m.to == ["a@example.org"]]
    assert len(lapsed) == 1
    assert "vervallen" in lapsed[0].subject
    assert "wachtlijst" in lapsed[0].body
    assert tasks.send_enrolment_message(anna.pk, MessageKind.OFFER_LAPSED) is False  # once
    assert EnrolmentMessage.objects.filter(enrolment=anna, kind=MessageKind.OFFER_LAPSED).exists()
    assert [m.to for m in mailoutbox if m is not lapsed[0]] == [["b@example.org"]]  # her offer
