"""A real Celery round trip: a worker thread in the test, the real Redis as broker."""

import pytest
from celery.contrib.testing.worker import start_worker

from polrad.tasks import ping


@pytest.mark.services
def test_a_task_runs_on_a_real_worker_and_its_result_comes_back(redis_app):
    with start_worker(redis_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        result = redis_app.tasks[ping.name].delay("polrad")
        assert result.get(timeout=20) == "pong polrad"
