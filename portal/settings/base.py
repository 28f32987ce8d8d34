"""Settings shared by every environment. No secrets here: they come from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Local state (the SQLite file, uploaded media in development) lives in an ignored folder.
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Layered apps, lowest first: seed_demo seeds them in this order.
    "portal",
    "careers",
    "courses",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    # Background tasks: large salary imports and Wagtail's index updates (TASKS below).
    "django_tasks",
    "django_tasks_db",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.security_headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages (not static files: WhiteNoise serves those pre-compressed, above). Django pads the
    # output against BREACH; a 250 KB comparison table goes over the wire as ~25 KB.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.login_limits.LoginAttemptLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication (signed-in users bypass it), before CSP (it must see the final header).
    "portal.page_cache.PageCacheMiddleware",
    "portal.security_headers.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    # Sessions read from Redis and are written through to the database, so losing Redis
    # signs nobody out, and any app server can serve any request.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


# Whole rendered public pages for anonymous visitors (portal/page_cache.py), emptied on publish.
# On by default only with a shared cache: a per-process cache cannot be emptied by another worker.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", bool(REDIS_URL))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(60 * 60)))
PAGE_CACHE_EXCLUDE_PREFIXES = [
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/api/",
    "/healthz",
    "/static/",
    "/media/",
]

# Failed admin sign-ins: this many per client address or user name per window (portal/login_limits.py).
LOGIN_ATTEMPT_LIMIT = int(os.environ.get("LOGIN_ATTEMPT_LIMIT", "5"))
LOGIN_ATTEMPT_WINDOW = int(os.environ.get("LOGIN_ATTEMPT_WINDOW", str(15 * 60)))
# How many proxies (load balancer, CDN) append to X-Forwarded-For in front of the app; 0 trusts none.
LOGIN_TRUSTED_PROXY_COUNT = int(os.environ.get("LOGIN_TRUSTED_PROXY_COUNT", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# UK style everywhere: 5 March 2026.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
USE_THOUSAND_SEPARATOR = False

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploaded media on S3-compatible object storage (AWS S3, MinIO, R2 ...), so no app server keeps
# state on its disk. Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, which
# django-storages and boto3 read from the environment themselves.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    # A CDN host name in front of the bucket, e.g. media.careers.example.com.
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "media")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000"}
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_URL = f"https://{AWS_S3_CUSTOM_DOMAIN}/{AWS_LOCATION}/"
# Without a bucket, uploads live on this machine's disk and Django serves them (a one-machine
# set-up; several app servers need the bucket). SERVE_MEDIA=false when a web server does it instead.
SERVE_MEDIA = env_bool("SERVE_MEDIA", not AWS_STORAGE_BUCKET_NAME) and MEDIA_URL.startswith("/")
# Where images are served from when that is not this origin (the bucket or its CDN).
MEDIA_ORIGINS = env_list("MEDIA_ORIGINS")
if AWS_STORAGE_BUCKET_NAME and not MEDIA_ORIGINS:
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS = [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
    elif AWS_S3_ENDPOINT_URL:
        MEDIA_ORIGINS = [AWS_S3_ENDPOINT_URL.rstrip("/")]
    else:
        MEDIA_ORIGINS = [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"]

# Content-Security-Policy (django-csp) on every response in every environment, so browser tests
# catch an inline script. Public pages: scripts and styles from this origin only; a template
# that truly needs an inline script uses nonce="{{ request.csp_nonce }}" (such pages are then
# not put in the page cache). Framing by anyone is refused.
_SELF = "'self'"
_VIDEO_EMBEDS = ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF, NONCE],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "media-src": [_SELF, *MEDIA_ORIGINS],
        "frame-src": _VIDEO_EMBEDS,
        "object-src": ["'none'"],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": ["'none'"],
    },
}
# Wagtail's admin writes inline scripts and styles, and frames its own preview: its own policy
# (portal/security_headers.py applies it under PORTAL_ADMIN_URL_PREFIXES).
PORTAL_ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")
PORTAL_ADMIN_CSP = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:", *MEDIA_ORIGINS],
    "font-src": [_SELF, "data:"],
    # Wagtail tells administrators about new releases (security fixes among them).
    "connect-src": [_SELF, "https://releases.wagtail.org"],
    "media-src": [_SELF, *MEDIA_ORIGINS],
    "frame-src": [_SELF, *_VIDEO_EMBEDS],
    "object-src": ["'none'"],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "frame-ancestors": [_SELF],
}
# Browser features the site never uses are switched off (portal/security_headers.py).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}
# Editors' avatars are not fetched from Gravatar: no third-party requests, no e-mail hashes leaked.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Wagtail's front-end cache invalidation purges a CDN when pages are published; off unless
# configured. Cloudflare: FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN and _ZONEID. CloudFront:
# FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID. Varnish, Fastly-style or any HTTP PURGE endpoint:
# FRONTEND_CACHE_PURGE_URL. FRONTEND_CACHE_SECONDS is how long the CDN may keep a page.
WAGTAILFRONTENDCACHE: dict[str, dict[str, str]] = {}
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
    }
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", "300")) if WAGTAILFRONTENDCACHE else 0
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

# Background tasks (django-tasks): large salary imports and Wagtail's search and reference index
# updates are queued in the database and run by `manage.py db_worker`, a process of its own.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Salary CSV import (careers/salary_import.py). A file of more than SALARY_IMPORT_MAX_ROWS rows is
# refused; one of more than SALARY_IMPORT_BACKGROUND_ROWS is applied by the worker, not the request.
# No career may end up with more than SALARY_IMPORT_MAX_FIGURES_PER_CAREER figures (its page must
# stay readable), and every figure must lie within SALARY_PLAUSIBLE_RANGE, pounds a year.
SALARY_IMPORT_MAX_ROWS = int(os.environ.get("SALARY_IMPORT_MAX_ROWS", "1000"))
SALARY_IMPORT_BACKGROUND_ROWS = int(os.environ.get("SALARY_IMPORT_BACKGROUND_ROWS", "50"))
SALARY_IMPORT_MAX_FIGURES_PER_CAREER = int(os.environ.get("SALARY_IMPORT_MAX_FIGURES_PER_CAREER", "20"))
SALARY_PLAUSIBLE_RANGE = tuple(int(value) for value in env_list("SALARY_PLAUSIBLE_RANGE", "1000,1000000"))
if len(SALARY_PLAUSIBLE_RANGE) != 2 or not 0 < SALARY_PLAUSIBLE_RANGE[0] < SALARY_PLAUSIBLE_RANGE[1]:
    raise ValueError(
        "SALARY_PLAUSIBLE_RANGE must be two whole numbers of pounds, low first: e.g. 1000,1000000"
    )

# Complex page models can exceed Django's default of 1000 fields per form in Wagtail's editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Careers Portal"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_I18N_ENABLED = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"webp": "webp", "png": "webp", "jpeg": "webp"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Standard output, where containers and gunicorn's supervisor collect logs.
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stdout"}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own default config adds a second console handler in DEBUG: one line, once.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's background tasks log every start and finish at INFO.
        "django_tasks": {"level": "WARNING"},
    },
}
