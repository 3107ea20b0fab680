"""Personas, defined once: each test asks for the user it is about."""

import os

import pytest
import redis
from celery import Celery
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from polrad.accounts.roles import Role
from tests.factories import MunicipalityFactory, TOTPDeviceFactory, UserFactory

PASSWORD = "correct-horse-battery-staple"


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str):
    """Skip a test whose service is missing, or fail when CI says services are required."""
    if services_required():
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Groningen", cbs_code="GM0014")


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(name="Westerwolde", cbs_code="GM1950")


@pytest.fixture
def coordinator(db):
    return UserFactory(email="coordinator@example.org", roles=[Role.COORDINATOR])


@pytest.fixture
def handler(municipality):
    return UserFactory(
        email="handler@example.org", roles=[Role.HANDLER], municipalities=[municipality]
    )


@pytest.fixture
def role_model(db):
    return UserFactory(email="rolemodel@example.org", roles=[Role.ROLE_MODEL])


@pytest.fixture
def professional(db):
    return UserFactory(email="professional@example.org", roles=[Role.PROFESSIONAL])


@pytest.fixture
def municipal_employee(municipality):
    return UserFactory(
        email="municipality@example.org", roles=[Role.MUNICIPAL], municipalities=[municipality]
    )


@pytest.fixture
def administrator(db):
    return UserFactory(email="admin@example.org", roles=[Role.ADMINISTRATOR])


@pytest.fixture
def outsider(db):
    """Logged in, but without any role."""
    return UserFactory(email="outsider@example.org")


def login_verified(client: Client, user) -> Client:
    """Log in as if password and two-factor code were both given."""
    device = TOTPDeviceFactory(user=user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for(client):
    """`client_for(user)`: a test client logged in (and 2FA-verified) as that user."""

    def make(user):
        return login_verified(client, user)

    return make


REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_app():
    """An app configured like polrad.celery.app, but on the real Redis and not eager."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}")
    app = Celery("polrad-round-trip", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(broker_url=REDIS_URL, result_backend=REDIS_URL, task_always_eager=False)
    yield app
    app.close()
