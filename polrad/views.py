from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from polrad.accounts.audit import audit_record
from polrad.accounts.models import AuditEvent


class AccessibilityView(TemplateView):
    template_name = "polrad/accessibility.html"


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    cache.set("health-check", "ok", 10)
    if cache.get("health-check") != "ok":
        raise RuntimeError("cache read-back failed")
    return "ok"


def _check_broker() -> str:
    from polrad.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
def health(request):
    """Status of the database and, when configured, the cache and broker: 200 or 503."""
    checks = {"database": _check_database, "cache": _check_cache}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = _check_broker
    results = {}
    for name, check in checks.items():
        try:
            results[name] = check()
        except Exception as exc:  # any failure means unhealthy; say which kind
            results[name] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results},
        status=200 if healthy else 503,
    )


def permission_denied(request, exception=None):
    audit_record(
        request=request,
        kind=AuditEvent.Kind.ACCESS_DENIED,
        success=False,
        view=request.resolver_match.view_name if request.resolver_match else "",
    )
    return render(request, "403.html", status=403)
