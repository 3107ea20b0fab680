"""polrad.mail: Dutch text and HTML from templates, standard headers, iMIP, one connection."""

from email import message_from_bytes
from pathlib import Path

import pytest
from django.core import mail as outbox_module
from django.db import transaction
from icalendar import Calendar, Event

from polrad import mail

TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def _test_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES]}
    ]


def sent(message):
    """The message as it goes over the wire, parsed back."""
    return message_from_bytes(message.message().as_bytes())


def test_renders_text_and_html_in_dutch_with_the_network_name(settings):
    settings.NETWORK_NAME = "Netwerk Test"
    message = mail.render("mailtest/hello", {"name": "Anna"}, to=["a@example.org"])
    assert message.to == ["a@example.org"]
    assert message.subject == "Organisaties Anna"  # translated, whatever the active language
    assert "Dag Anna & co," in message.body and "Netwerk Test" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert 'lang="nl"' in html
    assert "Dag Anna &amp; co," in html  # escaped in HTML, plain in text
    assert f'<a href="{settings.SITE_URL}/pagina/"' in html  # links clickable


def test_an_app_may_write_its_own_html():
    message = mail.render("mailtest/custom", {"name": "Bram"}, to=["b@example.org"])
    assert message.alternatives[0][0].strip() == "<p>Eigen HTML voor Bram</p>"


def test_unsubscribe_headers_only_where_an_unsubscribe_url_applies():
    plain = sent(mail.render("mailtest/hello", {}, to=["a@example.org"]))
    assert plain["List-Unsubscribe"] is None
    url = "https://polrad.example.org/afmelden/abc/"
    message = sent(mail.render("mailtest/hello", {}, to=["a@example.org"], unsubscribe_url=url))
    assert message["List-Unsubscribe"] == f"<{url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def _ics(method: str | None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//test//NL")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    event = Event()
    event.add("uid", "x@example.org")
    event.add("summary", "Training")
    calendar.add_component(event)
    return calendar.to_ical()


@pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
def test_a_calendar_attachment_is_an_imip_part_with_the_calendars_method(method):
    attachment = mail.calendar(_ics(method), filename="training.ics")
    message = mail.render("mailtest/hello", {}, to=["a@example.org"], attachments=[attachment])
    [part] = [p for p in sent(message).walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == method
    assert part.get_content_charset() == "utf-8"
    assert part.get_filename() == "training.ics"
    inside = Calendar.from_ical(part.get_payload(decode=True))
    assert str(inside["method"]) == method


def test_a_calendar_without_method_gets_none_on_its_part():
    part = mail.calendar(_ics(None))
    assert part.get_param("method") is None


def test_plain_attachments_pass_through():
    message = mail.render(
        "mailtest/hello", {}, to=["a@example.org"], attachments=[("a.csv", "x;y\n", "text/csv")]
    )
    assert [p.get_filename() for p in sent(message).walk() if p.get_filename()] == ["a.csv"]


def test_a_batch_goes_over_one_connection(monkeypatch, mailoutbox):
    opened = []
    real = mail.get_connection

    def counting(*args, **kwargs):
        connection = real(*args, **kwargs)
        opened.append(connection)
        return connection

    monkeypatch.setattr(mail, "get_connection", counting)
    messages = [mail.render("mailtest/hello", {}, to=[f"{i}@example.org"]) for i in range(3)]
    assert mail.send(messages) == 3
    assert len(opened) == 1 and len(mailoutbox) == 3
    assert all(message.connection is opened[0] for message in messages)


@pytest.mark.django_db(transaction=True)
def test_send_on_commit_waits_for_the_commit_and_never_sends_on_rollback():
    message = mail.render("mailtest/hello", {}, to=["a@example.org"])
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send_on_commit([message])
        raise RuntimeError("rolled back")
    assert outbox_module.outbox == []
    with transaction.atomic():
        mail.send_on_commit([message])
        assert outbox_module.outbox == []
    assert len(outbox_module.outbox) == 1


def test_a_stencil_is_rendered_once_and_filled_in_per_recipient_escaped_in_html(settings):
    url = "https://polrad.example.org/afmelden/abc/?x=1&y=2"
    stencil = mail.stencil("mailtest/hello", {}, personal=("name",), unsubscribe=True)
    first = stencil.message(
        to=["a@example.org"], values={"name": "<b>Anna</b>"}, unsubscribe_url=url
    )
    second = stencil.message(to=["b@example.org"], values={"name": "Bram"}, unsubscribe_url=url)
    assert first.to == ["a@example.org"] and "Dag <b>Anna</b> & co," in first.body
    assert "Dag Bram & co," in second.body
    html = first.alternatives[0][0]
    assert "Dag &lt;b&gt;Anna&lt;/b&gt; &amp; co," in html and "<b>Anna" not in html
    assert sent(first)["List-Unsubscribe"] == f"<{url}>"
    # The same as the message rendered on its own.
    alone = mail.render("mailtest/hello", {"name": "Bram"}, to=["b@example.org"])
    assert (second.subject, second.body) == (alone.subject, alone.body)


def test_a_stencil_value_that_looks_like_a_marker_is_left_as_it_is():
    stencil = mail.stencil("mailtest/hello", {}, personal=("name", "other"))
    marker = mail._personal_marker("other")
    message = stencil.message(to=["a@example.org"], values={"name": marker, "other": "x"})
    assert f"Dag {marker} & co," in message.body


def test_a_stencil_wants_exactly_its_values():
    stencil = mail.stencil("mailtest/hello", {}, personal=("name",))
    with pytest.raises(ValueError, match="expected"):
        stencil.message(to=["a@example.org"], values={})
    with pytest.raises(ValueError, match="unsubscribe"):
        stencil.message(to=["a@example.org"], values={"name": "A"}, unsubscribe_url="https://x/")
