"""After each closing, the reporter is asked once whether they were satisfied (rule 3: reporters see
that reporting helped). The link is signed, belongs to that closing, and is open 14 days; "not
satisfied" asks the handlers to reopen the concern."""

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone

from signals.models import Concern, SatisfactionAnswer
from signals.workflow import State

SALT = "signals.satisfaction"
OPEN_FOR = timedelta(days=14)


class AlreadyAnswered(Exception):
    pass


def satisfaction_token(concern: Concern) -> str:
    closed = concern.closed_at.isoformat() if concern.closed_at else ""
    return signing.TimestampSigner(salt=SALT).sign_object({"c": concern.pk, "closed": closed})


def concern_from_token(token: str) -> Concern | None:
    """The closed concern of a valid, unexpired token; None for any other."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(
            token, max_age=OPEN_FOR.total_seconds()
        )
    except (signing.BadSignature, signing.SignatureExpired):
        return None
    concern = Concern.objects.filter(pk=data.get("c"), state=State.CLOSED).first()
    if (
        concern is None
        or concern.closed_at is None
        or concern.closed_at.isoformat() != data.get("closed")
    ):
        return None  # reopened since: this closing's question no longer applies
    return concern


def latest_answer(concern: Concern) -> SatisfactionAnswer | None:
    """The answer about the concern's current closing, if the reporter gave one."""
    if concern.closed_at is None:
        return None
    return concern.satisfaction_answers.filter(closed_at=concern.closed_at).first()


@transaction.atomic
def satisfaction_answer(*, concern: Concern, satisfied: bool, comment: str) -> SatisfactionAnswer:
    """The answer about this closing; each closing asks once (AlreadyAnswered otherwise)."""
    locked = Concern.objects.select_for_update().get(pk=concern.pk)
    if locked.state != State.CLOSED or locked.closed_at is None:
        raise AlreadyAnswered  # reopened meanwhile: this closing's question no longer applies
    if SatisfactionAnswer.objects.filter(concern=locked, closed_at=locked.closed_at).exists():
        raise AlreadyAnswered
    answer = SatisfactionAnswer.objects.create(
        concern=locked, closed_at=locked.closed_at, satisfied=satisfied, comment=comment.strip()
    )
    if not satisfied:
        locked.reopen_requested_at = timezone.now()
        locked.save(update_fields=["reopen_requested_at"])
    return answer
