"""The benchmark harness: registry, page and job measurements, the command's JSON output."""

import json
import os
import subprocess
import sys
from base64 import b32decode
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from polrad import benchmark as bench
from polrad.accounts.demo_code import DEMO_TOTP_SECRET
from polrad.accounts.models import User
from polrad.accounts.roles import Role
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"name", "kind", "n", "p50_ms", "p95_ms", "queries", "peak_mb", "load_before", "load_after"}
KEYS |= {"quarter_p50_ms", "growth", "note"}


@pytest.fixture
def registry_snapshot():
    """Registrations made by a test are undone afterwards. The apps' own measurements are
    discovered first: a test that discovers and then clears them would otherwise leave later
    tests without them (their modules, once imported, never register again)."""
    saved = dict(bench.autodiscover().entries)
    yield bench.registry
    bench.registry.entries.clear()
    bench.registry.entries.update(saved)


def run_command(tmp_path, *names, n=3, seed=None, **options):
    """`manage.py bench` of these names (and options); its rows and what it printed. Its
    output is in tmp_path/out/latest.json, what it wrote to stderr in tmp_path/stderr.txt."""
    output = tmp_path / "out" / "latest.json"
    seed_file = tmp_path / "seed.json"
    if seed is not None:
        seed_file.write_text(json.dumps(seed))
    call_command(
        "bench",
        n=n,
        warmup=1,
        only=list(names),
        output=str(output),
        seed_file=str(seed_file),
        stdout=open(tmp_path / "stdout.txt", "w"),  # noqa: SIM115 - closed with the test
        stderr=open(tmp_path / "stderr.txt", "w"),  # noqa: SIM115 - closed with the test
        **options,
    )
    return json.loads(output.read_text()), (tmp_path / "stdout.txt").read_text()


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert bench.percentile(values, 0.95) == 95.0
    assert bench.percentile(values, 0.5) == 50.0
    assert bench.percentile([3.0], 0.95) == 3.0


def test_project_registers_login_dashboard_and_health():
    bench.autodiscover()
    pages = {entry.name: entry for entry in bench.registry.entries.values()}
    assert pages["login"].url == "/account/inloggen/" and pages["login"].role is None
    assert pages["dashboard"].url == "/" and pages["dashboard"].role == Role.COORDINATOR
    assert pages["health"].url == "/health/"


@pytest.mark.django_db
def test_measure_anonymous_pages():
    for name in ("health", "login"):
        result = bench.measure_page(bench.registry.entries[name], n=3, warmup=1)
        assert result.kind == "page" and result.n == 3
        assert 0 < result.p50_ms <= result.p95_ms
        assert result.queries >= 0 and result.peak_mb is None
    health = bench.measure_page(bench.registry.entries["health"], n=3, warmup=0)
    assert health.queries == 1  # SELECT 1


@pytest.mark.django_db
def test_page_as_a_role_is_two_factor_verified():
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    result = bench.measure_page(bench.registry.entries["dashboard"], n=3, warmup=1)
    assert result.p50_ms > 0 and result.queries > 0
    # A device was made for the bench user, and the bench session was ended afterwards.
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_page_without_a_user_of_its_role_fails_clearly():
    with pytest.raises(bench.BenchError, match="no active user with role 'coordinator'"):
        bench.measure_page(bench.registry.entries["dashboard"], n=1, warmup=0)


@pytest.mark.django_db
def test_wrong_status_fails_and_names_the_redirect():
    page = bench.Page(name="dashboard anonymous", url="/")
    with pytest.raises(bench.BenchError, match=r"gave 302, expected 200 \(redirect to /account"):
        bench.measure_page(page, n=1, warmup=0)


def test_unknown_role_is_refused():
    with pytest.raises(ValueError, match="unknown role"):
        bench.Registry().register_page("x", "/", role="superhero")


@pytest.mark.django_db
def test_job_api_measures_time_queries_and_memory():
    registry = bench.Registry()

    @registry.register_job("allocate and count", n=3)
    def allocate_and_count():
        block = bytearray(20 * 2**20)  # 20 MB, touched so that it is resident
        block[::4096] = b"x" * len(block[::4096])
        User.objects.count()

    calls = []
    registry.register_job("with setup", lambda value: calls.append(value), setup=lambda: 42)
    (job, with_setup) = registry.select()
    result = bench.measure_job(job)
    assert result.as_dict().keys() == KEYS
    assert result.kind == "job" and result.n == 3
    assert 0 < result.p50_ms <= result.p95_ms
    assert result.queries == 1
    assert 15 <= result.peak_mb < 200

    bench.measure_job(with_setup)
    assert calls == [42]


@pytest.mark.django_db
def test_jobs_roll_back_unless_told_not_to():
    def create(email):
        return lambda: UserFactory(email=email)

    bench.measure_job(bench.Job(name="kept out", func=create("rolled-back@example.org")))
    assert not User.objects.filter(email="rolled-back@example.org").exists()
    bench.measure_job(bench.Job(name="kept", func=create("kept@example.org"), rollback=False))
    assert User.objects.filter(email="kept@example.org").exists()


@pytest.mark.django_db
def test_command_writes_json_with_seed_entry(tmp_path):
    UserFactory(roles=[Role.COORDINATOR])
    seed = {"name": "seed_demo --scale", "seconds": 12.345, "peak_mb": 321.0}
    results, stdout = run_command(
        tmp_path, "seed_demo --scale", "login", "dashboard", "health", seed=seed
    )
    assert [r["name"] for r in results] == ["seed_demo --scale", "login", "dashboard", "health"]
    for result in results:
        assert result.keys() == KEYS
    assert results[0] == {
        "name": "seed_demo --scale",
        "kind": "job",
        "n": 1,
        "p50_ms": 12345.0,
        "p95_ms": 12345.0,
        "queries": None,
        "peak_mb": 321.0,
        "load_before": None,
        "load_after": None,
        "quarter_p50_ms": None,
        "growth": None,
        "note": "",
    }
    for page in results[1:]:
        assert page["kind"] == "page" and page["n"] == 3 and page["peak_mb"] is None
        assert isinstance(page["queries"], int) and page["p50_ms"] > 0
        # The machine's load average around each measure, so that a noisy run shows itself.
        assert page["load_before"] >= 0 and page["load_after"] >= 0
    assert "p95 ms" in stdout and "dashboard" in stdout and "load" in stdout

    # A second run compares with the first.
    _, stdout = run_command(tmp_path, "health")
    assert "p50 vs last" in stdout


@pytest.mark.django_db
def test_command_reports_failures_after_writing_the_others(tmp_path, registry_snapshot):
    bench.register_page("missing page", "/does-not-exist/")
    with pytest.raises(CommandError, match="1 measurement"):
        run_command(tmp_path, "health", "missing page")
    written = json.loads((tmp_path / "out" / "latest.json").read_text())
    assert [r["name"] for r in written] == ["health"]


@pytest.mark.django_db
def test_command_refuses_unknown_names(tmp_path):
    with pytest.raises(CommandError, match="unknown measurement"):
        run_command(tmp_path, "no such page")


def test_bench_script_is_valid_bash():
    subprocess.run(["bash", "-n", str(ROOT / "scripts" / "bench.sh")], check=True)


def test_bench_only_keeps_names_with_commas_whole():
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "bench.sh"), "--print-only"],
        env={**os.environ, "BENCH_ONLY": "municipal report PDF (year, one municipality)|health"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines() == ["municipal report PDF (year, one municipality)", "health"]


def test_a_name_with_the_separator_is_refused(registry_snapshot):
    with pytest.raises(ValueError, match="separates names in BENCH_ONLY"):
        bench.register_page("a|b", "/")


@pytest.fixture
def demo_data(db):
    with override_settings(DEBUG=True, SIMPLE_HISTORY_ENABLED=False):
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def test_home_pages_and_concern_figures_are_measured_and_keep_the_demo_secret(demo_data):
    entries = bench.autodiscover().entries
    names = ["dashboard", "concern figures"] + [
        f"home ({role})" for role in ("handler", "rolemodel", "professional", "municipal")
    ]
    names.append("home (administrator)")
    for name in names:
        result = bench.measure_page(entries[name], n=1, warmup=0)
        assert result.p50_ms > 0 and result.queries > 0, name
    # The demo accounts that log in by password alone got no device with a random key; the
    # others still have only the demo device, with the README's secret.
    for email in ("rolemodel@example.org", "municipality@example.org"):
        assert not TOTPDevice.objects.filter(user__email=email).exists(), email
    demo_key = b32decode(DEMO_TOTP_SECRET).hex()
    for device in TOTPDevice.objects.filter(user__email__endswith="@example.org"):
        assert device.key == demo_key, device.user


@pytest.mark.django_db
def test_national_rows_show_their_growth_from_the_quarter_scale(tmp_path):
    quarter = tmp_path / "quarter.json"
    quarter.write_text(json.dumps([{"name": "health", "p50_ms": 0.001}, {"name": "login"}]))
    measured, stdout = run_command(tmp_path, "health", "login", quarter=str(quarter))
    rows = {row["name"]: row for row in measured}
    assert rows["health"]["quarter_p50_ms"] == 0.001
    assert rows["health"]["growth"] == round(rows["health"]["p50_ms"] / 0.001, 2) > 1.5
    # No quarter median for it: nothing to compare.
    assert rows["login"]["growth"] is None
    assert "× quarter" in stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--scale", "--fraction", "0"], "above 0, at most 1"),
        (["--scale", "--fraction", "1.5"], "above 0, at most 1"),
        (["--fraction", "0.25"], "goes with --scale"),
    ],
)
def test_seed_demo_refuses_a_share_that_is_no_share(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("seed_demo", *arguments)


def test_worker_rows_note_how_many_times_as_fast_more_processes_are():
    def row(name, p50):
        return bench.Result(name, "job", 1, p50, p50, 10, 1.0)

    one = row("mail, Celery worker with 1 process", 100.0)
    two = row("mail, Celery worker with 2 processes", 55.0)
    other = row("other job", 10.0)
    bench.compare_worker_counts([one, two, other])
    assert two.note == "1.82× as fast as 1 process"
    assert one.note == other.note == ""
    assert "mail, Celery worker with 2 processes: 1.82× as fast" in bench.format_table([one, two])


@pytest.mark.django_db
def test_a_jobs_teardown_runs_after_it_also_when_it_fails():
    calls = []

    def fail(argument):
        raise RuntimeError("broken")

    job = bench.Job(
        name="x", func=fail, setup=lambda: "resource", teardown=calls.append, rollback=False
    )
    with pytest.raises(RuntimeError):
        bench.measure_job(job)
    assert calls == ["resource"]


@pytest.mark.services
def test_tasks_sent_while_the_bench_worker_runs_reach_it_after_eager_ones(monkeypatch):
    """An eager `delay()` earlier in the bench (a page that queues mail) leaves the app with a
    producer pool for the default broker; the worker's tasks must still go to the worker."""
    from polrad.celery import app
    from polrad.tasks import ping

    try:
        import redis

        redis.Redis.from_url(bench.BROKER_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"Redis is not reachable at {bench.BROKER_URL}")
    # The platform's app by name: a Celery test worker elsewhere in the run (test_celery) makes
    # its own app the current one, which shared tasks like `ping` would then follow.
    task = app.tasks[ping.name]
    assert task.delay("eager").get(timeout=5) == "pong eager"  # in-process in tests
    for processes in (1, 2):  # one worker after the other, as the bench's two rows
        worker = bench.CeleryWorker(processes).start()
        try:
            task_id = task.delay("bench").id
            bench.wait_for(
                lambda: f"polrad.tasks.ping[{task_id}] succeeded" in worker.output(),  # noqa: B023
                timeout=30,
                what="the ping on the bench's worker",
                worker=worker,
            )
        finally:
            worker.stop()
        assert app.conf.task_always_eager


def _migrated_sqlite(path: Path) -> str:
    """A database of its own, migrated by another process, as the quarter-scale one is."""
    url = f"sqlite:///{path}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
    )
    return url


@pytest.mark.django_db
def test_each_entry_is_measured_at_quarter_scale_right_before_its_national_measure(tmp_path):
    quarter_output = tmp_path / "quarter.json"
    rows, stdout = run_command(
        tmp_path,
        "health",
        "login",
        quarter_database=_migrated_sqlite(tmp_path / "quarter.sqlite3"),
        quarter_output=str(quarter_output),
        quarter_seed_file=str(tmp_path / "none-quarter.json"),
        reference_timing=False,
        verbosity=2,
    )
    # One after the other, row by row: a host slowing down for a minute slows both alike.
    steps = [line.strip() for line in stdout.splitlines() if "measuring" in line]
    measured = [row["name"] for row in rows]
    assert sorted(measured) == ["health", "login"]
    assert steps == [
        step
        for name in measured
        for step in (f"measuring {name} at quarter scale ...", f"measuring {name} ...")
    ]
    quarter = {row["name"]: row for row in json.loads(quarter_output.read_text())}
    assert set(quarter) == {"health", "login"}
    assert quarter["health"]["n"] == 3 and quarter["health"]["p50_ms"] > 0
    national = {row["name"]: row for row in rows}
    assert national["health"]["quarter_p50_ms"] == quarter["health"]["p50_ms"]
    assert national["login"]["growth"] == round(
        national["login"]["p50_ms"] / quarter["login"]["p50_ms"], 2
    )


@pytest.mark.django_db
def test_a_quarter_scale_that_cannot_be_measured_fails_the_run_after_the_national_rows(tmp_path):
    with pytest.raises(CommandError, match="1 measurement"):
        run_command(
            tmp_path,
            "health",
            n=2,
            quarter_database=f"sqlite:///{tmp_path / 'no-such-folder' / 'quarter.sqlite3'}",
            quarter_output=str(tmp_path / "quarter.json"),
            quarter_seed_file=str(tmp_path / "none-quarter.json"),
            reference_timing=False,
        )
    assert "FAILED health (quarter scale)" in (tmp_path / "stderr.txt").read_text()
    written = json.loads((tmp_path / "out" / "latest.json").read_text())
    assert [row["name"] for row in written] == ["health"]
    assert json.loads((tmp_path / "quarter.json").read_text()) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="VACUUM is Postgres's")
@pytest.mark.django_db(transaction=True)
def test_the_trend_worker_jobs_start_from_vacuumed_tables():
    # Dead rows of the run before woke autovacuum in the middle of the measured run.
    from signals.bench import _settle_written_tables
    from signals.models import TrendDigest

    def last_vacuum():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = %s",
                [TrendDigest._meta.db_table],
            )
            return cursor.fetchone()[0]

    before = last_vacuum()
    _settle_written_tables()
    after = last_vacuum()
    assert after is not None and (before is None or after > before)
