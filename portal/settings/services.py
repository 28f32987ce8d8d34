"""The backing services, each chosen from the environment: database, cache, page cache, media
storage, CDN purging, background tasks, email and search. base.py star-imports this module."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .environment import VAR_DIR, env_bool, env_list

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
        # Behind PgBouncer in transaction mode a named cursor may land on another server
        # connection than the one that declared it (README, Scale-out).
        disable_server_side_cursors=env_bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS", False),
    )
}
# A database that accepts connections and never answers must not hold a request for ever: a new
# connection gives up after DATABASE_CONNECT_TIMEOUT seconds (libpq's minimum is 2), and the server
# cancels any statement running longer than DATABASE_STATEMENT_TIMEOUT seconds (0: no limit; set
# it to 0 for a `migrate` that builds large indexes).
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "30"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    if DATABASE_STATEMENT_TIMEOUT > 0:
        _statement = f"-c statement_timeout={round(DATABASE_STATEMENT_TIMEOUT * 1000)}"
        _db_options["options"] = f"{_db_options.get('options', '')} {_statement}".strip()

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite is for development and tests. WAL lets the admin's autosave write while pages and
    # the task worker read; IMMEDIATE takes the write lock when a transaction starts, so a writer
    # waits up to `timeout` seconds for another instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
        }
    )

REDIS_URL = os.environ.get("REDIS_URL", "")
# Redis is a cache: when it is down or frozen the site serves without it (IGNORE_EXCEPTIONS), and
# quickly, since each call gives up after these few tenths of a second and the circuit breaker
# (portal/redis_breaker.py) then skips Redis for REDIS_CIRCUIT_BREAKER_SECONDS. Errors are logged.
REDIS_SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5"))
REDIS_SOCKET_CONNECT_TIMEOUT = float(os.environ.get("REDIS_SOCKET_CONNECT_TIMEOUT", "0.5"))
REDIS_CIRCUIT_BREAKER_SECONDS = float(os.environ.get("REDIS_CIRCUIT_BREAKER_SECONDS", "5"))
# Each process learns of a new content version from Redis itself (portal/content_version_watch.py:
# client-side tracking on a connection of its own) instead of reading it on every request, and reads
# it again when it has not done so for this many seconds, so a connection gone silently dead hides a
# publish for at most this long. 0 switches the watch off: every request reads the version.
CONTENT_VERSION_CONFIRM_SECONDS = float(os.environ.get("CONTENT_VERSION_CONFIRM_SECONDS", "1"))
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "portal.cache"


def redis_caches(url: str) -> dict[str, dict]:
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "portal",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_TIMEOUT": REDIS_SOCKET_TIMEOUT,
                "SOCKET_CONNECT_TIMEOUT": REDIS_SOCKET_CONNECT_TIMEOUT,
                "REDIS_CLIENT_CLASS": "portal.redis_breaker.CircuitBreakerRedis",
                "REDIS_CLIENT_KWARGS": {"circuit_open_seconds": REDIS_CIRCUIT_BREAKER_SECONDS},
            },
        }
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
    # Sessions read from Redis and are written through to the database, so losing Redis
    # signs nobody out, and any app server can serve any request.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


# Whole rendered public pages for anonymous visitors (portal/page_cache.py), emptied on publish.
# On by default only with a shared cache: a per-process cache cannot be emptied by another worker.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", bool(REDIS_URL))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(60 * 60)))
# Larger responses are served but not stored: one entry may not take more than this (bytes).
PAGE_CACHE_MAX_BYTES = int(os.environ.get("PAGE_CACHE_MAX_BYTES", str(512 * 1024)))
# Each process also keeps the pages it served lately in memory (portal/page_cache_local.py), still
# checked against the content version on every request (CONTENT_VERSION_CONFIRM_SECONDS above).
# Per gunicorn worker: at most this many bytes of pages (16 MiB) and entries; 0 bytes turns that
# tier off.
PAGE_CACHE_LOCAL_MAX_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_MAX_BYTES", str(16 * 1024 * 1024)))
PAGE_CACHE_LOCAL_MAX_ENTRIES = int(os.environ.get("PAGE_CACHE_LOCAL_MAX_ENTRIES", "2000"))
PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "300"))
PAGE_CACHE_EXCLUDE_PREFIXES = [
    "/admin/",
    "/documents/",
    "/api/",
    "/healthz",
    "/static/",
    "/media/",
]

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

# Wagtail's front-end cache invalidation purges a CDN when pages are published; off unless
# configured (base.py then installs its app). Cloudflare: FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN
# and _ZONEID. CloudFront: FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID. Varnish, Fastly-style or any
# HTTP PURGE endpoint: FRONTEND_CACHE_PURGE_URL. FRONTEND_CACHE_SECONDS is how long the CDN may
# keep a page.
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

# Background tasks (django-tasks): large salary imports and Wagtail's search and reference index
# updates are queued in the database and run by `manage.py db_worker`, a process of its own.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Outgoing email (course enquiries to admissions): SMTP configured from the environment. dev.py
# prints mail to the console instead and test.py keeps it in memory. A send waits at most
# EMAIL_TIMEOUT seconds; one that fails is retried (courses/enquiries/notify.py), never lost.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "Set only one of EMAIL_USE_TLS (STARTTLS, port 587) and EMAIL_USE_SSL (port 465)."
    )
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Careers Portal <no-reply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Site search and the admin's search: the database's own full-text search (PostgreSQL or SQLite)
# unless SEARCH_URL names Elasticsearch or OpenSearch nodes (comma-separated; credentials in the
# URL). SEARCH_BACKEND says which Wagtail backend talks to them; its Python client is not in
# requirements.txt and must be installed beside it (README, Configuration).
_search_urls = env_list("SEARCH_URL")
SEARCH_ENGINES = ("elasticsearch7", "elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3")
if _search_urls:
    _engine = os.environ.get("SEARCH_BACKEND", "elasticsearch8").strip()
    if _engine not in SEARCH_ENGINES:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND must be one of {', '.join(SEARCH_ENGINES)}, not {_engine!r}."
        )
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{_engine}",
            "URLS": _search_urls,
            # Lets several sites (or a staging copy) share one cluster.
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "careers_portal_"),
            # Like every other wait on a dependency, bounded well inside gunicorn's timeout.
            "TIMEOUT": float(os.environ.get("SEARCH_TIMEOUT", "5")),
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
