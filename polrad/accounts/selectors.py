"""Reads of accounts that several apps ask the same way, and for administrators' home page."""

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from polrad.accounts.models import AuditEvent, User
from polrad.accounts.roles import TWO_FACTOR_REQUIRED

# Lockouts and failures this recent are shown to administrators on their home page.
RECENT = timedelta(days=7)


def users_with_role(role: str, *, municipality_id: int | None = None) -> QuerySet[User]:
    """Active users holding `role` (in `municipality_id`, when given), each once."""
    users = User.objects.filter(is_active=True, groups__name=role)
    if municipality_id is not None:
        users = users.filter(municipalities=municipality_id)
    return users.distinct().order_by("pk")


def users_without_required_second_factor() -> QuerySet[User]:
    """Active users whose role requires two-factor authentication but who have not set it up
    (they reach nothing until they do)."""
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        User.objects.filter(is_active=True, groups__name__in=TWO_FACTOR_REQUIRED)
        .exclude(Exists(confirmed))
        .distinct()
    )


def recent_lockouts() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        kind=AuditEvent.Kind.LOCKED_OUT, created_at__gte=timezone.now() - RECENT
    )


def previous_login(user) -> datetime | None:
    """When the user logged in before the current session (None the first time)."""
    logins = AuditEvent.objects.filter(actor=user, kind=AuditEvent.Kind.LOGIN, success=True)
    times = logins.order_by("-created_at").values_list("created_at", flat=True)
    return next(iter(times[1:2]), None)
