"""First run: `make run` links to the port it serves on, finds a Python or says which is
missing, prints the demo code at once, and `make demo-reset` brings the demo data back."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import TOTP

from network.models import Organisation
from polrad.accounts.demo_code import DEMO_TOTP_SECRET, code_at, current_code
from polrad.accounts.models import User
from polrad.permissions import MANAGE_ROLE_MODELS
from rolemodels.models import RoleModel
from signals.tasks import send_receipt
from tests.signals.factories import ConcernFactory

ROOT = Path(__file__).resolve().parent.parent.parent


def run_environment(**env) -> dict[str, str]:
    """The variables `make run` sets for the server, read from its dry run."""
    outside = {key: value for key, value in os.environ.items() if key not in ("PORT", "SITE_URL")}
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "run"],
        cwd=ROOT,
        env={**outside, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in dry_run.splitlines() if "runserver" in line)
    return dict(re.findall(r"(\w+)=(\S+) ", line.split("python")[0]))


def site_url_of_the_server(environment: dict[str, str]) -> str:
    """The SITE_URL the project's settings read in a process with that environment."""
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    )
    env = {
        **os.environ,
        "DEBUG": "true",
        **environment,
        "DJANGO_SETTINGS_MODULE": "polrad.settings",
    }
    env.pop("SITE_URL", None) if "SITE_URL" not in environment else None
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_make_run_links_emails_to_the_port_it_serves_on(db, professional):
    environment = run_environment(PORT="8765")
    assert run_environment(PORT="8765", SITE_URL="") == environment  # empty counts as not given
    assert environment == {"SITE_URL": "http://127.0.0.1:8765"}
    site_url = site_url_of_the_server(environment)
    assert site_url == "http://127.0.0.1:8765"
    concern = ConcernFactory(reporter=professional)
    with override_settings(SITE_URL=site_url):
        send_receipt(concern.pk)
    (email,) = mail.outbox
    links = re.findall(r"https?://\S+", email.body)
    assert links and all(link.startswith("http://127.0.0.1:8765/") for link in links)


def test_a_given_site_url_wins_over_the_port():
    environment = run_environment(PORT="8765", SITE_URL="https://polrad.example.org")
    assert environment == {"SITE_URL": "https://polrad.example.org"}


def test_without_a_suitable_python_make_says_which_is_missing():
    result = subprocess.run(
        ["/bin/bash", "scripts/find-python.sh"],
        cwd=ROOT,
        env={"PATH": "/nonexistent", "SYSTEM_PYTHON": "/nonexistent/python3.11"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and not result.stdout
    assert "needs Python 3.11" in result.stderr and "apt-get install python3.11" in result.stderr
    found = subprocess.run(
        ["/bin/bash", "scripts/find-python.sh"], cwd=ROOT, capture_output=True, text=True
    )
    assert found.returncode == 0 and "python" in found.stdout


def test_the_distribution_python_comes_before_the_one_on_path(tmp_path):
    """Debian builds its Python with profile-guided optimisation, as the production image is;
    pyenv's python3.11, first on PATH here, is 27 % slower. A given PYTHON still wins."""
    on_path = tmp_path / "python3.11"
    on_path.symlink_to(sys.executable)
    system = tmp_path / "system" / "python3.11"
    system.parent.mkdir()
    system.symlink_to(sys.executable)

    def found(**environment):
        return subprocess.run(
            ["/bin/bash", "scripts/find-python.sh"],
            cwd=ROOT,
            env={"PATH": f"{tmp_path}:/usr/bin:/bin", **environment},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert found(SYSTEM_PYTHON=str(system)) == str(system)
    assert found(SYSTEM_PYTHON="") == str(on_path)
    assert found(SYSTEM_PYTHON="/nonexistent/python3.11") == str(on_path)
    assert found(SYSTEM_PYTHON=str(system), PYTHON=str(on_path)) == str(on_path)


def test_demo_code_is_the_authenticator_code_and_prints_at_once():
    moment = 1_780_000_000
    expected = TOTP(bytes.fromhex(_key()), t0=0, step=30)
    expected.time = moment
    assert code_at(moment) == f"{expected.token():06d}"
    code, seconds_left = current_code()
    assert len(code) == 6 and 1 <= seconds_left <= 30
    started = time.perf_counter()
    printed = subprocess.run(
        [sys.executable, "scripts/demo_code.py"], cwd=ROOT, capture_output=True, text=True
    )
    assert time.perf_counter() - started < 1.0
    assert printed.stdout.strip() in {code_at(time.time()), code_at(time.time() - 30)}


def _key() -> str:
    from base64 import b32decode

    return b32decode(DEMO_TOTP_SECRET).hex()


# Outside a test transaction, as `make demo-reset` runs: Postgres refuses to empty tables
# that have deferred constraint checks pending in the same transaction.
@pytest.mark.django_db(transaction=True)
def test_demo_reset_brings_the_demo_data_back():
    with override_settings(DEBUG=True, SIMPLE_HISTORY_ENABLED=False):
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        coordinator = User.objects.get(email="coordinator@example.org")
        coordinator.set_password("changed-while-trying-things")
        coordinator.save()
        Organisation.objects.create(name="Tijdelijk, tijdens het uitproberen")
        call_command("seed_demo", reset=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    coordinator = User.objects.get(email="coordinator@example.org")
    assert coordinator.check_password("demo-polrad-2026")
    assert coordinator.has_perm(MANAGE_ROLE_MODELS)
    assert RoleModel.objects.filter(user__email="rolemodel@example.org").exists()
    assert not Organisation.objects.filter(name__startswith="Tijdelijk").exists()
