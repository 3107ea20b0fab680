import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from polrad import seed_data

# Each app's seed module, in dependency order. Later apps add themselves here.
SEED_MODULES = [
    "network.seed",
    "network.interventions.seed",
    "polrad.accounts.seed",
    "network.relationships_seed",
    "rolemodels.seed",
    "rolemodels.mentoring.seed",
    "signals.seed",
    "signals.eyes_seed",
    "trainings.seed",
    "polrad.analysis.seed",
    "polrad.reports.seed",
]


class Command(BaseCommand):
    help = "Create demo data and one demo account per role (idempotent). DEBUG only."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            action="store_true",
            help="Also fill the database to the national volumes of DESIGN.md (benchmark).",
        )
        parser.add_argument(
            "--fraction",
            type=float,
            default=1.0,
            help="With --scale: fill up to this share of the national volumes (0.25: the "
            "quarter-scale bench database). Municipalities stay 342.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the database first and load the demo data afresh (`make demo-reset`).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has users (used by `make run`).",
        )

    def handle(self, *args, scale=False, fraction=1.0, if_empty=False, reset=False, **options):
        if not 0 < fraction <= 1:
            raise CommandError("--fraction is a share of the national volumes: above 0, at most 1.")
        if fraction != 1 and not scale:
            raise CommandError("--fraction goes with --scale.")
        if if_empty and get_user_model().objects.exists():
            self.stdout.write("Database has users already; demo data left as it is.")
            return
        if not settings.DEBUG:
            raise CommandError(
                "Demo accounts have a published password: seed_demo runs only with DEBUG on."
            )
        if reset:
            # Every row goes, the tables stay; the roles come back with the post-migrate sync.
            call_command("flush", interactive=False, verbosity=0)
            self.stdout.write("Database emptied.")
        modules = [import_module(name) for name in SEED_MODULES]
        started = time.monotonic()
        with transaction.atomic():
            for module in modules:
                module.seed_demo(self.stdout.write)
        if scale:
            seed_data.set_fraction(fraction)
            try:
                for module in modules:
                    step = time.monotonic()
                    with transaction.atomic():
                        module.seed_scale(self.stdout.write)
                    self.stdout.write(f"  {module.__name__}: {time.monotonic() - step:.1f} s")
            finally:
                seed_data.set_fraction(1.0)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s.")
        )
