from unittest import mock

from django.db.utils import OperationalError
from django.test import override_settings
from django.urls import reverse


def test_health_is_ok_with_the_services_up(client, db, settings):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    expected = {"database": "ok", "cache": "ok"}
    if settings.REDIS_URL:  # CI: the real Redis as cache and broker
        expected |= {"broker": "ok"}
    assert response.json() == {"status": "ok", "checks": expected}
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_with_the_database_unreachable(client, db):
    with mock.patch(
        "polrad.views.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error: OperationalError"


def test_health_is_503_when_the_configured_broker_is_down(client, db):
    from polrad.celery import app

    down = "redis://127.0.0.1:1/0"
    saved = app.conf.broker_url  # read first: Celery loads its configuration lazily
    app.conf.broker_url = down
    try:
        with override_settings(REDIS_URL=down, CELERY_BROKER_URL=down):
            response = client.get(reverse("health"))
    finally:
        app.conf.broker_url = saved
    assert response.status_code == 503
    assert response.json()["checks"]["broker"].startswith("error")


def test_health_is_503_when_the_cache_fails(client, db):
    with mock.patch("polrad.views.cache.set", side_effect=ConnectionError("cache down")):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error: ConnectionError"
