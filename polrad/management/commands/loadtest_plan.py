import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from polrad import benchmark as bench


class Command(BaseCommand):
    help = (
        "Write the plan of the load test (scripts/loadtest.sh): for every registered bench "
        "page of a role, a few users of that role with a logged-in, two-factor-verified "
        "session and the page's address for each. Locust replays the plan over HTTP."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users-per-role", type=int, default=4)
        parser.add_argument(
            "--output", default=str(settings.BASE_DIR / "var" / "bench" / "load_plan.json")
        )

    def handle(self, *args, users_per_role, output, **options):
        if users_per_role < 1:
            raise CommandError("--users-per-role must be at least 1.")
        registry = bench.autodiscover()
        pages = [
            entry
            for entry in registry.entries.values()
            if isinstance(entry, bench.Page) and entry.role and entry.status == 200
        ]
        sessions = {}
        plan = []
        for page in pages:
            for user in self._users(page, users_per_role):
                if user.pk not in sessions:
                    client = bench.logged_in_client(user)
                    sessions[user.pk] = client.cookies[settings.SESSION_COOKIE_NAME].value
                url = page.url(user) if callable(page.url) else page.url
                plan.append(
                    {"name": page.name, "role": page.role, "url": url, "session": sessions[user.pk]}
                )
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(plan, indent=1), encoding="utf-8")
        roles = sorted({item["role"] for item in plan})
        self.stdout.write(
            f"{len(pages)} pages, {len(sessions)} users ({', '.join(roles)}) -> {path}"
        )

    @staticmethod
    def _users(page, count):
        if page.user:
            return [page.user()]
        users = list(
            get_user_model()
            .objects.filter(groups__name=page.role, is_active=True)
            .order_by("pk")[:count]
        )
        if not users:
            raise CommandError(f"no active user with role {page.role!r} for {page.name!r}")
        return users
