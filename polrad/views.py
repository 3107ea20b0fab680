from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from polrad import links
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


# Where each kind of personal link is shown, to go back to after renewing it.
LINK_PAGES = {"calendar-feed": "trainings:mine", "unsubscribe": "signals:trend-settings"}


@require_POST
@login_required
def personal_links_renew(request, purpose: str):
    """Renew the user's personal link of this purpose: every older link stops working."""
    if purpose not in LINK_PAGES:
        raise Http404
    links.links_renew(user=request.user, purpose=purpose)
    messages.success(
        request, _("Your personal link has been renewed. Earlier copies no longer work.")
    )
    return redirect(LINK_PAGES[purpose])
