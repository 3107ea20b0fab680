"""Settings for the POLRAD network platform, read from the environment.

Without any environment the app runs embedded: SQLite under var/, Celery tasks in-process,
email to the console. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and
EMAIL_URL; see .env.example and the README's table.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (DEBUG is off)."
        )
    SECRET_KEY = "django-insecure-embedded-development-key-never-use-in-production"  # noqa: S105

# Field encryption of concern content (django-fernet-encrypted-fields): the first key encrypts,
# every key listed decrypts, so a new key goes in front and old ones stay until rows are
# re-encrypted (`manage.py rotate_concern_keys`). Keys are combined with SECRET_KEY (and
# SECRET_KEY_FALLBACKS): rotate that with a fallback too.
CONCERN_ENCRYPTION_KEYS = env.list("CONCERN_ENCRYPTION_KEYS", default=[])
if not CONCERN_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "CONCERN_ENCRYPTION_KEYS is not set. Set it in the environment (DEBUG is off)."
        )
    CONCERN_ENCRYPTION_KEYS = ["embedded-development-concern-key-never-use-in-production"]
SALT_KEY = CONCERN_ENCRYPTION_KEYS
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set. Set it in the environment (DEBUG is off)."
        )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Absolute address of the site, for links in emails sent outside a request (Celery).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
NETWORK_NAME = env.str("NETWORK_NAME", default="Expertisenetwerk Polarisatie en Radicalisering")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "simple_history",
    "polrad",
    "polrad.accounts",
    "polrad.reports",
    "network",
    "rolemodels",
    "signals",
    "trainings",
    "polrad.analysis",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "polrad.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "polrad.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "polrad.accounts.middleware.SessionTimeoutMiddleware",
    "polrad.accounts.middleware.SecondFactorMiddleware",
    "polrad.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "polrad.urls"
WSGI_APPLICATION = "polrad.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "polrad.context_processors.site",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker for Celery and the shared cache. Without it, tasks run in-process.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Tasks are acknowledged on receipt; only a task whose ledger makes a second run harmless
# asks for acks_late itself (a plain email sent twice is worse than one lost to a crash).
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULE = {
    "social-map-stale-records": {
        "task": "network.tasks.send_stale_record_digests",
        "schedule": crontab(minute=0, hour=7, day_of_month=1),
    },
    "social-map-requests-anonymise": {
        "task": "network.tasks.anonymise_answered_map_requests",
        "schedule": crontab(minute=15, hour=2),
    },
    "role-models-stuck-candidates": {
        "task": "rolemodels.tasks.send_stuck_reminders",
        "schedule": crontab(minute=0, hour=8, day_of_week=1),
    },
    "concerns-retention-warnings": {
        "task": "signals.tasks.send_retention_warnings",
        "schedule": crontab(minute=0, hour=6),
    },
    "concerns-trend-updates-monthly": {
        "task": "signals.tasks.send_trend_updates",
        "schedule": crontab(minute=30, hour=7, day_of_month=1),
        "kwargs": {"frequency": "monthly"},
    },
    "concerns-trend-updates-quarterly": {
        "task": "signals.tasks.send_trend_updates",
        "schedule": crontab(minute=45, hour=7, day_of_month=1, month_of_year="1,4,7,10"),
        "kwargs": {"frequency": "quarterly"},
    },
    "concerns-anonymise-expired": {
        "task": "signals.tasks.anonymise_expired_concerns",
        "schedule": crontab(minute=30, hour=2),
    },
    "trainings-expire-offers": {
        "task": "trainings.tasks.expire_offers",
        "schedule": crontab(minute="*/15"),
    },
    "trainings-reminders": {
        "task": "trainings.tasks.send_session_reminders",
        "schedule": crontab(minute=0, hour=9),
    },
    "trainings-evaluation-requests": {
        "task": "trainings.tasks.send_evaluation_requests",
        "schedule": crontab(minute=0, hour=18),
    },
    "trainings-coach-digests": {
        "task": "trainings.tasks.send_coach_digests",
        "schedule": crontab(minute=30, hour=8, day_of_week=1),
    },
    "analysis-action-digests": {
        "task": "polrad.analysis.tasks.send_action_digests",
        "schedule": crontab(minute=0, hour=8, day_of_week=1),
    },
}

# Candidates longer than this many days in one stage of the recruitment pipeline are "stuck":
# highlighted on the pipeline board and listed in the coordinators' weekly reminder.
ROLE_MODEL_STUCK_DAYS = env.int("ROLE_MODEL_STUCK_DAYS", default=14)
# Hours a person on the waiting list has to take up a seat that came free.
TRAINING_OFFER_HOURS = env.int("TRAINING_OFFER_HOURS", default=48)
# Minutes before a session starts from which participants can check themselves in.
TRAINING_CHECKIN_EARLY_MINUTES = env.int("TRAINING_CHECKIN_EARLY_MINUTES", default=30)
# Weeks without a coaching session after which an active role model is flagged.
COACHING_OVERDUE_WEEKS = env.int("COACHING_OVERDUE_WEEKS", default=8)
# Weeks without a logged meeting after which a mentor with active mentorships is flagged.
MENTOR_QUIET_WEEKS = env.int("MENTOR_QUIET_WEEKS", default=4)
# Months without a contact moment after which a person on the social map is flagged.
CONTACT_OVERDUE_MONTHS = env.int("CONTACT_OVERDUE_MONTHS", default=6)
# Months after its answer that a request for the social map keeps the requester's details.
MAP_REQUEST_RETENTION_MONTHS = env.int("MAP_REQUEST_RETENTION_MONTHS", default=12)
# Months a closed concern is kept before its personal content is wiped (per category overridable).
CONCERN_RETENTION_MONTHS = env.int("CONCERN_RETENTION_MONTHS", default=24)
# Days before its anonymisation a closed concern is announced to its handlers (email, home page).
CONCERN_RETENTION_WARNING_DAYS = env.int("CONCERN_RETENTION_WARNING_DAYS", default=30)
# Counts below this are shown as "< 5" in trend updates and reports (small-count suppression).
CONCERN_SMALL_COUNT_THRESHOLD = env.int("CONCERN_SMALL_COUNT_THRESHOLD", default=5)

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "polrad",
        }
    }
else:
    # One cache shared by every process (gunicorn workers, Celery), also without Redis: rate
    # limits and figure caches must not multiply or go stale per process. The table is made
    # by a migration (polrad 0002), so `migrate` is all a new database needs.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "polrad_cache",
            "KEY_PREFIX": "polrad",
        }
    }

# Accounts and authentication
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "polrad.accounts.backends.RolePermissionBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "polrad.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Invitation and password-reset links stay valid for three days and work once.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 24 * 3600)

# Sessions end after inactivity and, whatever the activity, after an absolute maximum.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=10 * 3600)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
# With Redis, sessions are read from the cache and written through to the database: one
# query less on every request, and a session survives a flushed cache.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Brute-force protection: lock out a username from one address, not the user everywhere.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "polrad.accounts.audit.login_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# The client's address behind reverse proxies (polrad/clients.py): how many proxies in front of
# the web service append to which header. Used by the lockout, the audit log and rate limits.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
FORWARDED_FOR_HEADER = env.str("FORWARDED_FOR_HEADER", default="X-Forwarded-For")
AXES_CLIENT_IP_CALLABLE = "polrad.clients.client_ip"

OTP_TOTP_ISSUER = NETWORK_NAME


# Internationalisation: Dutch first, English second.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The empty choice of every select: Django's "---------" is no word. Model choice fields and
# model choices take it from polrad/apps.py, django-filter from its own setting.
EMPTY_CHOICE_LABEL = _("— choose —")
FILTERS_EMPTY_CHOICE_LABEL = EMPTY_CHOICE_LABEL
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Largest file the knowledge base accepts (bytes).
KNOWLEDGE_MAX_UPLOAD_BYTES = env.int("KNOWLEDGE_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: console unless EMAIL_URL names an SMTP server (smtp+tls://user:pass@host:587).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="POLRAD <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers and cookies. Production (DEBUG off) gets the full deployment checklist.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
