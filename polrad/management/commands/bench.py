import json
import os
import subprocess
import sys
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
            "--list",
            action="store_true",
            dest="list_only",
            help="List the registered measurements and stop.",
        )

    def handle(
        self, *args, n, warmup, only, output, seed_file, quarter, list_only, verbosity, **options
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

        def progress(entry):
            if verbosity >= 2:
                self.stdout.write(f"  measuring {entry.name} ...")

        speed_before = _machine_speed()
        measured, failures = bench.run(entries, n=n, warmup=warmup, progress=progress)
        speed_after = _machine_speed()
        results += measured
        bench.compare_worker_counts(measured)
        if quarter:
            quarter_results = self._read_previous(Path(quarter))
            for result in measured:
                result.compare_with_quarter(quarter_results.get(result.name))

        output_path = Path(output)
        previous = self._read_previous(output_path)
        self.stdout.write("")
        self.stdout.write(bench.format_table(results, previous))
        output_path.parent.mkdir(parents=True, exist_ok=True)
        partial = output_path.with_name(output_path.name + ".partial")
        partial.write_text(
            json.dumps([result.as_dict() for result in results], indent=2) + "\n",
            encoding="utf-8",
        )
        os.replace(partial, output_path)
        self.stdout.write(f"\nResults written to {output_path}")
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


def _machine_speed() -> str:
    script = settings.BASE_DIR / "scripts" / "machine_speed.py"
    result = subprocess.run(  # noqa: S603 - our own script, run by this Python
        [sys.executable, str(script)], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() or "?"
