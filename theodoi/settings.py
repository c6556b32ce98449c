"""Settings, all read from the environment (see README, "Configuration")."""

import datetime as dt
from pathlib import Path

import environ

from theodoi.core.secret_key import load_or_create_secret_key
from theodoi.lib.limits import DEFAULT_MAX_UPLOAD_BYTES, MB

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env(
    # Off unless asked for: an officer who meets an error must never see source and paths.
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    TIME_ZONE=(str, "Asia/Ho_Chi_Minh"),
    MAX_UPLOAD_MB=(int, DEFAULT_MAX_UPLOAD_BYTES // MB),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
# Without SECRET_KEY in the environment, a random key is made on first start and kept in
# var/secret_key (mode 0600), so sessions survive restarts and every worker shares it.
SECRET_KEY = env("SECRET_KEY", default=None) or load_or_create_secret_key(VAR_DIR / "secret_key")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

# HTTPS deployments (README, "Configuration"): all off by default so that `make run` works
# over plain http on 127.0.0.1.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
# Behind a reverse proxy that terminates TLS: the header it sets, e.g. "X-Forwarded-Proto".
# Only set this when the proxy always overwrites the header, or clients could forge it.
_proxy_ssl_header = env.str("SECURE_PROXY_SSL_HEADER", default="")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https") if _proxy_ssl_header else None
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "theodoi.core",
    "theodoi.agencies",
    "theodoi.documents",
    "theodoi.indicators",
    "theodoi.tasks",
    "theodoi.intake",
    "theodoi.consultations",
    "theodoi.petitions",
    "theodoi.reports",
    "theodoi.portal",
    "theodoi.api",
    "theodoi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware, but the language is Vietnamese unless chosen in the header switcher.
    "theodoi.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "theodoi.urls"
WSGI_APPLICATION = "theodoi.wsgi.application"
ASGI_APPLICATION = "theodoi.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "theodoi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "theodoi.core.context_processors.roles",
                "theodoi.agencies.context_processors.membership",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'theodoi.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # Concurrent writers queue instead of failing with "database is locked":
    # - WAL lets readers go on while one transaction writes (NORMAL sync is safe in WAL);
    # - every transaction starts with BEGIN IMMEDIATE, taking the write lock up front: a
    #   deferred transaction that read first cannot upgrade its lock and fails at once,
    #   without waiting, when another writer holds it;
    # - the busy timeout (seconds) is how long a writer waits for its turn.
    options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("timeout", 30)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs more than it saves on the short status queries (see benchmarks/).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = (options.get("options", "") + " -c jit=off").strip()
DATABASES["default"]["ATOMIC_REQUESTS"] = False

# The staff pages' content kept per version of the data (theodoi/core/pagecache.py). By
# default each worker process keeps its own, bounded to PAGE_CACHE_ENTRIES pages (least
# recently used first out); several app servers may share one with PAGE_CACHE_URL (e.g.
# redis://host:6379/1); "dummycache://" keeps nothing. Keys hold the data version, so no
# entry is ever served after a write; old ones are simply never asked for again.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {**env.cache_url("PAGE_CACHE_URL", default="locmemcache://theodoi-pages"), "TIMEOUT": 24 * 3600},
}
if CACHES["pages"]["BACKEND"].endswith("LocMemCache"):  # a shared cache bounds itself (its server's memory)
    CACHES["pages"]["OPTIONS"] = {"MAX_ENTRIES": env.int("PAGE_CACHE_ENTRIES", default=500)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses every login, even with the right password, while locked out.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes), for the site's login and the admin's alike: after
# LOGIN_FAILURE_LIMIT wrong passwords for one username, or from one address, within
# LOGIN_LOCKOUT_MINUTES, logins are refused until that time has passed or the office unlocks
# it (admin: "Access attempts"; or `theodoi axes-reset-username NAME`). A success clears
# the username's count.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = env.list("LOGIN_LOCKOUT_BY", default=["username", "ip_address"])
AXES_RESET_ON_SUCCESS = True
# Attempts made while locked out are refused without being recorded: otherwise a scripted
# attack would keep appending to its attempt row (axes stores each attempt's form data) and
# push the lockout forward forever.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "theodoi.core.login_throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "theodoi.core.login_throttle.client_address"
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (deploy/nginx.conf: 1).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "tasks:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# The public portal keeps its own language choice, in its own cookie sent to its pages only:
# a citizen reading the portal in English on a shared browser does not switch an officer's
# staff screens, and an officer who reads the staff screens in English still sees the portal
# as the public does until choosing otherwise there (core/middleware.py).
PORTAL_PATH = "/cong-khai/"
PORTAL_LANGUAGE_COOKIE_NAME = "theodoi_portal_language"
LOCALE_PATHS = [BASE_DIR / "theodoi" / "locale"]
TIME_ZONE = env("TIME_ZONE")
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# Dates as dd/mm/yyyy in both languages: see theodoi/formats/.
FORMAT_MODULE_PATH = ["theodoi.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
# `make run` collects static files (hashed names, compressed, cached for a year by the
# browser); the finders still serve them uncollected, e.g. to the tests of a fresh clone.
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "theodoi.core.staticfiles.StaticFilesStorage"},
}
# Uploaded files in S3-compatible object storage (django-storages), for several app servers
# without a shared disk. Files stay private: every download goes through a view that checks
# access, which streams the object from the bucket.
if env.str("MEDIA_STORAGE", default="local") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "region_name": env.str("S3_REGION", default=None),
            "access_key": env.str("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=None),
            "location": env.str("S3_PREFIX", default=""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Background work (Django's tasks framework, the django-tasks backport until Django 6):
# queued in the database, run by any number of `theodoi db-worker` processes.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# The one upload limit (documents, task tables, evidence): theodoi.core.uploads enforces it.
MAX_UPLOAD_BYTES = env("MAX_UPLOAD_MB") * MB
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# An indicator's period locks by itself this many days after it ends (theodoi.indicators.locks).
INDICATOR_LOCK_DAYS = env.int("INDICATOR_LOCK_DAYS", default=30)

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="theodoi@localhost")
# The address of the site, for links in e-mails (a petitioner's tracking page).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Consultations: a visitor's first comment waits for the office's moderation.
CONSULTATION_HOLD_FIRST_COMMENTS = env.bool("CONSULTATION_HOLD_FIRST_COMMENTS", default=True)

# The province-level unit this installation serves (`Agency.place`): agency pickers offer
# its bodies first (theodoi/agencies/fields.py).
HOME_PLACE = env("HOME_PLACE", default="Hải Phòng")

# Reminders (theodoi/reports/reminders.py): tasks due within this many days; tasks overdue
# this many days are escalated to the office (links in the emails start with SITE_URL).
REMINDER_DUE_SOON_DAYS = env.int("REMINDER_DUE_SOON_DAYS", default=7)
REMINDER_ESCALATION_DAYS = env.int("REMINDER_ESCALATION_DAYS", default=30)

# The official report's header and signature (theodoi/reports/official.py), per installation.
REPORT_ISSUER_PARENT = env("REPORT_ISSUER_PARENT", default="")
REPORT_ISSUER = env("REPORT_ISSUER", default="ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG")
REPORT_SYMBOL = env("REPORT_SYMBOL", default="BC-UBND")
REPORT_PLACE = env("REPORT_PLACE", default="Hải Phòng")
REPORT_SIGNER_CAPACITY = env.list("REPORT_SIGNER_CAPACITY", default=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])
REPORT_SIGNER_NAME = env("REPORT_SIGNER_NAME", default="")
REPORT_RECIPIENTS = env.list("REPORT_RECIPIENTS", default=[
    "Văn phòng Chính phủ", "Thường trực Thành ủy", "Thường trực HĐND thành phố",
    "Chủ tịch, các Phó Chủ tịch UBND thành phố", "Các sở, ban, ngành thành phố", "Lưu: VT",
])

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# The open data API (theodoi/api/, README "Open data API"): read-only, anonymous callers see
# what the public portal shows, callers with a token issued by the office see what they see
# in the app. Requests per client and minute (hour, day), counted in the database like the
# other rate limits (theodoi.core.ratelimit), so every worker and app server shares them.
API_ANON_RATE = env.str("API_ANON_RATE", default="60/minute")
API_USER_RATE = env.str("API_USER_RATE", default="600/minute")
API_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 500
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "theodoi.api.authentication.ApiTokenAuthentication",
        # Staff already logged in to the site can read the API in the browser too.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["theodoi.api.throttling.ClientRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "theodoi.api.pagination.PageNumberPagination",
    "PAGE_SIZE": API_PAGE_SIZE,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "rest_framework.renderers.BrowsableAPIRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "theodoi.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # JSON dates and times in ISO 8601 whatever the interface language (the site shows dd/mm/yyyy).
    "DATE_FORMAT": "iso-8601",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "theodoi – open data API",
    "DESCRIPTION": (
        "Read-only data of the programmes theodoi tracks: documents, tasks with their status, agencies "
        "with their succession, public progress notes. Anonymous callers see what the public portal "
        "shows; callers with an API token issued by the office see what they see in the app "
        "(header `Authorization: Token <key>`). Dates are ISO 8601 (YYYY-MM-DD)."
    ),
    "VERSION": "1",
    # 3.1: a nullable reference is written oneOf [ref, null], which validators read one way only.
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    # No "valid" badge: Swagger UI would fetch it from validator.swagger.io, handing it the
    # schema's address (nothing is fetched from another host). No deep links: Swagger UI
    # puts each one inside the operation's expand button, a link in a button (axe:
    # nested-interactive), which keyboards and screen readers cannot reach as a link.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "AgencyKindEnum": "theodoi.agencies.models.AgencyKind",
        "DocumentKindEnum": "theodoi.documents.models.DocumentKind",
        "CommentKindEnum": "theodoi.tasks.models.TaskComment.Kind",
        "ReportStateEnum": "theodoi.tasks.models.ProgressReport.State",
        "StatusEnum": "theodoi.tasks.status.Status",
        "StatusReasonEnum": "theodoi.tasks.status.Reason",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
