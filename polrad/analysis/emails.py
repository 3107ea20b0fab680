"""The weekly action digest: open actions for their owners and the municipality's staff.

One email per recipient per week, whatever the retries: a unique (recipient, week) row is
claimed under a row lock (the ledger pattern of the other digests). The email lists actions
(what, due date, a link); it never carries anything of concerns.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from polrad.accounts.models import User
from polrad.accounts.roles import Role
from polrad.analysis.models import Action, ActionDigest
from polrad.analysis.workflow import OPEN_STATUSES

MAX_LISTED = 50


def current_week(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today - timedelta(days=today.weekday())


def _open_actions():
    return Action.objects.filter(status__in=OPEN_STATUSES)


def digest_recipients() -> list[int]:
    """Active users who own an open action (by the email of the person on the map), and the
    municipal staff of municipalities with open actions."""
    open_actions = _open_actions()
    # Account emails are stored in lower case; those on the map as they were typed.
    owner_emails = (
        open_actions.exclude(owner_contact__email="")
        .annotate(owner_email=Lower("owner_contact__email"))
        .values("owner_email")
    )
    owners = User.objects.filter(is_active=True, email__in=owner_emails)
    staff = User.objects.filter(
        is_active=True,
        groups__name=Role.MUNICIPAL,
        municipalities__in=open_actions.values("municipality"),
    )
    return sorted(
        set(owners.values_list("pk", flat=True)) | set(staff.values_list("pk", flat=True))
    )


def actions_for_recipient(user) -> list[Action]:
    """Open actions the user owns, and those of the municipalities of their staff role."""
    mine = Q(owner_contact__email__iexact=user.email)
    if user.has_role(Role.MUNICIPAL):
        mine |= Q(municipality__in=user.municipalities.all())
    return list(
        _open_actions()
        .filter(mine)
        .select_related("municipality", "owner_organisation", "owner_contact")
        .order_by("due_date", "pk")
    )


def action_digests_send() -> int:
    """Queue this week's digest for every recipient; returns how many were queued."""
    from polrad.analysis.tasks import send_action_digest

    week = current_week().isoformat()
    recipients = digest_recipients()
    for recipient_id in recipients:
        send_action_digest.delay(recipient_id, week)
    return len(recipients)


def action_digest_send(*, recipient_id: int, week: str) -> bool:
    """Send one recipient's digest of the week at most once; whether an email went out."""
    with transaction.atomic():
        digest, _created = ActionDigest.objects.get_or_create(
            recipient_id=recipient_id, week=date.fromisoformat(week)
        )
        digest = ActionDigest.objects.select_for_update().get(pk=digest.pk)
        if digest.sent_at is not None:
            return False
        user = User.objects.get(pk=recipient_id)
        actions = actions_for_recipient(user) if user.is_active else []
        digest.actions = len(actions)
        if actions:
            _send(user, actions)
        digest.sent_at = timezone.now()
        digest.save()
    return bool(actions)


def _send(user, actions: list[Action]) -> None:
    today = timezone.localdate()
    context = {
        "user": user,
        "actions": actions[:MAX_LISTED],
        "more": max(0, len(actions) - MAX_LISTED),
        "overdue": sum(1 for action in actions if action.due_date < today),
        "today": today,
        "list_url": settings.SITE_URL + reverse("analysis:actions"),
        "network_name": settings.NETWORK_NAME,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("analysis/email/digest_subject.txt", context).strip()
        body = render_to_string("analysis/email/digest.txt", context)
    send_mail(subject, body, None, [user.email])
