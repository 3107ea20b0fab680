import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from polrad import benchmark as bench
from polrad.collector import set_aside_what_is_loaded


class Command(BaseCommand):
    help = (
        "Measure the registered pages and jobs (each app's bench.py) on "
        "the configured database; print a table and write JSON. `make bench` runs it on "
        "Postgres at the national volumes (scripts/bench.sh)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--n", type=int, default=50, help="Measured requests per page (default 50)."
        )
        parser.add_argument(
            "--warmup", type=int, default=5, help="Unmeasured requests first (default 5)."
        )
        parser.add_argument(
            "--only",
            action="append",
            metavar="NAME",
            help="Measure only this registered measurement (repeat for more).",
        )
        parser.add_argument(
            "--output",
            default=str(settings.BASE_DIR / "var" / "bench" / "latest.json"),
            help="Where to write the results as JSON (default var/bench/latest.json).",
        )
        parser.add_argument(
            "--seed-file",
            default=str(settings.BASE_DIR / "var" / "bench" / "seed.json"),
            help="Seeding time recorded by scripts/bench.sh, reported as a job when present.",
        )
        parser.add_argument(
            "--quarter",
            metavar="JSON",
            help="Results of the same measures on the quarter-scale database: each row gets "
            "its median there and how many times slower it is at this scale.",
        )
        parser.add_argument(
            "--quarter-database",
            metavar="URL",
            help="Measure each entry on this (quarter-scale) database too, in a process of its "
            "own right before measuring it here, so that a host slowing down for a while "
            "slows both alike; each row then shows its growth. The quarter results go to "
            "--quarter-output.",
        )
        parser.add_argument(
            "--quarter-redis",
            metavar="URL",
            default="",
            help="REDIS_URL of the quarter-scale processes (another Redis database than this "
            "one's: cached figures and sessions belong to their database); empty: none.",
        )
        parser.add_argument(
            "--quarter-output",
            default=str(settings.BASE_DIR / "var" / "bench" / "quarter.json"),
            help="Where --quarter-database writes its results (default var/bench/quarter.json).",
        )
        parser.add_argument(
            "--quarter-seed-file",
            default=str(settings.BASE_DIR / "var" / "bench" / "seed-quarter.json"),
            help="Seeding time of the quarter-scale database, reported in its results.",
        )
        parser.add_argument(
            "--no-reference-timing",
            action="store_false",
            dest="reference_timing",
            help="Skip timing the reference Python before and after (scripts/machine_speed.py).",
        )
        parser.add_argument(
            "--list",
            action="store_true",
            dest="list_only",
            help="List the registered measurements and stop.",
        )

    def handle(
        self,
        *args,
        n,
        warmup,
        only,
        output,
        seed_file,
        quarter,
        quarter_database,
        quarter_redis,
        quarter_output,
        quarter_seed_file,
        reference_timing,
        list_only,
        verbosity,
        **options,
    ):
        if n < 1 or warmup < 0:
            raise CommandError("--n must be at least 1 and --warmup at least 0.")
        registry = bench.autodiscover()
        if list_only:
            for entry in registry.entries.values():
                kind = bench.PAGE if isinstance(entry, bench.Page) else bench.JOB
                self.stdout.write(f"{kind:4}  {entry.name}")
            return
        seed = self._read_seed(Path(seed_file))
        results = []
        if seed and (not only or bench.SEED_NAME in only):
            results.append(bench.seed_result(seed))
        names = [name for name in only or [] if name != bench.SEED_NAME]
        try:
            entries = registry.select(names) if names or not only else []
        except bench.BenchError as exc:
            raise CommandError(str(exc)) from exc

        self._describe_environment()
        # As polrad.wsgi does in a web process: what is measured is what gunicorn serves.
        set_aside_what_is_loaded()

        at_quarter = (
            QuarterScale(quarter_database, quarter_redis, n=n, warmup=warmup)
            if quarter_database
            else None
        )

        def progress(entry):
            if at_quarter:
                if verbosity >= 2:
                    self.stdout.write(f"  measuring {entry.name} at quarter scale ...")
                at_quarter.measure(entry.name)
            if verbosity >= 2:
                self.stdout.write(f"  measuring {entry.name} ...")

        speed_before = _machine_speed() if reference_timing else "?"
        measured, failures = bench.run(entries, n=n, warmup=warmup, progress=progress)
        speed_after = _machine_speed() if reference_timing else "?"
        results += measured
        bench.compare_worker_counts(measured)
        quarter_results = self._read_previous(Path(quarter)) if quarter else {}
        if at_quarter:
            quarter_seed = self._read_seed(Path(quarter_seed_file))
            quarter_rows = ([bench.seed_result(quarter_seed)] if quarter_seed else []) + [
                bench.Result(**row) for row in at_quarter.results
            ]
            bench.compare_worker_counts(quarter_rows)
            self._write(Path(quarter_output), quarter_rows)
            quarter_results = {row.name: row.as_dict() for row in quarter_rows}
            failures += [(f"{name} (quarter scale)", error) for name, error in at_quarter.failures]
        for result in measured:
            result.compare_with_quarter(quarter_results.get(result.name))

        output_path = Path(output)
        previous = self._read_previous(output_path)
        self.stdout.write("")
        self.stdout.write(bench.format_table(results, previous))
        self._write(output_path, results)
        self.stdout.write(f"\nResults written to {output_path}")
        if at_quarter:
            self.stdout.write(
                f"Quarter-scale results, each measured right before its row here, written to "
                f"{quarter_output}"
            )
        self.stdout.write(
            f"Reference Python (scripts/machine_speed.py) {speed_before} ms before the "
            f"measures, {speed_after} ms after: a busy host shows here, not in the load average."
        )

        if failures:
            for name, error in failures:
                self.stderr.write(f"FAILED {name}: {error}")
            raise CommandError(f"{len(failures)} measurement(s) failed.")

    def _describe_environment(self):
        database = connection.settings_dict
        users = get_user_model().objects.count()
        self.stdout.write(
            f"Database: {connection.vendor} {database.get('NAME')} ({users:,} users); "
            f"DEBUG {'on' if settings.DEBUG else 'off'}"
        )
        if settings.DEBUG:
            self.stderr.write("DEBUG is on: timings do not represent production.")

    @staticmethod
    def _write(path: Path, results: list[bench.Result]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(
            json.dumps([result.as_dict() for result in results], indent=2) + "\n",
            encoding="utf-8",
        )
        os.replace(partial, path)

    @staticmethod
    def _read_seed(path: Path) -> dict | None:
        if not path.is_file():
            return None
        try:
            seed = json.loads(path.read_text(encoding="utf-8"))
            float(seed["seconds"])
        except (ValueError, KeyError, TypeError) as exc:
            raise CommandError(f"{path} is not a seeding record: {exc}") from exc
        return seed

    @staticmethod
    def _read_previous(path: Path) -> dict[str, dict]:
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
            return {entry["name"]: entry for entry in entries}
        except (OSError, ValueError, KeyError, TypeError):
            return {}


class QuarterScale:
    """Measures one entry at a time on the quarter-scale database, each in a `manage.py bench`
    process of its own with that database (and its own Redis database) in its environment.

    Run right before the same entry is measured here, the two measures share the host's
    conditions of that minute. Measured as two whole passes, minutes apart (and the national
    one right after seeding), rows looked 1.8 times slower at national scale in one run and
    not at all in the next."""

    def __init__(self, database_url: str, redis_url: str, *, n: int, warmup: int):
        self.environment = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url}
        self.n, self.warmup = n, warmup
        self.results: list[dict] = []
        self.failures: list[tuple[str, str]] = []

    def measure(self, name: str) -> None:
        with tempfile.TemporaryDirectory(prefix="bench-quarter-") as folder:
            output = Path(folder) / "result.json"
            command = [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "bench",
                f"--n={self.n}",
                f"--warmup={self.warmup}",
                f"--only={name}",
                f"--output={output}",
                f"--seed-file={Path(folder) / 'no-seed.json'}",
                "--no-reference-timing",
            ]
            finished = subprocess.run(  # noqa: S603 -- this command, run by this Python
                command, env=self.environment, capture_output=True, text=True, check=False
            )
            if finished.returncode != 0 or not output.is_file():
                why = (finished.stderr or finished.stdout).strip().splitlines()
                self.failures.append((name, why[-1] if why else f"exit {finished.returncode}"))
                return
            self.results += json.loads(output.read_text(encoding="utf-8"))


def _machine_speed() -> str:
    script = settings.BASE_DIR / "scripts" / "machine_speed.py"
    result = subprocess.run(  # noqa: S603 - our own script, run by this Python
        [sys.executable, str(script)], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() or "?"
