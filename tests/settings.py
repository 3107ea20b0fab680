"""Test settings: production settings with test-only overrides (see polrad/settings.py)."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("CONCERN_ENCRYPTION_KEYS", "test-concern-key-not-for-production")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from polrad.settings import *  # noqa: F403

# Fast hashing in tests; a test checks that production uses Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run in-process in tests; the Celery round-trip test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Serve static files from the source folders, as `runserver` does (browser tests need them).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405
# Without Redis the suite runs in one process: a local-memory cache keeps the query counts of
# the tests about the pages themselves (production without Redis shares the database cache).
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
