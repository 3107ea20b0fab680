"""Sessions as iCalendar (RFC 5545): one event per session, for feeds and email attachments."""

from __future__ import annotations

from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from trainings.models import Session
from trainings.workflow import SessionState


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.NETWORK_NAME}//POLRAD//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _organizer() -> vCalAddress:
    """The network, by the address its emails come from (RFC 5546 wants an organizer)."""
    organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organizer.params["cn"] = vText(settings.NETWORK_NAME)
    return organizer


def _event(session: Session, *, cancelled: bool = False, attendee=None) -> Event:
    event = Event()
    host = settings.SITE_URL.split("//", 1)[-1]
    event.add("uid", f"training-session-{session.pk}@{host}")
    event.add("dtstamp", timezone.now())
    # Local times with their zone, so calendars show the Dutch wall-clock time.
    event.add("dtstart", timezone.localtime(session.starts_at))
    event.add("dtend", timezone.localtime(session.ends_at))
    event.add("summary", session.display_title)
    event.add("description", session.programme.description)
    event.add("location", vText(session.venue_text or session.online_url))
    event.add("url", settings.SITE_URL + session.get_absolute_url())
    event.add("organizer", _organizer())
    cancelled = cancelled or session.state == SessionState.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    # A cancellation must outrank the invitation it cancels.
    event.add("sequence", 1 if cancelled else 0)
    if attendee is not None:
        address = vCalAddress(f"mailto:{attendee.email}")
        address.params["cn"] = vText(attendee.full_name)
        event.add("attendee", address)
    return event


def session_ics(session: Session, *, cancelled: bool = False, attendee=None) -> bytes:
    """One session; for an attendee an iTIP message (RFC 5546): a REQUEST that invites
    them, or a CANCEL that takes the event out of their calendar."""
    calendar = _calendar()
    if cancelled:
        calendar.add("method", "CANCEL")
    elif attendee is not None:
        calendar.add("method", "REQUEST")
    calendar.add_component(_event(session, cancelled=cancelled, attendee=attendee))
    return _to_ical(calendar)


def sessions_ics(sessions: Iterable[Session]) -> bytes:
    calendar = _calendar()
    calendar.add("x-wr-calname", settings.NETWORK_NAME)
    for session in sessions:
        calendar.add_component(_event(session))
    return _to_ical(calendar)


def _to_ical(calendar: Calendar) -> bytes:
    # The times name their zone (TZID=Europe/Amsterdam); RFC 5545 wants its definition along,
    # or some calendar apps show the times as if they were UTC.
    calendar.add_missing_timezones()
    return calendar.to_ical()
