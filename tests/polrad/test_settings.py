"""Settings are read from the environment; each case runs in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "polrad.example.org",
    "CONCERN_ENCRYPTION_KEYS": "a-long-random-production-encryption-key-0123456789",
}
SHOW = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST", ""),
    "eager": settings.CELERY_TASK_ALWAYS_EAGER, "broker": settings.CELERY_BROKER_URL,
    "cache": settings.CACHES["default"]["BACKEND"], "email": settings.EMAIL_BACKEND,
    "language": settings.LANGUAGE_CODE, "tz": settings.TIME_ZONE, "debug": settings.DEBUG,
    "hasher": settings.PASSWORD_HASHERS[0],
    "session_secure": settings.SESSION_COOKIE_SECURE, "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "session": settings.SESSION_ENGINE,
    "hsts": settings.SECURE_HSTS_SECONDS, "ssl_redirect": settings.SECURE_SSL_REDIRECT,
}))
"""


def run_python(env: dict, *argv: str, timeout: int = 60) -> subprocess.CompletedProcess:
    """Run the interpreter (default: print the settings) with only the given environment."""
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    clean["DJANGO_SETTINGS_MODULE"] = "polrad.settings"
    clean.update(env)
    return subprocess.run(
        [sys.executable, *(argv or ("-c", SHOW))],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def settings_with(env: dict) -> dict:
    result = run_python(env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_embedded_defaults_use_sqlite_in_process_tasks_and_console_email():
    shown = settings_with({"DEBUG": "true"})
    assert shown["engine"] == "django.db.backends.sqlite3"
    assert shown["name"] == str(ROOT / "var" / "db.sqlite3")
    assert shown["eager"] is True
    assert shown["cache"].endswith("DatabaseCache")  # shared by every process, see below
    assert shown["email"] == "django.core.mail.backends.console.EmailBackend"
    assert (shown["language"], shown["tz"]) == ("nl", "Europe/Amsterdam")


def test_database_url_selects_postgres():
    shown = settings_with(
        {"DEBUG": "true", "DATABASE_URL": "postgres://polrad:secret@db.internal:5432/polrad"}
    )
    assert shown["engine"] == "django.db.backends.postgresql"
    assert (shown["name"], shown["host"]) == ("polrad", "db.internal")


def test_redis_url_makes_tasks_go_to_the_broker_and_caches_in_redis():
    shown = settings_with({"DEBUG": "true", "REDIS_URL": "redis://cache.internal:6379/0"})
    assert shown["eager"] is False
    assert shown["broker"] == "redis://cache.internal:6379/0"
    assert shown["cache"].endswith("RedisCache")
    assert shown["session"] == "django.contrib.sessions.backends.cached_db"


def test_without_redis_processes_share_one_cache(tmp_path):
    """Two processes (two gunicorn workers) see each other's cache entries: rate limits and
    figure caches do not multiply per process."""
    env = {"DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    migrated = run_python(env, "manage.py", "migrate", "--noinput", "-v0", timeout=600)
    assert migrated.returncode == 0, migrated.stderr
    write = "import django; django.setup(); from django.core.cache import cache; "
    first = run_python(env, "-c", write + "cache.set('shared', 'from one process', 60)")
    assert first.returncode == 0, first.stderr
    second = run_python(env, "-c", write + "print(cache.get('shared'))")
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "from one process"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "CONCERN_ENCRYPTION_KEYS"])
def test_start_up_fails_clearly_without_secret_key_or_hosts_when_not_debugging(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_python(env)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_production_defaults_are_secure():
    shown = settings_with(PRODUCTION_ENV)
    assert shown["debug"] is False
    assert shown["hasher"] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert shown["session_secure"] and shown["csrf_secure"] and shown["ssl_redirect"]
    assert shown["hsts"] >= 31536000


def test_production_settings_pass_the_deployment_checklist():
    result = run_python(PRODUCTION_ENV, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
