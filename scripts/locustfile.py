"""The load test's users (Locust): each replays the pages of one role from the plan that
`manage.py loadtest_plan` wrote, with that user's logged-in session, in a random order; the
mix of roles is the same on every run.

Each user asks for the next page as soon as the last one came, or after a pause of up to
LOAD_WAIT seconds (0 by default: the test measures what the server does, not how long people
read). FastHttpUser, because the load generator shares the server's two cores: requests'
HTTP client spent several times the CPU per request.

Run by scripts/loadtest.sh against gunicorn on loopback only; never point it elsewhere.
"""

import itertools
import json
import os
import random
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from locust import FastHttpUser, between, constant, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
BY_SESSION = defaultdict(list)
for item in PLAN:
    BY_SESSION[item["session"]].append(item)
# The same mix on every run: user n takes the n-th role of this rotation (roles the plan lacks
# are left out) and the next session of that role. Drawing sessions at random made the mix, and
# so the throughput, vary by half from one run to the next (role models' two pages are cheap,
# coordinators' twenty are not). With 8 users: 2 coordinators, 2 professionals, and one of
# every other role.
ROTATION = ["coordinator", "professional", "handler", "rolemodel", "municipal", "administrator"]
ROTATION += ["coordinator", "professional"]
SESSIONS_OF_ROLE = defaultdict(list)
for key in sorted(BY_SESSION):
    SESSIONS_OF_ROLE[BY_SESSION[key][0]["role"]].append(key)
ROLES = [role for role in ROTATION if role in SESSIONS_OF_ROLE]
ROLES += sorted(set(SESSIONS_OF_ROLE) - set(ROLES))
_started = itertools.count()
_taken = defaultdict(itertools.count)  # per role: the sessions handed out so far
COOKIE = os.environ.get("LOAD_COOKIE", "sessionid")
WAIT = float(os.environ.get("LOAD_WAIT", "0"))

host = urlsplit(os.environ.get("LOAD_HOST", "http://127.0.0.1:8001")).hostname
if host not in {"127.0.0.1", "localhost", "::1"}:
    raise SystemExit(f"the load test targets loopback only, not {host}")


class RoleUser(FastHttpUser):
    wait_time = between(0.0, WAIT) if WAIT > 0 else constant(0)

    def on_start(self):
        role = ROLES[next(_started) % len(ROLES)]
        sessions = SESSIONS_OF_ROLE[role]
        session_key = sessions[next(_taken[role]) % len(sessions)]
        self.pages = BY_SESSION[session_key]
        self.cookie = {"Cookie": f"{COOKIE}={session_key}"}

    @task
    def visit(self):
        page = random.choice(self.pages)  # noqa: S311
        # No redirects followed: a lost session would otherwise count the login page as a 200.
        with self.client.get(
            page["url"],
            name=page["name"],
            headers=self.cookie,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
