"""Django settings for the grondvorm web app, built from :mod:`grondvorm.config`.

Nothing here connects to a database or needs an environment variable: defaults put a SQLite file in
the user's data folder.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from grondvorm import config

WEB_DIR = Path(__file__).resolve().parent

SECRET_KEY = config.secret_key()
DEBUG = config.flag("GRONDVORM_DEBUG")
ALLOWED_HOSTS = [
    host.strip() for host in os.environ.get("GRONDVORM_ALLOWED_HOSTS", "*").split(",") if host
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "ninja",  # the API docs then use ninja's own static files, not a CDN (and keep the CSP)
    "grondvorm.web.apps.GrondvormWebConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "grondvorm.web.middleware.BodySizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "grondvorm.web.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the login page with a message
]

ROOT_URLCONF = "grondvorm.web.urls"
WSGI_APPLICATION = "grondvorm.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {"default": dj_database_url.parse(config.database_url(), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE transactions avoid lock upgrades.
    # Each server thread keeps its connection (opening one per request costs a third of a submit).
    # synchronous=NORMAL: a commit survives a crash of the app (tested with SIGKILL); FULL also
    # survives a power cut or an OS crash, at an fsync per commit (GRONDVORM_SQLITE_SYNCHRONOUS).
    _synchronous = os.environ.get("GRONDVORM_SQLITE_SYNCHRONOUS", "NORMAL").strip().upper()
    _synchronous = _synchronous if _synchronous in ("NORMAL", "FULL", "EXTRA") else "NORMAL"
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous={_synchronous}; "
        "PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses while an address+username is locked out
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [WEB_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "grondvorm_language"
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = config.home() / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000  # bytes; larger request bodies are refused
if config.flag("GRONDVORM_SECURE"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    CSRF_TRUSTED_ORIGINS = [
        origin.strip()
        for origin in os.environ.get("GRONDVORM_TRUSTED_ORIGINS", "").split(",")
        if origin.strip()
    ]

# Login rate limiting (django-axes): after 5 failed attempts for one username from one address,
# that pair waits 15 minutes; a successful login resets the count. Attempts are kept in the
# database, so every app process sees the same count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "grondvorm.web.middleware.lockout_response"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "grondvorm.web.middleware.client_ip"  # GRONDVORM_PROXY_COUNT aware
AXES_USERNAME_CALLABLE = "grondvorm.web.middleware.client_username"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
