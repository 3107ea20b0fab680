from polrad.accounts.models import AuditEvent
from polrad.clients import client_ip


def audit_record(
    *, request, kind: str, success: bool, actor=None, username: str = "", **detail
) -> AuditEvent:
    """Write one audit row for an event that happened in this request."""
    if actor is None and request.user.is_authenticated:
        actor = request.user
    return AuditEvent.objects.create(
        kind=kind,
        success=success,
        actor=actor,
        username=(username or getattr(actor, "email", ""))[:254],
        ip_address=client_ip(request),
        user_agent=request.headers.get("User-Agent", "")[:300],
        path=request.path[:500],
        detail=detail,
    )


def login_username(request, credentials) -> str:
    """The email address tried at login, normalised so case changes do not dodge lockout."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return raw.strip().lower()
