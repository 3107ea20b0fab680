"""Deployment files: docker-compose.yml validates and has what production needs; the
Dockerfile, .dockerignore and .env.example are complete.

The compose file is validated by `docker-compose config` in a scratch copy with
.env.example as its .env, so no local .env is needed or read. Without docker-compose the
compose tests are skipped (failed with REQUIRE_SERVICES=1).
"""

import json
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
SERVICES = {"postgres", "redis", "web", "worker", "beat"}
APP_SERVICES = ("web", "worker", "beat")
# Every setting the application reads from the environment, as listed in the design notes.
DOCUMENTED = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CONCERN_ENCRYPTION_KEYS",
    "CONCERN_RETENTION_MONTHS",
    "CONCERN_SMALL_COUNT_THRESHOLD",
    "SECRET_KEY_FALLBACKS",
    "CSRF_TRUSTED_ORIGINS",
    "SITE_URL",
    "NETWORK_NAME",
    "DATABASE_URL",
    "CONN_MAX_AGE",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "SESSION_IDLE_TIMEOUT",
    "SESSION_ABSOLUTE_TIMEOUT",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_MINUTES",
    "TRUSTED_PROXY_COUNT",
    "FORWARDED_FOR_HEADER",
    "PASSWORD_RESET_TIMEOUT",
    "MEDIA_ROOT",
    "LOG_LEVEL",
    "POSTGRES_PASSWORD",
]


# --- docker-compose ---------------------------------------------------------------------------


def compose_binary() -> str:
    binary = shutil.which("docker-compose")
    if binary is None:
        skip_or_fail("docker-compose is not installed (apt-get install docker-compose)")
    return binary


def run_compose(directory: Path, *args: str) -> subprocess.CompletedProcess:
    # Only PATH from the caller: no COMPOSE_* or POSTGRES_PASSWORD of this shell leaks in.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(directory)}
    return subprocess.run(
        [compose_binary(), "-f", "docker-compose.yml", *args],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def scratch_copy(directory: Path, *, env_file: bool = True) -> Path:
    for name in ("docker-compose.yml", "Dockerfile", ".dockerignore"):
        shutil.copy(ROOT / name, directory / name)
    if env_file:
        shutil.copy(ROOT / ".env.example", directory / ".env")
    return directory


@cache
def yaml_loader() -> list[str] | None:
    """How to read YAML: None for PyYAML here; else the interpreter of docker-compose 1.x,
    a Python program that always has PyYAML (this virtualenv does not need it)."""
    try:
        import yaml  # noqa: F401
    except ImportError:
        first_line = Path(compose_binary()).read_bytes()[:200].split(b"\n")[0]
        if not first_line.startswith(b"#!"):
            pytest.fail("cannot parse YAML: add PyYAML to requirements-dev.txt")
        return first_line[2:].decode().split()
    return None


def parse_yaml(text: str) -> dict:
    interpreter = yaml_loader()
    if interpreter is None:
        import yaml

        return yaml.safe_load(text)
    program = "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"
    result = subprocess.run(
        [*interpreter, "-c", program], input=text, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def compose_dir(tmp_path_factory) -> Path:
    compose_binary()
    return scratch_copy(tmp_path_factory.mktemp("compose"))


@pytest.fixture(scope="module")
def config(compose_dir) -> dict:
    """The compose file as docker-compose resolves it (anchors merged, .env read)."""
    result = run_compose(compose_dir, "config", "--format", "json")  # compose v2
    if result.returncode == 0 and result.stdout.lstrip().startswith("{"):
        return json.loads(result.stdout)
    # docker-compose 1.x has no --format (it prints its usage): read its YAML.
    result = run_compose(compose_dir, "config")
    assert result.returncode == 0, result.stderr
    return parse_yaml(result.stdout)


@pytest.fixture(scope="module")
def raw(compose_dir) -> dict:
    """The compose file as written (with the extension anchors resolved by the YAML parser)."""
    return parse_yaml((ROOT / "docker-compose.yml").read_text())


def mounts(service: dict) -> dict[str, str]:
    """Target path -> source, for short ("src:dst:rw") and long volume syntax."""
    result = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume.get("source"), volume["target"]
        result[target] = source
    return result


def command_text(service: dict) -> str:
    command = service.get("command", "")
    return command if isinstance(command, str) else " ".join(command)


def test_compose_file_validates(compose_dir):
    result = run_compose(compose_dir, "config", "-q")
    assert result.returncode == 0, result.stderr


def test_compose_without_env_file_says_what_is_missing(tmp_path):
    result = run_compose(scratch_copy(tmp_path, env_file=False), "config", "-q")
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr or ".env" in result.stderr


def test_all_services_exist_with_healthchecks(config):
    services = config["services"]
    assert set(services) >= SERVICES
    for name in SERVICES:
        test = services[name].get("healthcheck", {}).get("test")
        assert test and test not in (["NONE"], "NONE"), f"{name} has no health check"
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert "redis-cli ping" in " ".join(services["redis"]["healthcheck"]["test"])
    assert "inspect ping" in " ".join(services["worker"]["healthcheck"]["test"])


def test_data_lives_in_named_volumes(config):
    volumes = set(config.get("volumes") or {})
    services = config["services"]
    expected = {
        "postgres": "/var/lib/postgresql/data",
        "redis": "/data",
        "web": "/app/var/media",
        "worker": "/app/var/media",
        "beat": "/app/var/beat",
    }
    for name, target in expected.items():
        source = mounts(services[name]).get(target)
        assert source in volumes, f"{name}: {target} is not a named volume ({source})"
    assert "/app/var/beat/" in command_text(services["beat"])  # the schedule file


def test_services_start_in_order_of_health(config):
    services = config["services"]
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert isinstance(depends, dict), f"{name}: depends_on without conditions"
        assert depends["redis"] == {"condition": "service_healthy"}
        for dependency in depends.values():
            assert dependency["condition"] == "service_healthy"
    assert services["web"]["depends_on"]["postgres"] == {"condition": "service_healthy"}
    # Worker and beat wait for web, which has migrated the database once healthy.
    assert services["worker"]["depends_on"]["web"] == {"condition": "service_healthy"}


def test_app_services_share_image_and_env_file(raw, config):
    for name in APP_SERVICES:
        assert raw["services"][name]["env_file"] == ".env"
        assert raw["services"][name]["build"] == "."
        # docker-compose config inlines the env file: the example's values arrive.
        environment = config["services"][name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://polrad:")
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        assert environment["DEBUG"] == "false"


def test_web_migrates_then_serves_gunicorn_with_a_health_check(config):
    web = config["services"]["web"]
    command = command_text(web)
    assert command.index("migrate --noinput") < command.index("gunicorn polrad.wsgi:application")
    assert "0.0.0.0:8000" in command
    assert any(
        str(port.get("target", port) if isinstance(port, dict) else port).endswith("8000")
        for port in web["ports"]
    )
    test = web["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    assert "http://127.0.0.1:8000/health/" in test[3]
    compile(test[3], "web healthcheck", "exec")  # valid Python


def test_worker_and_beat_run_celery(config):
    services = config["services"]
    assert command_text(services["worker"]).startswith("celery -A polrad worker")
    assert command_text(services["beat"]).startswith("celery -A polrad beat")
    beat_check = services["beat"]["healthcheck"]["test"]
    compile(beat_check[3], "beat healthcheck", "exec")


# --- Dockerfile, .dockerignore, .env.example -------------------------------------------------


def env_example() -> dict[str, tuple[str, bool]]:
    """Documented name -> (value, set); commented-out lines show defaults."""
    entries = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.match(r"^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$", line)
        if match:
            entries[match.group(2)] = (match.group(3), match.group(1) is None)
    return entries


def test_env_example_documents_every_setting():
    documented = env_example()
    read_by_settings = set(
        re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]*)"', (ROOT / "polrad/settings.py").read_text())
    )
    missing = (set(DOCUMENTED) | read_by_settings) - set(documented)
    assert not missing, f".env.example does not document {sorted(missing)}"


def test_env_example_is_safe_and_consistent():
    documented = env_example()
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "POSTGRES_PASSWORD"):
        assert documented[name][1], f"{name} must be set in .env.example"
    assert documented["DEBUG"] == ("false", True)
    assert "change-me" in documented["SECRET_KEY"][0]
    for name, (value, _) in documented.items():
        assert not value.startswith(('"', "'")), f"{name}: env files keep quotes literally"
        assert "$" not in value, f"{name}: compose v2 interpolates $"
    password = documented["POSTGRES_PASSWORD"][0]
    assert f"polrad:{password}@postgres:5432/polrad" in documented["DATABASE_URL"][0]


def test_dockerfile_builds_a_production_image():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim-bookworm\b", dockerfile, re.M)
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-"):
        assert package in dockerfile
    assert "pip install -r requirements.txt" in dockerfile
    assert "compilemessages" in dockerfile and "collectstatic --noinput" in dockerfile
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.M)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r"^EXPOSE 8000$", dockerfile, re.M)
    assert re.search(r"^CMD \[\"gunicorn\", \"polrad.wsgi:application\"", dockerfile, re.M)
    # No secret is baked into the image's environment.
    for env_line in re.findall(r"^ENV .*(?:\n\s+.*\\?)*", dockerfile, re.M):
        assert "SECRET_KEY" not in env_line


def test_dockerignore_keeps_local_state_out():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".venv", "var", ".git", ".env"} <= ignored
