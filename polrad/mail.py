"""One way to write and send an email: render it in Dutch from templates, send it after commit.

Each app says what its messages contain in its own `emails.py`; this module knows how an
email is put together. A message is rendered from `<name>_subject.txt` and `<name>.txt`
(and `<name>.html` when the app has one; otherwise the HTML part is the text, with links
and paragraphs). Calendar invitations follow iMIP (RFC 6047): the `text/calendar` part
carries the same `method` as the METHOD inside the iCalendar object, so mail programs offer
"add to calendar" and take a cancelled event out again.

A part that is the same for many recipients (the figures of a trend update) is rendered once
with `render_shared` and handed to `render` for each of them: each message then costs only
its personal lines, not the shared table again. A message sent to thousands at once (the
trend update) goes further: `stencil` renders it once with markers where each recipient's
own values go, and `Stencil.message` fills them in, escaped in the HTML part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.message import SafeMIMEText
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.defaultfilters import linebreaksbr
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


def _personal_marker(name: str) -> str:
    return f"PERSONALPART{name.upper().replace('_', '')}X"


@dataclass(frozen=True)
class Stencil:
    """A message rendered once, with a marker for each personal value (see `stencil`)."""

    subject: str
    text: str
    html: str
    fields: tuple[str, ...]
    unsubscribe: bool

    def message(
        self, *, to: list[str], values: dict[str, str], unsubscribe_url: str | None = None
    ) -> EmailMultiAlternatives:
        """The message to these addresses with these values: as text in the text part, and
        escaped, line breaks kept, in the HTML part. One pass: a value that happens to look
        like a marker is never replaced in turn."""
        if set(values) != set(self.fields):
            raise ValueError(f"values for {sorted(self.fields)} expected, got {sorted(values)}")
        if self.unsubscribe != bool(unsubscribe_url):
            raise ValueError("an unsubscribe URL goes with a stencil made with one, only")
        values = {**values, "unsubscribe": unsubscribe_url} if unsubscribe_url else values
        text_values = {_personal_marker(name): value for name, value in values.items()}
        html_values = {
            marker: linebreaksbr(escape(value), autoescape=False)
            for marker, value in text_values.items()
        }
        pattern = re.compile("|".join(map(re.escape, text_values)))
        subject = pattern.sub(lambda m: " ".join(text_values[m[0]].split()), self.subject)
        message = EmailMultiAlternatives(
            subject,
            pattern.sub(lambda m: text_values[m[0]], self.text),
            None,
            list(to),
            headers=_unsubscribe_headers(unsubscribe_url),
        )
        message.attach_alternative(pattern.sub(lambda m: html_values[m[0]], self.html), "text/html")
        return message


def stencil(
    template: str,
    context: dict,
    *,
    personal: Iterable[str],
    unsubscribe: bool = False,
    language: str | None = None,
    shared: dict[str, Shared] | None = None,
) -> Stencil:
    """The message `template` rendered once for many recipients: each name in `personal` is
    a context variable (a string) that `Stencil.message` fills in per recipient, and so is
    `unsubscribe` when the messages carry an unsubscribe link. Use the personal values only
    where their text goes (not in tags or filters): they are markers while rendering."""
    fields = tuple(personal)
    markers = {name: _personal_marker(name) for name in fields}
    if unsubscribe:
        markers["unsubscribe"] = _personal_marker("unsubscribe")
    message = render(
        template,
        {**context, **markers},
        to=[],
        unsubscribe_url=markers.get("unsubscribe"),
        language=language,
        shared=shared,
    )
    return Stencil(
        subject=message.subject,
        text=message.body,
        html=message.alternatives[0][0],
        fields=fields,
        unsubscribe=unsubscribe,
    )


def _unsubscribe_headers(unsubscribe_url: str | None) -> dict[str, str]:
    if not unsubscribe_url:
        return {}
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": ONE_CLICK}


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
    headers = _unsubscribe_headers(unsubscribe_url)
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
