"""The weekly action digest: open actions for their owners and the municipality's staff.

At most once per recipient per ISO week, whatever the retries: the project's ledger records
"analysis.action_digest, this recipient, this week" in the transaction that sends.
"""

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower

from polrad import ledger, mail
from polrad.accounts.models import User
from polrad.accounts.roles import Role
from polrad.accounts.selectors import users_with_role
from polrad.analysis import emails
from polrad.analysis.models import Action
from polrad.analysis.workflow import OPEN_STATUSES

KIND = "analysis.action_digest"


def _open_actions():
    return Action.objects.filter(status__in=OPEN_STATUSES)


def digest_recipients() -> list[int]:
    """Active users who own an open action (by the email of their person on the map), and
    the municipal staff of municipalities with open actions."""
    open_actions = _open_actions()
    # Account emails are stored in lower case; those on the map as they were typed.
    owner_emails = (
        open_actions.exclude(owner_contact__email="")
        .annotate(owner_email=Lower("owner_contact__email"))
        .values("owner_email")
    )
    owners = User.objects.filter(is_active=True, email__in=owner_emails)
    staff = users_with_role(Role.MUNICIPAL).filter(
        municipalities__in=open_actions.values("municipality")
    )
    ids = set(owners.values_list("pk", flat=True)) | set(staff.values_list("pk", flat=True))
    return sorted(ids)


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


def action_digest_send(*, recipient_id: int, period: str) -> bool:
    """Send one recipient's digest of the week (a ledger week key) at most once; whether an
    email went out."""
    with transaction.atomic():
        user = User.objects.get(pk=recipient_id)
        entry = ledger.claim(kind=KIND, recipient=user, period=period)
        if entry is None:
            return False
        actions = actions_for_recipient(user) if user.is_active else []
        entry.detail = {"actions": len(actions)}
        entry.save(update_fields=["detail"])
        if not actions:
            return False
        mail.send([emails.action_digest(user=user, actions=actions)])
    return True
