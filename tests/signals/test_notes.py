"""Handlers write internal notes and messages; the reporter sees only the messages."""

import pytest
from django.core import mail
from django.urls import reverse

from signals.models import Note
from tests.factories import UserFactory
from tests.signals.factories import ConcernFactory

INTERNAL = "Intern: broer is bekend bij de wijkagent"
MESSAGE = "Dank voor uw melding; we hebben contact gehad met de school."


@pytest.fixture
def concern(professional, municipality):
    return ConcernFactory(reporter=professional, municipality=municipality)


def note(client, concern, text, to_reporter=False):
    data = {"note-text": text, **({"note-to_reporter": "on"} if to_reporter else {})}
    return client.post(reverse("signals:note", args=[concern.pk]), data)


def test_reporter_sees_messages_but_never_internal_notes(
    client_for, handler, professional, concern, django_capture_on_commit_callbacks
):
    client = client_for(handler)
    note(client, concern, INTERNAL)
    with django_capture_on_commit_callbacks(execute=True):
        note(client, concern, MESSAGE, to_reporter=True)
    handler_page = client.get(reverse("signals:detail", args=[concern.pk])).content.decode()
    assert INTERNAL in handler_page and MESSAGE in handler_page
    page = client_for(professional).get(reverse("signals:my-report", args=[concern.pk]))
    text = page.content.decode()
    assert MESSAGE in text and INTERNAL not in text
    notice = [m for m in mail.outbox if m.to == [professional.email]]
    assert len(notice) == 1 and MESSAGE not in notice[0].body
    assert concern.reference in notice[0].subject


def test_internal_note_sends_no_email(
    client_for, handler, concern, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        note(client_for(handler), concern, INTERNAL)
    assert mail.outbox == [] and Note.objects.get().to_reporter is False


def test_empty_note_is_refused_and_nothing_saved(client_for, handler, concern):
    response = note(client_for(handler), concern, "   ")
    assert response.status_code == 400 and not Note.objects.exists()
    assert response.context["note_form"].errors


def test_note_is_stored_encrypted(handler, concern, client_for):
    from django.db import connection

    note(client_for(handler), concern, INTERNAL)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM signals_note")
        assert INTERNAL not in cursor.fetchone()[0]


def test_handler_of_another_municipality_cannot_write(client_for, other_municipality):
    stranger = UserFactory(roles=["handler"], municipalities=[other_municipality])
    concern = ConcernFactory()
    assert note(client_for(stranger), concern, INTERNAL).status_code == 404
    assert not Note.objects.exists()


@pytest.mark.parametrize("persona", ["professional", "coordinator", "role_model"])
def test_only_handlers_write_notes(client_for, request, concern, persona):
    assert note(client_for(request.getfixturevalue(persona)), concern, MESSAGE).status_code == 403
    assert not Note.objects.exists()
