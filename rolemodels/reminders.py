"""The weekly reminder to coordinators about candidates stuck in the recruitment pipeline."""

from django.db import transaction

from polrad import ledger, mail
from polrad.accounts.models import User
from rolemodels import emails
from rolemodels.models import RoleModel
from rolemodels.selectors import stuck_role_models

MAX_LISTED = 50
KIND = "rolemodels.stuck_reminder"


def stuck_reminder_send(*, coordinator_id: int, week: str) -> bool:
    """Send one coordinator's reminder for the week (a ledger week key), at most once
    whatever the retries. Returns whether an email went out."""
    with transaction.atomic():
        coordinator = User.objects.get(pk=coordinator_id)
        entry = ledger.claim(kind=KIND, recipient=coordinator, period=week)
        if entry is None:
            return False
        municipalities = coordinator.municipalities.filter(is_active=True)
        stuck = stuck_role_models(municipalities if municipalities.exists() else None)
        entry.detail = {"candidates": stuck.count()}
        entry.save(update_fields=["detail"])
        if not entry.detail["candidates"]:
            return False
        message = emails.stuck_reminder(
            coordinator=coordinator, counts=entry.detail, candidates=stuck[:MAX_LISTED]
        )
        mail.send([message])
    return True


def application_confirmation_send(*, role_model_id: int) -> bool:
    """Tell a candidate their application arrived; False when it was removed meanwhile."""
    role_model = RoleModel.objects.filter(pk=role_model_id).first()
    if role_model is None:
        return False
    mail.send([emails.application_confirmation(role_model)])
    return True
