import re

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from polrad.accounts.models import AuditEvent
from tests.conftest import PASSWORD

# Routes an anonymous visitor may open. Everything else must send them to the login page.
PUBLIC_ROUTES = {
    "accounts:login",
    "accounts:password-reset",
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    "accounts:invitation-accept",
    "rolemodels:apply",
    "rolemodels:apply-thanks",
    "network:map-request",
    "network:map-request-thanks",
    "signals:unsubscribe",
    "signals:satisfaction",
    "trainings:verify",
    "trainings:evaluate",
    "trainings:offer",
    "trainings:personal-feed",
    "health",
    "accessibility",
    "set_language",
    # The handelingskader's public entries: the lists show only what a coordinator made public.
    "interventions:list",
    "interventions:guidance-list",
    "kennisbank:list",
}


def walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            full_ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name


def example_path(route: str) -> str:
    """Turn a route into a concrete path: fill converters and regex groups with samples."""
    path = re.sub(r"<int:\w+>", "1", route)
    path = re.sub(r"<(?:str:|slug:)?\w+>", "x", path)
    path = re.sub(r"<path:\w+>", "x/y", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    return "/" + path


ALL_ROUTES = sorted(set(walk(get_resolver().url_patterns)), key=lambda item: item[0])
PRIVATE_ROUTES = [(route, name) for route, name in ALL_ROUTES if name not in PUBLIC_ROUTES]


@pytest.mark.parametrize(("route", "name"), PRIVATE_ROUTES, ids=[r for r, _ in PRIVATE_ROUTES])
def test_every_route_requires_login_except_the_allow_list(client, db, route, name):
    path = example_path(route)
    response = client.get(path, follow=True)
    if response.status_code == 404 and not response.redirect_chain:
        return  # the sample arguments matched nothing: nothing was revealed
    if response.status_code == 405:
        return  # POST-only: a POST without a session is refused by CSRF or login below
    final_path = response.redirect_chain[-1][0] if response.redirect_chain else path
    assert final_path.startswith(reverse("accounts:login")), f"{path} ended at {final_path}"
    assert response.status_code == 200


def test_the_allow_list_names_only_existing_routes():
    names = {name for _route, name in ALL_ROUTES}
    assert names >= PUBLIC_ROUTES


def test_public_pages_are_reachable_anonymously(client, db):
    for name in ["accounts:login", "accounts:password-reset", "health", "accessibility"]:
        assert client.get(reverse(name)).status_code == 200, name


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_to_https_except_health(client, db):
    assert client.get(reverse("accounts:login"))["Location"].startswith("https://")
    assert client.get(reverse("health")).status_code == 200


def test_cookies_and_security_headers(client, role_model):
    response = client.post(
        reverse("accounts:login"),
        {"username": role_model.email, "password": PASSWORD},
        secure=True,
    )
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] and session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"
    page = client.get(reverse("dashboard"), secure=True)
    assert page["Strict-Transport-Security"].startswith("max-age=31536000")
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert page["X-Frame-Options"] == "DENY"
    csp = page["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_pages_carry_no_inline_script_or_style(client, db):
    html = client.get(reverse("accounts:login")).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "style=" not in html and "<style" not in html


def test_csrf_cookie_is_secure_and_http_only(client, db):
    response = client.get(reverse("accounts:login"), secure=True)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]


def test_refused_authorisation_is_logged_and_shown_in_dutch(client_for, professional):
    client = client_for(professional)
    response = client.get(reverse("accounts:user-list"))
    assert response.status_code == 403
    assert "geen toegang" in response.content.decode()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ACCESS_DENIED)
    assert event.actor == professional
    assert event.path == reverse("accounts:user-list")
    assert event.detail["view"] == "accounts:user-list"


@override_settings(DEBUG=False, DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_an_error_shows_a_generic_dutch_page_without_traceback(client, role_model, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("polrad.home.views.HomeView.get_context_data", explode)
    client.raise_request_exception = False
    client.force_login(role_model)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Er ging iets mis" in body
    assert "secret internal detail" not in body and "Traceback" not in body
