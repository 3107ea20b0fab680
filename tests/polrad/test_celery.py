"""A real Celery round trip: a worker thread in the test, the real Redis as broker."""

import os

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker

from polrad.tasks import ping
from tests.conftest import skip_or_fail

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


@pytest.mark.services
def test_a_task_runs_on_a_real_worker_and_its_result_comes_back(redis_app):
    with start_worker(redis_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        result = redis_app.tasks[ping.name].delay("polrad")
        assert result.get(timeout=20) == "pong polrad"
