"""The benchmark registry and measurements, run by `python manage.py bench` (`make bench`).

Apps add their own measurements in a module `<app>/bench.py`; the command imports every
installed app's `bench` module (autodiscovered, as Django does with `admin.py`):

    from django.urls import reverse

    from polrad.benchmark import register_job, register_page

    register_page("organisations", "/sociale-kaart/organisaties/", role="coordinator")
    register_page(
        "concern detail",
        lambda user: reverse("signals:detail", args=[first_concern_of(user).pk]),
        role="handler",
    )
    register_job("anonymise closed concerns", anonymise_closed_concerns)

A page is requested with Django's test client (`secure=True`, a host from ALLOWED_HOSTS) by a
user of the given role, force-logged-in and two-factor verified; anonymously without a role.
After `warmup` requests, `n` requests are measured: the median and 95th percentile of the
server time, and the most SQL queries seen in one request. The response must have the
expected status (200 unless told otherwise).

A job is a callable run `n` times (1 unless told otherwise), each time inside a transaction
that is rolled back afterwards (`rollback=False` to commit), so the benchmark database stays
as seeded and every run measures the same work. Measured: wall time, SQL queries and peak
memory (resident memory above what the process held when the job started).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import math
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from time import perf_counter
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.http.request import validate_host
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from polrad.accounts.roles import Role

PAGE = "page"
# BENCH_ONLY="name|other name" (scripts/bench.sh): names may hold commas, never this.
ONLY_SEPARATOR = "|"
JOB = "job"


class BenchError(Exception):
    """A measurement could not be made (wrong status, no user for a role, ...)."""


@dataclass(frozen=True)
class Page:
    name: str
    # A path, or a callable that gets the requesting user (None: anonymous) and returns one.
    url: str | Callable[[Any], str]
    # Group name of the role the requesting user has; None requests anonymously.
    role: str | None = None
    # Callable returning the user to request as, instead of the first user with `role`.
    user: Callable[[], Any] | None = None
    status: int = 200


@dataclass(frozen=True)
class Job:
    name: str
    # Called without arguments, or with what `setup` returned (setup is not measured).
    func: Callable[..., Any]
    setup: Callable[[], Any] | None = None
    n: int = 1
    rollback: bool = True
    # Called with what `setup` returned after each run, also when the run failed (not measured).
    teardown: Callable[[Any], None] | None = None


@dataclass
class Result:
    name: str
    kind: str
    n: int
    p50_ms: float
    p95_ms: float
    queries: int | None
    peak_mb: float | None
    # The machine's 1-minute load average just before and just after the measure: a noisy
    # run shows itself (2 cores: above 2, something else competed for the processor).
    load_before: float | None = None
    load_after: float | None = None
    # The same measure on the quarter-scale database, and how many times slower the median
    # is at national scale (the target: at most 1.5).
    quarter_p50_ms: float | None = None
    growth: float | None = None
    # A remark computed from other rows, e.g. how much faster two worker processes are.
    note: str = ""

    def compare_with_quarter(self, quarter: dict | None) -> None:
        if not quarter or not quarter.get("p50_ms"):
            return
        self.quarter_p50_ms = quarter["p50_ms"]
        self.growth = round(self.p50_ms / quarter["p50_ms"], 2)

    def as_dict(self) -> dict:
        return asdict(self)


class Registry:
    """The measurements, by name, in registration order."""

    def __init__(self):
        self.entries: dict[str, Page | Job] = {}

    def register_page(
        self,
        name: str,
        url: str | Callable[[Any], str],
        *,
        role: str | None = None,
        user: Callable[[], Any] | None = None,
        status: int = 200,
    ) -> Page:
        if role is not None and role not in Role.values:
            raise ValueError(f"bench page {name!r}: unknown role {role!r} (one of {Role.values})")
        role = None if role is None else str(role)  # the group name, also for a Role member
        page = Page(name=name, url=url, role=role, user=user, status=status)
        self._add(page)
        return page

    def register_job(
        self,
        name: str,
        func: Callable[..., Any] | None = None,
        *,
        setup: Callable[[], Any] | None = None,
        n: int = 1,
        rollback: bool = True,
        teardown: Callable[[Any], None] | None = None,
    ):
        """Register `func` as a job; without `func`, return a decorator that does."""
        if n < 1:
            raise ValueError(f"bench job {name!r}: n must be at least 1")

        def register(func: Callable[..., Any]) -> Callable[..., Any]:
            job = Job(name=name, func=func, setup=setup, n=n, rollback=rollback, teardown=teardown)
            self._add(job)
            return func

        return register if func is None else register(func)

    def _add(self, entry: Page | Job) -> None:
        if ONLY_SEPARATOR in entry.name:
            raise ValueError(
                f"bench entry {entry.name!r}: {ONLY_SEPARATOR!r} separates names in BENCH_ONLY"
            )
        # Registering a name again replaces the entry (a module imported twice stays correct).
        self.entries[entry.name] = entry

    def unregister(self, name: str) -> None:
        self.entries.pop(name, None)

    def select(self, only: list[str] | None = None) -> list[Page | Job]:
        if not only:
            return list(self.entries.values())
        unknown = [name for name in only if name not in self.entries]
        if unknown:
            raise BenchError(f"unknown measurement(s) {unknown}; registered: {list(self.entries)}")
        return [entry for name, entry in self.entries.items() if name in only]


registry = Registry()
register_page = registry.register_page
register_job = registry.register_job
unregister = registry.unregister


def autodiscover() -> Registry:
    """Import every installed app's `bench` module so it registers its measurements."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("bench")
    return registry


# --- statistics -----------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with `fraction` of the values at or below."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


# --- pages ----------------------------------------------------------------------------------


def request_host() -> str:
    """A host name Django accepts: `testserver` when allowed, else the first usable one."""
    candidates = ["testserver", *(host.lstrip(".") for host in settings.ALLOWED_HOSTS)]
    for host in candidates:
        if host and host != "*" and validate_host(host, settings.ALLOWED_HOSTS):
            return host
    raise BenchError(f"no usable host in ALLOWED_HOSTS={settings.ALLOWED_HOSTS!r}")


def user_with_role(role: str):
    user = get_user_model().objects.filter(groups__name=role, is_active=True).order_by("pk").first()
    if user is None:
        raise BenchError(
            f"no active user with role {role!r}; seed the database (seed_demo --scale)"
        )
    return user


def logged_in_client(user) -> Client:
    """A test client; for a user, logged in and two-factor verified (as after the 2FA step)."""
    client = Client(HTTP_HOST=request_host())
    if user is None:
        return client
    device = next(devices_for_user(user, confirmed=True), None)
    if device is None and user.requires_two_factor:
        # Only where the role needs one: a device with a random key on an account that logs
        # in by password alone (the demo role model, the municipal officer) would lock it out.
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client.force_login(user)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def _consume(response) -> None:
    """Read a streamed body as a browser would (the test client closes the response itself:
    closing it again would fire request_finished and close the database connection)."""
    if response.streaming:
        for _chunk in response.streaming_content:
            pass


def measure_page(page: Page, *, n: int = 50, warmup: int = 5) -> Result:
    user = page.user() if page.user else user_with_role(page.role) if page.role else None
    client = logged_in_client(user)
    url = page.url(user) if callable(page.url) else page.url

    def request() -> tuple[float, int]:
        # A counter, not CaptureQueriesContext: the latter's log holds 9,000 queries and
        # miscounts once a run of requests has filled it.
        queries = _QueryCounter()
        with connection.execute_wrapper(queries):
            started = perf_counter()
            response = client.get(url, secure=True)
            _consume(response)
            elapsed = perf_counter() - started
        if response.status_code != page.status:
            location = response.get("Location")
            raise BenchError(
                f"page {page.name!r}: GET {url} gave {response.status_code}, expected "
                f"{page.status}" + (f" (redirect to {location})" if location else "")
            )
        return elapsed, queries.count

    try:
        for _ in range(warmup):
            request()
        samples = [request() for _ in range(n)]
    finally:
        if user is not None:
            client.logout()
    times = [elapsed for elapsed, _ in samples]
    return Result(
        name=page.name,
        kind=PAGE,
        n=n,
        p50_ms=_ms(statistics.median(times)),
        p95_ms=_ms(percentile(times, 0.95)),
        queries=max(count for _, count in samples),
        peak_mb=None,
    )


# --- jobs -----------------------------------------------------------------------------------

_PAGE_SIZE = resource.getpagesize()
_STATM = Path("/proc/self/statm")


def _resident_bytes() -> int | None:
    try:
        return int(_STATM.read_text().split()[1]) * _PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return None


def _maxrss_bytes() -> int:
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss if sys.platform == "darwin" else maxrss * 1024


def _release_free_memory() -> None:
    """Collect garbage and hand freed heap back to the system, for a clean baseline."""
    gc.collect()
    with contextlib.suppress(AttributeError, OSError):  # only glibc has malloc_trim
        ctypes.CDLL(None).malloc_trim(0)


class PeakMemory:
    """Peak resident memory above the start, sampled by a thread (no slow-down of the job).

    Short spikes between samples are caught by the process's high-water mark when they
    exceed it. Where /proc is missing, falls back to tracemalloc (Python allocations only).
    """

    interval = 0.002

    def __enter__(self):
        _release_free_memory()
        self._tracemalloc = _resident_bytes() is None
        if self._tracemalloc:
            import tracemalloc

            tracemalloc.start()
            return self
        self._baseline = self._peak = _resident_bytes()
        self._maxrss_before = _maxrss_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self._peak = max(self._peak, _resident_bytes() or 0)

    def __exit__(self, *exc_info):
        if self._tracemalloc:
            import tracemalloc

            self.peak_bytes = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            return
        self._stop.set()
        self._thread.join()
        peak = max(self._peak, _resident_bytes() or 0)
        maxrss = _maxrss_bytes()
        if maxrss > self._maxrss_before:  # a new high-water mark during the job
            peak = max(peak, maxrss)
        self.peak_bytes = max(0, peak - self._baseline)


class _QueryCounter:
    """Counts SQL statements (unlike CaptureQueriesContext, keeps nothing per query)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class _Rollback(Exception):
    pass


def _run_job_once(job: Job) -> tuple[float, int, int]:
    argument = job.setup() if job.setup else None
    counter = _QueryCounter()
    try:
        with PeakMemory() as memory, connection.execute_wrapper(counter):
            started = perf_counter()
            if job.setup:
                job.func(argument)
            else:
                job.func()
            elapsed = perf_counter() - started
    finally:
        if job.teardown:
            job.teardown(argument)
    return elapsed, counter.count, memory.peak_bytes


def measure_job(job: Job) -> Result:
    samples = []
    for _ in range(job.n):
        if job.rollback:
            try:
                with transaction.atomic():
                    samples.append(_run_job_once(job))
                    raise _Rollback
            except _Rollback:
                pass
        else:
            samples.append(_run_job_once(job))
    times = [elapsed for elapsed, _, _ in samples]
    return Result(
        name=job.name,
        kind=JOB,
        n=job.n,
        p50_ms=_ms(statistics.median(times)),
        p95_ms=_ms(percentile(times, 0.95)),
        queries=max(count for _, count, _ in samples),
        peak_mb=round(max(peak for _, _, peak in samples) / 2**20, 1),
    )


# --- Celery workers ----------------------------------------------------------------------
# A job can measure work done by real Celery worker processes (prefork, as in production)
# instead of in-process: the tasks go through a Redis broker of the bench's own.

BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/8")


class CeleryWorker:
    """`celery worker` with `processes` processes on the bench's broker, started and stopped
    around a job; while it runs, tasks this process sends go to it instead of running eagerly."""

    def __init__(self, processes: int):
        self.processes = processes
        self.name = f"bench{processes}@{socket.gethostname()}"

    def start(self) -> CeleryWorker:
        from polrad.celery import app

        self._log = tempfile.NamedTemporaryFile(prefix="bench-worker-", suffix=".log")  # noqa: SIM115
        env = {**os.environ, "CELERY_BROKER_URL": BROKER_URL, "CELERY_RESULT_BACKEND": ""}
        command = [sys.executable, "-m", "celery", "-A", "polrad", "worker", "--loglevel=info"]
        command += [f"--concurrency={self.processes}", "--pool=prefork", f"--hostname={self.name}"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        app.connection_for_write(BROKER_URL).default_channel.client.flushdb()
        self._process = subprocess.Popen(  # noqa: S603 -- our own interpreter and arguments
            command, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        deadline = perf_counter() + 120
        while b" ready." not in Path(self._log.name).read_bytes():
            if self._process.poll() is not None or perf_counter() > deadline:
                self.stop()
                raise BenchError(f"the Celery worker did not start: {self.output()[-2000:]}")
            time.sleep(0.2)
        self._saved = {
            key: app.conf[key] for key in ("broker_url", "task_always_eager", "broker_write_url")
        }
        app.conf.update(broker_url=BROKER_URL, broker_write_url=None, task_always_eager=False)
        _forget_connections(app)
        return self

    def output(self) -> str:
        return Path(self._log.name).read_text(errors="replace")

    def stop(self) -> None:
        from polrad.celery import app

        if getattr(self, "_saved", None):
            app.conf.update(self._saved)
            _forget_connections(app)
            self._saved = None
        if self._process.poll() is None:
            self._process.terminate()  # warm shutdown: the processes finish their task
            try:
                self._process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._log.close()


def _forget_connections(app) -> None:
    """Drop the connection and producer pools made for the old broker setting. Even an eager
    `delay()` makes a producer pool (for the default broker, amqp://localhost, when none is
    set), and the app keeps it: tasks sent later would go there, not to the bench's worker."""
    from kombu import pools

    # Closed and forgotten: a closed pool left in kombu's registry is handed out again to the
    # next worker on the same broker ("Acquire on closed pool").
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


def wait_for(
    condition: Callable[[], bool],
    *,
    timeout: float,
    what: str,
    worker=None,
    interval: float = 0.1,
) -> None:
    """Poll `condition` every `interval` seconds until it holds; fail after `timeout` seconds
    or when the worker died."""
    deadline = perf_counter() + timeout
    while not condition():
        if worker is not None and worker._process.poll() is not None:
            raise BenchError(f"the Celery worker stopped before {what}: {worker.output()[-2000:]}")
        if perf_counter() > deadline:
            raise BenchError(f"{what} did not happen within {timeout:.0f} s")
        time.sleep(interval)


# --- running --------------------------------------------------------------------------------


def load_average() -> float | None:
    """The 1-minute load average, or None where the platform has none."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def measure(entry: Page | Job, *, n: int = 50, warmup: int = 5) -> Result:
    before = load_average()
    if isinstance(entry, Page):
        result = measure_page(entry, n=n, warmup=warmup)
    else:
        result = measure_job(entry)
    result.load_before, result.load_after = before, load_average()
    return result


def run(
    entries: list[Page | Job], *, n: int = 50, warmup: int = 5, progress=None
) -> tuple[list[Result], list[tuple[str, str]]]:
    """Measure each entry; a failing one is reported and does not stop the others."""
    results, failures = [], []
    for entry in entries:
        if progress:
            progress(entry)
        try:
            results.append(measure(entry, n=n, warmup=warmup))
        except Exception as exc:  # report every failure, with its kind, and carry on
            failures.append((entry.name, f"{exc.__class__.__name__}: {exc}"))
    return results, failures


SEED_NAME = "seed_demo --scale"


def seed_result(seed: dict) -> Result:
    """The seeding time recorded by scripts/bench.sh (var/bench/seed.json), as a job."""
    milliseconds = _ms(float(seed["seconds"]))
    peak = seed.get("peak_mb")
    return Result(
        name=SEED_NAME,
        kind=JOB,
        n=1,
        p50_ms=milliseconds,
        p95_ms=milliseconds,
        queries=None,
        peak_mb=None if peak is None else round(float(peak), 1),
    )


_WORKERS = re.compile(r"^(?P<job>.+), Celery worker with (?P<n>\d+) process(es)?$")


def compare_worker_counts(results: list[Result]) -> None:
    """Rows of the same job run by 1 and by n worker processes: note on the row of n how many
    times as fast it was (on 2 cores, 2 processes should come near 2)."""
    by_job: dict[str, dict[int, Result]] = {}
    for result in results:
        if match := _WORKERS.match(result.name):
            by_job.setdefault(match["job"], {})[int(match["n"])] = result
    for runs in by_job.values():
        single = runs.get(1)
        for processes, result in runs.items():
            if single is not None and processes > 1 and result.p50_ms:
                speedup = single.p50_ms / result.p50_ms
                result.note = f"{speedup:.2f}× as fast as 1 process"


def _load_cell(result: Result) -> str:
    if result.load_before is None or result.load_after is None:
        return ""
    return f"{result.load_before:.1f}→{result.load_after:.1f}"


def format_table(results: list[Result], previous: dict[str, dict] | None = None) -> str:
    """A plain-text table; with earlier results, the change of the median in per cent."""
    previous = previous or {}
    headers = ["name", "kind", "n", "p50 ms", "p95 ms", "queries", "peak MB", "load"]
    growth = any(result.growth is not None for result in results)
    if growth:
        headers.append("× quarter")
    if previous:
        headers.append("p50 vs last")
    rows = []
    for result in results:
        row = [
            result.name,
            result.kind,
            str(result.n),
            f"{result.p50_ms:.2f}",
            f"{result.p95_ms:.2f}",
            "" if result.queries is None else str(result.queries),
            "" if result.peak_mb is None else f"{result.peak_mb:.1f}",
            _load_cell(result),
        ]
        if growth:
            row.append("" if result.growth is None else f"{result.growth:.2f}")
        if previous:
            before = previous.get(result.name, {}).get("p50_ms")
            row.append(f"{(result.p50_ms - before) / before:+.0%}" if before else "")
        rows.append(row)
    widths = [max(len(cells[i]) for cells in [headers, *rows]) for i in range(len(headers))]
    numeric = range(2, len(headers))

    def line(cells):
        return "  ".join(
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    notes = [f"{result.name}: {result.note}" for result in results if result.note]
    table = [line(headers), line(["-" * width for width in widths]), *map(line, rows)]
    return "\n".join(table + (["", *notes] if notes else []))


# --- this project's own measurements ---------------------------------------------------------

register_page("login", "/account/inloggen/")
register_page("dashboard", "/", role=Role.COORDINATOR)
register_page("health", "/health/")
