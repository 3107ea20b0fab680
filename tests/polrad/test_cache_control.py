"""Every response to a logged-in user stays out of shared and browser caches (issue #13, 3).

The test walks the whole URLconf: every named URL without arguments, and every URL with
arguments filled in from the demo data, fetched by one user holding every role.
"""

from datetime import date

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from network.models import ContactPerson, Municipality, Organisation
from polrad.accounts.roles import Role
from polrad.management.commands.seed_demo import SEED_MODULES
from polrad.reports.models import StoredReport
from rolemodels.models import Activity, RoleModel
from signals.models import Concern, FollowUpAction
from tests.conftest import PASSWORD
from tests.factories import UserFactory
from trainings.models import Certificate, CoachingAction, Enrolment, Module, Programme, Session

# Which seeded object fills the `pk` of a URL, by URL name (the longest matching prefix wins).
PK_MODEL = {
    "reports:municipal": Municipality,
    "reports:pdf-": StoredReport,
    "accounts:user-": "user",
    "network:organisation-": Organisation,
    "network:relation-": Organisation,
    "network:contact-": ContactPerson,
    "network:municipality-": Municipality,
    "rolemodels:": RoleModel,
    "rolemodels:activity-": Activity,
    "signals:": Concern,
    "trainings:": Session,
    "trainings:programme": Programme,
    "trainings:module-create": Programme,
    "trainings:module-update": Module,
    "trainings:module-file": Module,
    "trainings:enrolment-": Enrolment,
    "trainings:certificate-": Certificate,
    "trainings:coaching-role-model": RoleModel,
    "trainings:coaching-session-create": RoleModel,
    "trainings:coaching-action-": CoachingAction,
}
OTHER_KWARGS = {
    "year": lambda: date.today().year,
    "table": lambda: "activities",
    "stage": lambda: "active",
    "kind": lambda: "organisaties",
    "token": lambda: "not-a-valid-token",
    "code": lambda: "NOT-A-CODE",
    "uidb64": lambda: "MQ",
    "action_pk": lambda: FollowUpAction.objects.values_list("pk", flat=True).first(),
}


def _named_patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            if pattern.namespace != "admin":
                yield from _named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def _pk_for(name, user):
    prefix = max((p for p in PK_MODEL if name.startswith(p)), key=len, default=None)
    if prefix is None:
        return 1  # whatever it answers (a 404 too), the answer must not be stored
    model = PK_MODEL[prefix]
    if model == "user":
        return user.pk
    pk = model.objects.order_by("pk").values_list("pk", flat=True).first()
    assert pk, f"{name}: the demo data has no {model.__name__}"
    return pk


def _urls(user):
    for name, pattern in _named_patterns(get_resolver().url_patterns):
        params = pattern.pattern.regex.groupindex
        kwargs = {}
        converters = pattern.pattern.converters
        for param in params:
            if param == "pk":
                kwargs[param] = _pk_for(name, user)
            elif param in OTHER_KWARGS:
                kwargs[param] = OTHER_KWARGS[param]()
            else:
                kwargs[param] = 1 if type(converters[param]).__name__ == "IntConverter" else "x"
        yield name, reverse(name, kwargs=kwargs)


@pytest.fixture
def everything(db):
    from importlib import import_module

    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for module in SEED_MODULES:
            import_module(module).seed_demo(lambda line: None)
    user = UserFactory(roles=list(Role), is_staff=True, is_superuser=True)
    user.municipalities.set(Municipality.objects.all())
    StoredReport.objects.create(
        kind=StoredReport.Kind.ANNUAL,
        period_kind="year",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        language="nl",
        requested_by=user,
    )
    return user


def test_every_page_for_a_logged_in_user_is_private_and_not_stored(client_for, everything):
    client = client_for(everything)
    seen = []
    for name, url in _urls(everything):
        if name in {"accounts:logout"}:
            continue
        response = client.get(url)
        assert response.status_code < 500, f"{name} ({url}) answered {response.status_code}"
        cache_control = response.get("Cache-Control", "")
        assert "no-store" in cache_control and "private" in cache_control, (
            f"{name} ({url}) sent Cache-Control {cache_control!r}"
        )
        seen.append(name)
    assert {"signals:detail", "signals:queue", "accounts:user-list", "rolemodels:detail"} <= set(
        seen
    )


def test_login_and_logout_responses_are_not_stored(client, role_model):
    response = client.post(
        reverse("accounts:login"), {"username": role_model.email, "password": PASSWORD}
    )
    assert "no-store" in response["Cache-Control"]
    response = client.post(reverse("accounts:logout"))
    assert "no-store" in response["Cache-Control"]


def test_public_pages_for_anonymous_visitors_may_be_cached(client, db):
    response = client.get(reverse("accessibility"))
    assert "no-store" not in response.get("Cache-Control", "")
