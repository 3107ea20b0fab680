"""Sending the trend updates: one email per recipient per period, whatever the retries.

A TrendDigest row per recipient and period is the ledger. A batch records its rows first (in
one statement; if a twin run got there first, the unique constraint stops this batch and the
twin sends), then sends over one SMTP connection. Rows of emails that could not be sent are
removed again, so a retry sends them.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from polrad.accounts.models import User
from signals.models import Concern, TrendDigest, TrendSubscription
from signals.trends import QUARTERLY
from signals.workflow import OPEN_STATES, REPORTER_STEP

UNSUBSCRIBE_SALT = "signals.trend-updates.unsubscribe"


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps(user_id, salt=UNSUBSCRIBE_SALT)


def user_id_from_token(token: str) -> int | None:
    """The user of a signed unsubscribe token; None when it was tampered with."""
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def trend_recipients(frequency: str) -> QuerySet[User]:
    """Active users who reported a concern and want the update at this frequency."""
    reported = Concern.objects.filter(reporter=OuterRef("pk"))
    wanted = (
        Q(trend_subscription__frequency=frequency)
        if frequency == QUARTERLY
        else Q(trend_subscription__isnull=True) | Q(trend_subscription__frequency="monthly")
    )
    return User.objects.filter(wanted, Exists(reported), is_active=True).order_by("pk")


def _claim(period: str, user_ids: list[int]) -> list[int]:
    """Record the ledger rows of the recipients not sent to yet; returns their ids."""
    try:
        with transaction.atomic():
            done = set(
                TrendDigest.objects.filter(period=period, user_id__in=user_ids).values_list(
                    "user_id", flat=True
                )
            )
            claimed = [pk for pk in user_ids if pk not in done]
            TrendDigest.objects.bulk_create(
                TrendDigest(user_id=pk, period=period) for pk in claimed
            )
    except IntegrityError:
        return []  # a twin run claimed (some of) them at the same moment: it sends
    return claimed


def _message(user, aggregates: dict, open_reports: list[dict]) -> EmailMessage:
    unsubscribe = settings.SITE_URL + reverse(
        "signals:unsubscribe", args=[unsubscribe_token(user.pk)]
    )
    context = {
        "user": user,
        "trends": aggregates,
        "open_reports": open_reports,
        "my_reports": settings.SITE_URL + reverse("signals:my-reports"),
        "unsubscribe": unsubscribe,
        "network_name": settings.NETWORK_NAME,
    }
    subject = render_to_string("signals/email/trend_update_subject.txt", context).strip()
    body = render_to_string("signals/email/trend_update.txt", context)
    return EmailMessage(
        subject,
        body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def trend_update_send_batch(*, period: str, user_ids: list[int], aggregates: dict) -> int:
    """Send the period's update to these users (a batch of up to ~100); returns how many."""
    claimed = _claim(period, user_ids)
    if not claimed:
        return 0
    users = list(User.objects.filter(pk__in=claimed, is_active=True))
    open_reports: dict[int, list[dict]] = {}
    for reporter_id, reference, state in Concern.objects.filter(
        reporter_id__in=claimed, state__in=OPEN_STATES
    ).values_list("reporter_id", "reference", "state"):
        open_reports.setdefault(reporter_id, []).append(
            {"reference": reference, "step": str(REPORTER_STEP[state])}
        )
    with translation.override(settings.LANGUAGE_CODE):
        messages = [_message(user, aggregates, open_reports.get(user.pk, [])) for user in users]
    try:
        sent = get_connection().send_messages(messages) or 0
    except Exception:
        TrendDigest.objects.filter(period=period, user_id__in=claimed).delete()
        raise
    return sent


def trend_subscription_set(*, user: User, frequency: str) -> TrendSubscription:
    subscription, _created = TrendSubscription.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    return subscription
