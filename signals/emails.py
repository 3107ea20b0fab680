"""What the emails about concerns say; polrad.mail renders and sends them.

They never carry concern content: a reference, a short notice and a link to the platform.
"""

import hashlib
import json

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from polrad import mail


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def receipt(concern) -> EmailMessage:
    """To the reporter: the reference code, what happens next, when they hear back."""
    context = {"concern": concern, "url": _url("signals:my-report", concern.pk)}
    return mail.render("signals/email/receipt", context, to=[concern.reporter.email])


def urgent(concern, recipients: list[str]) -> EmailMessage:
    """To the handlers of the municipality: only that there is an urgent concern."""
    context = {"concern": concern, "url": _url("signals:detail", concern.pk)}
    return mail.render("signals/email/urgent", context, to=recipients)


def message_notice(concern) -> EmailMessage:
    """To the reporter: there is a message from the handler; the text stays on the platform."""
    context = {"concern": concern, "url": _url("signals:my-report", concern.pk)}
    return mail.render("signals/email/message", context, to=[concern.reporter.email])


def closed_notice(concern, *, answer_url: str) -> EmailMessage:
    """To the reporter: the report is closed, the outcome is on the platform; satisfied?"""
    context = {
        "concern": concern,
        "url": _url("signals:my-report", concern.pk),
        "answer_url": answer_url,
    }
    return mail.render("signals/email/closed", context, to=[concern.reporter.email])


def retention_warning(rows: list[dict], recipients: list[str]) -> EmailMessage:
    """To the handlers: these concerns (references and dates) will soon be anonymised."""
    return mail.render("signals/email/retention", {"rows": rows}, to=recipients)


def trend_update(user, *, trends: dict, open_reports: list[dict], unsubscribe: str):
    """To a reporter: how their open reports are doing and the period's (suppressed) trends."""
    return trend_update_for(
        trend_update_stencil(trends), user, open_reports=open_reports, unsubscribe=unsubscribe
    )


def trend_update_stencil(trends: dict) -> mail.Stencil:
    """The trend update rendered once for a batch of reporters (`trend_update_for` fills in
    each one's name, open reports and unsubscribe link). The trends are the same for every
    reporter and rendered once per period per process: 50,000 emails otherwise rendered the
    342 municipalities 50,000 times, and the rest of the message 50,000 times over."""
    context = {"trends": trends, "my_reports": _url("signals:my-reports")}
    return mail.stencil(
        "signals/email/trend_update",
        context,
        personal=("name", "open_reports"),
        unsubscribe=True,
        shared=trend_shared_parts(trends),
    )


def trend_update_for(stencil: mail.Stencil, user, *, open_reports: list[dict], unsubscribe: str):
    """The trend update of one reporter, from the batch's stencil."""
    with translation.override(settings.LANGUAGE_CODE):
        lines = [f"- {report['reference']}: {report['step']}" for report in open_reports]
        values = {
            "name": user.full_name,
            "open_reports": "\n".join(lines) or gettext("You have no open reports."),
        }
    return stencil.message(to=[user.email], values=values, unsubscribe_url=unsubscribe)


_shared_parts: dict[str, dict[str, mail.Shared]] = {}
_last_trends: list = []  # [the trends dict last asked for, its parts]


def trend_shared_parts(trends: dict) -> dict[str, mail.Shared]:
    """The parts of the trend update every recipient shares, rendered once for these trends
    (the last ones asked for are kept: a run sends one period)."""
    if _last_trends and _last_trends[0] is trends:  # the same batch: not even hashed again
        return _last_trends[1]
    key = hashlib.sha256(
        json.dumps([settings.LANGUAGE_CODE, trends], sort_keys=True, default=str).encode()
    ).hexdigest()
    if key not in _shared_parts:
        _shared_parts.clear()
        context = {"trends": trends}
        _shared_parts[key] = {
            "interpretations": mail.render_shared(
                "signals/email/_trend_interpretations.txt", context
            ),
            "figures": mail.render_shared("signals/email/_trend_figures.txt", context),
        }
    _last_trends[:] = [trends, _shared_parts[key]]
    return _shared_parts[key]
