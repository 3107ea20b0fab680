"""The load test's plan and results: sessions that really open the planned pages."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from polrad import benchmark as bench
from polrad.accounts.roles import Role
from tests.factories import UserFactory
from tests.test_bench import registry_snapshot  # noqa: F401 (a fixture, used by name)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.usefixtures("registry_snapshot")
def test_plan_gives_each_user_a_session_that_opens_the_page(tmp_path, db):
    registry = bench.autodiscover()  # import the apps' modules first, then replace them
    registry.entries.clear()
    registry.register_page("dashboard", "/", role=Role.COORDINATOR)
    registry.register_page("login", "/account/inloggen/")  # anonymous: not replayed
    UserFactory(roles=[Role.COORDINATOR])
    UserFactory(roles=[Role.COORDINATOR])
    output = tmp_path / "plan.json"

    call_command(
        "loadtest_plan",
        users_per_role=5,
        output=str(output),
        stdout=open(  # noqa: SIM115
            tmp_path / "out.txt", "w"
        ),
    )

    plan = json.loads(output.read_text())
    assert [item["name"] for item in plan] == ["dashboard", "dashboard"]
    assert len({item["session"] for item in plan}) == 2
    for item in plan:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = item["session"]
        response = client.get(item["url"], secure=True)
        assert response.status_code == 200, item


@pytest.mark.usefixtures("registry_snapshot")
def test_plan_refuses_a_role_without_users(tmp_path, db):
    registry = bench.autodiscover()  # import the apps' modules first, then replace them
    registry.entries.clear()
    registry.register_page("handler queue", "/meldingen/werkvoorraad/", role=Role.HANDLER)
    try:
        call_command("loadtest_plan", output=str(tmp_path / "plan.json"))
    except CommandError as exc:
        assert "handler" in str(exc)
    else:
        raise AssertionError("a plan without users for a role must be refused")


def test_results_join_latest_json_with_a_summary(tmp_path):
    stats = tmp_path / "load_stats.csv"
    header = "Type,Name,Request Count,Failure Count,Requests/s,50%,95%,99%"
    stats.write_text(
        f"{header}\nGET,dashboard,120,0,2.0,40,90,120\n,Aggregated,120,1,2.0,40,90,120\n"
    )
    latest = tmp_path / "latest.json"
    latest.write_text(
        json.dumps([{"name": "login", "kind": "page"}, {"name": "old", "kind": "load"}])
    )
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "load_results.py"),
            str(stats),
            str(latest),
            "--users",
            "8",
            "--seconds",
            "60",
            "--workers",
            "4",
            "--load-before",
            "0.1 0.2 0.3",
            "--load-after",
            "1.0 0.5 0.4",
            "--wait",
            "0.2",
            "--speed-before",
            "101.5",
            "--speed-after",
            "180",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = {row["name"]: row for row in json.loads(latest.read_text())}
    assert set(rows) == {"login", "load: dashboard", "load: all pages"}
    assert rows["load: all pages"]["errors"] == 1 and rows["load: all pages"]["rps"] == 2.0
    assert rows["load: all pages"]["load_before"] == "0.1 0.2 0.3"
    assert "2.0 req/s" in result.stdout and "1 errors of 120" in result.stdout
    assert rows["load: all pages"]["wait_s"] == 0.2 and "pause 0-0.2 s" in result.stdout
    # A busy host shows: the reference Python ran 1.8 times as long after the run.
    assert rows["load: all pages"]["speed_after_ms"] == 180.0
    assert "reference Python 101.5 -> 180 ms" in result.stdout


def test_the_machine_speed_is_the_time_of_a_fixed_piece_of_python():
    printed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "machine_speed.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert 10 < float(printed) < 5000


def test_the_load_test_starts_as_many_gunicorn_workers_as_the_production_image():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    production = re.search(r"WEB_CONCURRENCY=(\d+)", dockerfile).group(1)
    script = (ROOT / "scripts" / "loadtest.sh").read_text(encoding="utf-8")
    assert f"WORKERS=${{LOAD_WORKERS:-${{WEB_CONCURRENCY:-{production}}}}}" in script
