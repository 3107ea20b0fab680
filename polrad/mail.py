"""One way to write and send an email: render it in Dutch from templates, send it after commit.

Each app says what its messages contain in its own `emails.py`; this module knows how an
email is put together. A message is rendered from `<name>_subject.txt` and `<name>.txt`
(and `<name>.html` when the app has one; otherwise the HTML part is the text, with links
and paragraphs). Calendar invitations follow iMIP (RFC 6047): the `text/calendar` part
carries the same `method` as the METHOD inside the iCalendar object, so mail programs offer
"add to calendar" and take a cancelled event out again.

A part that is the same for many recipients (the figures of a trend update) is rendered once
with `render_shared` and handed to `render` for each of them: each message then costs only
its personal lines, not the shared table again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.message import SafeMIMEText
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import mark_safe
from icalendar import Calendar

ONE_CLICK = "List-Unsubscribe=One-Click"


@dataclass(frozen=True)
class Shared:
    """A part of many messages, rendered once: its text, and its HTML (escaped, with links
    and paragraphs, as the HTML part of a message without its own HTML template)."""

    text: str
    html: str


def render_shared(template: str, context: dict, *, language: str | None = None) -> Shared:
    language = language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        text = render_to_string(template, context).strip("\n")
    return Shared(text=text, html=_text_html(text))


def _marker(name: str) -> str:
    """Stands in for a shared part while a message is rendered: letters only, so escaping,
    links and paragraphs leave it as it is."""
    return f"SHAREDPART{name.upper()}X"


def render(
    template: str,
    context: dict,
    *,
    to: list[str],
    unsubscribe_url: str | None = None,
    attachments: Iterable = (),
    language: str | None = None,
    shared: dict[str, Shared] | None = None,
) -> EmailMultiAlternatives:
    """The message `template` (e.g. "network/email/stale") to these addresses.

    Rendered in `language` (the site's language unless given) and in the site's time zone.
    With an `unsubscribe_url` the message carries List-Unsubscribe and the one-click
    List-Unsubscribe-Post header (RFC 8058). `attachments` are MIME parts (see `calendar`)
    or (filename, content, mimetype) triples. `shared` parts are used in the templates as
    `{{ shared.<name> }}`, each a paragraph of its own.
    """
    shared = shared or {}
    context = {
        "network_name": settings.NETWORK_NAME,
        "site_url": settings.SITE_URL,
        **context,
        "shared": {name: _marker(name) for name in shared},
    }
    if unsubscribe_url:
        context.setdefault("unsubscribe", unsubscribe_url)
    language = language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        html = _html(template, context, subject=subject, body=body)
    for name, part in shared.items():
        body = body.replace(_marker(name), part.text)
        html = html.replace(f"<p>{_marker(name)}</p>", part.html).replace(_marker(name), part.html)
    headers = {}
    if unsubscribe_url:
        headers = {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": ONE_CLICK}
    message = EmailMultiAlternatives(subject, body, None, list(to), headers=headers)
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        if isinstance(attachment, tuple):
            message.attach(*attachment)
        else:
            message.attach(attachment)
    return message


def _html(template: str, context: dict, *, subject: str, body: str) -> str:
    try:
        return render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        content = _text_html(body)
        return render_to_string("email/base.html", {"subject": subject, "content": content})


def _text_html(text: str) -> str:
    """The text, escaped, with its links clickable and its paragraphs kept."""
    content = linebreaks(urlize(escape(text)), autoescape=False)
    return mark_safe(content)  # noqa: S308 -- the text was escaped just above


def calendar(ics: bytes | str, *, filename: str = "uitnodiging.ics") -> SafeMIMEText:
    """An iCalendar object as an iMIP part: `text/calendar; method=…` from its METHOD."""
    text = ics.decode() if isinstance(ics, bytes) else ics
    method = Calendar.from_ical(text).get("method")
    part = SafeMIMEText(text, "calendar", "utf-8")
    if method:
        part.set_param("method", str(method).upper())
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def connection():
    """An SMTP connection to share across a batch: `with mail.connection() as c: ...`."""
    return get_connection()


def send(messages: Iterable[EmailMessage], *, connection=None) -> int:
    """Send now, over one SMTP connection for the lot (or the one given); returns how many
    went out. A failure is raised, so that a caller inside a transaction rolls its ledger
    row back."""
    if connection is None:
        with get_connection() as shared:
            return send(messages, connection=shared)
    sent = 0
    for message in messages:
        message.connection = connection
        sent += message.send()
    return sent


def send_on_commit(messages: Iterable[EmailMessage]) -> None:
    """Send once the current transaction has committed (now, outside one)."""
    messages = list(messages)
    transaction.on_commit(lambda: send(messages))
