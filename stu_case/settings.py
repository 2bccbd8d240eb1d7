"""STU Case settings: one env-driven module (django-environ).

Production-like mode (``DJANGO_PRODUCTION=true``) turns on HTTPS-only cookies,
HSTS and the SSL redirect; ``manage.py check --deploy`` must pass in that mode.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
import pghistory
from csp.constants import NONE, SELF

from . import deploy_secrets, runtime

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

PRODUCTION = env.bool("DJANGO_PRODUCTION", default=False)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
DEMO_MODE = env.bool("STU_DEMO_MODE", default=not PRODUCTION)
# Development runs on public defaults; production refuses to load without secrets of its own
# (missing, a development default or too short: ImproperlyConfigured naming the variable).
_secrets = deploy_secrets.SecretsFromEnvironment(env, production=PRODUCTION)
SECRET_KEY = _secrets.value(deploy_secrets.SECRET_KEY)
# Earlier secret keys, still accepted for sessions and still decrypting encrypted fields.
SECRET_KEY_FALLBACKS = _secrets.fallbacks(deploy_secrets.SECRET_KEY, "DJANGO_SECRET_KEY_FALLBACKS")
# Key for the keyed hash that lets us look a CPR number up without decrypting every row.
CPR_HASH_KEY = _secrets.value(deploy_secrets.CPR_HASH_KEY)
# Exact CPR look-ups per user per hour (students.services.cpr_lookup), and the number of misses
# in an hour at which the municipality's leaders are told.
STU_CPR_LOOKUPS_PER_HOUR = env.int("STU_CPR_LOOKUPS_PER_HOUR", default=30)
STU_CPR_MISSES_ALERT = env.int("STU_CPR_MISSES_ALERT", default=5)
# Salt for the Fernet keys (django-fernet-encrypted-fields derives them from SECRET_KEY).
SALT_KEY = _secrets.values(deploy_secrets.FIELD_ENCRYPTION_SALT)
_secrets.refuse_if_wrong()

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the widget templates, for FORM_RENDERER below
    "guardian",
    "axes",
    "csp",
    "django_htmx",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "stu_case.accounts",
    "stu_case.audit",
    "stu_case.notifications",
    "institutions",
    "students",
    "visitation",
    "transitions",
    "stu_case.site",  # composition: the demo and dev tooling, may know every app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files end here, cacheable
    "stu_case.middleware.NoStoreMiddleware",  # everything else: Cache-Control: no-store
    "stu_case.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "stu_case.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "stu_case.middleware.AbsoluteSessionLimitMiddleware",
    "stu_case.middleware.IdleSessionRefreshMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "stu_case.middleware.HistoryContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stu_case.urls"
WSGI_APPLICATION = "stu_case.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "stu_case.context_processors.navigation",
            ],
        },
    },
]

# Widgets render through TEMPLATES, so templates/ can override a widget's template (the
# admin's split date-time widget gets a label per input there).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": env.db_url_config(runtime.resolve_database_url())}
# Connections are kept for a minute and reused (opening one costs more than most queries);
# a connection that broke meanwhile is noticed before the request uses it.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# No JIT compilation: the permission-scoped list queries are estimated above PostgreSQL's
# jit_above_cost at a few thousand young people, and compiling then took 70 ms of a 90 ms query.
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
_db_options["options"] = f"-c jit=off {_db_options.get('options', '')}".strip()
DATABASES["default"].setdefault("TEST", {})
if env("STU_TEST_DB_NAME", default=""):
    DATABASES["default"]["TEST"]["NAME"] = env("STU_TEST_DB_NAME")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 30 idle minutes, and always 8 hours after the login, however active
# (stu_case.middleware.AbsoluteSessionLimitMiddleware; not from the environment, so no
# deployment can lengthen it). The stored expiry is renewed by a request at most once a
# minute (stu_case.middleware.IdleSessionRefreshMiddleware), not rewritten by every request.
SESSION_COOKIE_AGE = 30 * 60
STU_SESSION_ABSOLUTE_SECONDS = 8 * 3600
STU_SESSION_REFRESH_SECONDS = 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the meta tag, not the cookie

# django-axes: throttle failed logins.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
# One client address for axes, the per-address limit and the access log (stu_case.client_ip):
# X-Forwarded-For counts only as written by the proxies listed here (CIDRs, e.g.
# "10.0.0.0/8,192.168.10.5"); none by default.
STU_TRUSTED_PROXIES = env.list("STU_TRUSTED_PROXIES", default=[])
AXES_CLIENT_IP_CALLABLE = "stu_case.client_ip.client_ip"
# Failed logins from one address, any usernames, within AXES_COOLOFF_TIME before further logins
# from it are refused (password spraying). High, because a town hall's staff share one address.
STU_LOGIN_FAILURES_PER_IP = env.int("STU_LOGIN_FAILURES_PER_IP", default=50)
# Cut to what axes' username column holds, so an over-long username is a plain failed login.
AXES_USERNAME_CALLABLE = "stu_case.accounts.login_throttle.axes_username"

# django-pghistory: inserts, updates and deletes of person and plan data, with context.
PGHISTORY_DEFAULT_TRACKERS = (
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
)
# Its admin (the change history) shows old values of person data: opening an event is logged.
PGHISTORY_ADMIN_CLASS = "stu_case.audit.admin.ChangeHistoryAdmin"

# django-guardian: no anonymous user object.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

# Strict Content-Security-Policy: no inline script, no inline style, nothing from a CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Internationalisation: Danish first, English available; Copenhagen time.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# Dates show as 03.12.2026 in both languages (stu_case/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["stu_case.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise looks here even when serving from the finders
# Only the built front-end files we serve (not all of node_modules) are collected.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/dkfds/dist", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("vendor/htmx.org/dist", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/chart.js/dist", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, whitenoise serves straight from the finders (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
# Documents about young people (statements, school reports, consent …) are kept in their own
# storage, outside STATIC_ROOT and MEDIA_ROOT, so the web server never serves them: they are
# delivered only by the permission-checked download view. By default a private folder under
# var/; STU_DOCUMENT_STORAGE names another backend (e.g. "storages.backends.s3.S3Storage"
# from django-storages) and STU_DOCUMENT_STORAGE_OPTIONS its options as JSON.
STORAGES["documents"] = {
    "BACKEND": env("STU_DOCUMENT_STORAGE", default="django.core.files.storage.FileSystemStorage"),
    "OPTIONS": env.json(
        "STU_DOCUMENT_STORAGE_OPTIONS",
        default={
            "location": str(env.path("STU_DOCUMENT_ROOT", default=BASE_DIR / "var" / "documents")),
            "directory_permissions_mode": 0o700,
            "file_permissions_mode": 0o600,
        },
    ),
}
# The largest document accepted; a bigger upload is refused while it is received, before
# anything is stored (students.forms.documents.DocumentSizeLimitHandler).
STU_DOCUMENT_MAX_BYTES = env.int("STU_DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
MEDIA_ROOT = env.path("STU_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"
# Files with case data that are never served (letters as sent): outside MEDIA_ROOT and the
# static roots, read only through a view that checks access (stu_case.storage).
STU_PRIVATE_STORAGE_ROOT = env.path(
    "STU_PRIVATE_STORAGE_ROOT", default=BASE_DIR / "var" / "private"
)
# How letters to the young person leave (students/services/letters_channels.py): "print" (on
# paper), "secure_mail" (to STU_LETTER_SECURE_MAILBOX) or "digital_post" (SF1601 at
# STU_SF1601_URL, sender STU_DIGITAL_POST_SENDER_CVR).
STU_LETTER_CHANNEL = env("STU_LETTER_CHANNEL", default="print")
STU_LETTER_SECURE_MAILBOX = env("STU_LETTER_SECURE_MAILBOX", default="")
STU_SF1601_URL = env("STU_SF1601_URL", default="")
STU_DIGITAL_POST_SENDER_CVR = env("STU_DIGITAL_POST_SENDER_CVR", default="")
# The absence period form has six fields per student (ReportRowFormSet allows 2,000 rows); with
# Django's default of 1,000 fields an institution with about 165 students could not submit it.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2_000 * 6 + 100
# Flash messages can name a young person: keep them in the session, not in a (readable) cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# A request id sent by the client is used only behind a proxy that sets it itself; otherwise
# every request gets its own id, so the access log never records one the client chose.
TRUST_REQUEST_ID_HEADER = env.bool("STU_TRUST_REQUEST_ID_HEADER", default=False)

# Redis: Celery broker and cache when one answers; otherwise tasks run in-process.
REDIS_URL = runtime.resolve_redis_url()
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = None
    CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_BEAT_SCHEDULE: dict = {}  # filled in by stu_case.schedule

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="stu-case@kommune.example")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_query": {"()": "stu_case.logs.MaskQueryStrings"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "auth": {"class": "logging.StreamHandler", "formatter": "auth"},
        # The development server's request lines, without query strings (stu_case.logs).
        "requests": {
            "class": "logging.StreamHandler",
            "filters": ["mask_query"],
            "formatter": "django.server",
        },
    },
    "formatters": {
        "auth": {
            "format": "%(asctime)s %(levelname)s auth event=%(event)s account=%(account)s "
            "ip=%(ip)s request_id=%(request_id)s",
        },
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "loggers": {
        "django.server": {"handlers": ["requests"], "level": "INFO", "propagate": False},
        # Logins, failed logins, logouts and lockouts (stu_case.accounts.auth_events).
        "stu_case.auth": {"handlers": ["auth"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

# Access logs are kept for a period set by purpose (Datatilsynet); an admin may change it.
ACCESS_LOG_RETENTION_DAYS = env.int("STU_ACCESS_LOG_RETENTION_DAYS", default=5 * 365)

from .schedule import BEAT_SCHEDULE  # noqa: E402

CELERY_BEAT_SCHEDULE = BEAT_SCHEDULE
