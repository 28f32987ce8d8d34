"""Settings shared by every environment. No secrets here: they come from the environment.

The backing services (database, caches, media storage, CDN, tasks, search) are chosen in
services.py, star-imported here; dev, test and production build on this module.
"""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE

from .environment import BASE_DIR, VAR_DIR, env_bool, env_list
from .services import *  # noqa: F403
from .services import MEDIA_ORIGINS, WAGTAILFRONTENDCACHE

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Layered apps, lowest first: seed_demo seeds them in this order.
    "portal",
    "careers",
    "courses",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
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
    # Background tasks: large salary imports and Wagtail's index updates (TASKS in services.py).
    "django_tasks",
    "django_tasks_db",
    "taggit",
    "django_filters",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

MIDDLEWARE = [
    # First: X-Forwarded-Proto counts only from the TLS proxy (SECURE_PROXY_SSL_HEADER trusts it).
    "portal.proxy_headers.TrustedProxyHeaderMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so page-cache hits are counted too (portal/audience_counting.py).
    "portal.audience_counting.AudienceCountingMiddleware",
    # Before sessions: a visitor without a session cookie is anonymous, so a hit skips everything
    # below. It stores pages as sent, with the headers and compression those add, so a hit is
    # never compressed again (portal/page_cache.py).
    "portal.page_cache.PageCacheMiddleware",
    # Pages (not static files: WhiteNoise serves those pre-compressed, above). Django pads the
    # output against BREACH; a 250 KB comparison table goes over the wire as ~25 KB.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: a refusal redirects to the dashboard with a message, as Wagtail's own do.
    "portal.editing_tools.EditingToolsAccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication (signed-in users bypass the page cache; anonymous visitors with a
    # session cookie get their hits here), before CSP (a stored page must hold the final header).
    "portal.page_cache.PageCacheSessionMiddleware",
    # Inside the page cache (a hit needs no site): the site and its settings from the cache.
    "portal.site_chrome.SiteMiddleware",
    "portal.content_security_policy.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the 429 page.
    "axes.middleware.AxesMiddleware",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Failed sign-ins (django-axes; portal/sign_in_lockout.py). Axes' backend goes first: it refuses a
# locked-out attempt before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# 5 failures for one user name from one address lock that pair for 15 minutes after the last try;
# the same user elsewhere, and other users here, can still sign in. A success clears the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Counts live in the database, not the cache: the limit holds while Redis is down (fail closed).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_USERNAME_CALLABLE = "portal.sign_in_lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "portal.sign_in_lockout.client_address"
AXES_LOCKOUT_CALLABLE = "portal.sign_in_lockout.lockout_response"
# No Django admin to read them in, and a row per successful sign-in would grow without end.
AXES_ENABLE_ADMIN = False
AXES_DISABLE_ACCESS_LOG = True
# Failures and lockouts are still logged; not the start-up banner on every manage.py command.
AXES_VERBOSE = False
# How many proxies (load balancer, CDN) in front of the app append to X-Forwarded-For: the
# client's address for the count is the one the outermost saw. 0 trusts the header not at all.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# The TLS-terminating proxy's addresses or networks (gunicorn.conf.py reads the same variable):
# X-Forwarded-Proto from any other peer is removed (portal/proxy_headers.py).
TRUSTED_PROXY_IPS = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

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

# Content-Security-Policy (django-csp) on every response in every environment, so browser tests
# catch an inline script. Public pages: scripts and styles from this origin only; a template
# that truly needs an inline script uses nonce="{{ request.csp_nonce }}" (such pages are then
# not put in the page cache). Framing by anyone is refused.
_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF, NONCE],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "media-src": [_SELF, *MEDIA_ORIGINS],
        # Public pages frame nothing (no video or other embeds).
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": ["'none'"],
    },
}
# Wagtail's admin writes inline scripts and styles, and frames its own preview: its own policy
# (portal/content_security_policy.py applies it under PORTAL_ADMIN_URL_PREFIXES).
PORTAL_ADMIN_URL_PREFIXES = ("/admin/",)
PORTAL_ADMIN_CSP = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:", *MEDIA_ORIGINS],
    "font-src": [_SELF, "data:"],
    # Wagtail tells administrators about new releases (security fixes among them).
    "connect-src": [_SELF, "https://releases.wagtail.org"],
    "media-src": [_SELF, *MEDIA_ORIGINS],
    "frame-src": [_SELF],
    "object-src": ["'none'"],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "frame-ancestors": [_SELF],
}
# Browser features the site never uses are switched off (django-permissions-policy: feature ->
# origins allowed to use it; an empty list allows none).
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

# A salary figure gathered longer ago than this is "possibly out of date" on career pages and
# "stale" in the dashboard's content health alike.
SALARY_STALE_AFTER_MONTHS = int(os.environ.get("SALARY_STALE_AFTER_MONTHS", "18"))

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

# The ONS earnings workbook import (careers/ons_import.py). A figure's range is this pair of the
# published percentiles (10, 20, 25, 30, 40, 60, 70, 75, 80, 90); its typical value is the median.
# Estimates whose CV (in percent) is above SALARY_MAX_CV are unreliable and never used.
SALARY_RANGE_PERCENTILES = tuple(int(value) for value in env_list("SALARY_RANGE_PERCENTILES", "10,90"))
if (
    len(SALARY_RANGE_PERCENTILES) != 2
    or not set(SALARY_RANGE_PERCENTILES) <= {10, 20, 25, 30, 40, 60, 70, 75, 80, 90}
    or SALARY_RANGE_PERCENTILES[0] >= 50
    or SALARY_RANGE_PERCENTILES[1] <= 50
):
    raise ValueError(
        "SALARY_RANGE_PERCENTILES must be a published percentile below 50 and one above, e.g. 10,90"
    )
SALARY_MAX_CV = float(os.environ.get("SALARY_MAX_CV", "20"))
# The largest workbook an editor may upload, and what its parts may expand to when unzipped.
SALARY_WORKBOOK_MAX_BYTES = int(os.environ.get("SALARY_WORKBOOK_MAX_BYTES", str(20 * 1024 * 1024)))
SALARY_WORKBOOK_MAX_UNZIPPED_BYTES = int(
    os.environ.get("SALARY_WORKBOOK_MAX_UNZIPPED_BYTES", str(200 * 1024 * 1024))
)

# Course enquiries (courses/enquiries/). One address may send ENQUIRY_RATE_LIMIT enquiries per
# ENQUIRY_RATE_LIMIT_WINDOW_SECONDS (portal/rate_limit.py); the email to admissions is retried by
# its task up to ENQUIRY_EMAIL_MAX_ATTEMPTS times, and by `manage.py send_pending_enquiry_emails`.
ENQUIRY_RATE_LIMIT = int(os.environ.get("ENQUIRY_RATE_LIMIT", "5"))
ENQUIRY_RATE_LIMIT_WINDOW_SECONDS = int(os.environ.get("ENQUIRY_RATE_LIMIT_WINDOW_SECONDS", "3600"))
ENQUIRY_EMAIL_MAX_ATTEMPTS = int(os.environ.get("ENQUIRY_EMAIL_MAX_ATTEMPTS", "8"))
# Permissions that let an admin user change something that is not site content (enquiries): they
# do not open the editing tools (page and snippet choosers, the admin API) to their holders.
PORTAL_NON_CONTENT_PERMISSIONS = ("courses.change_enquiry", "courses.add_enquiry")

# Views of careers, courses and comparisons, counted per day for the dashboard's Audience view
# (portal/audience_counting.py): in Redis, folded into the database every AUDIENCE_FOLD_SECONDS;
# straight into the database without Redis. AUDIENCE_COUNTING_ENABLED=false counts nothing.
AUDIENCE_COUNTING_ENABLED = env_bool("AUDIENCE_COUNTING_ENABLED", True)
AUDIENCE_FOLD_SECONDS = int(os.environ.get("AUDIENCE_FOLD_SECONDS", "60"))
# Each worker sends its counted views to Redis together this often (portal/audience_buffer.py);
# 0 sends each view at once.
AUDIENCE_FLUSH_SECONDS = float(os.environ.get("AUDIENCE_FLUSH_SECONDS", "2"))

# Complex page models can exceed Django's default of 1000 fields per form in Wagtail's editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Careers Portal"
# The site's public address: seed_demo gives the default Site this host name and port, from which
# Wagtail builds canonical links, og:url and API URLs (port 443 means https, 80 plain http).
SITE_HOSTNAME = os.environ.get("SITE_HOSTNAME", "").strip()
SITE_PORT = int(os.environ.get("SITE_PORT", "443" if SITE_HOSTNAME else "80"))


def site_root_url(hostname: str, port: int) -> str:
    """The root URL Wagtail's Site gives for this host name and port."""
    if port == 443:
        return f"https://{hostname}"
    return f"http://{hostname}" if port == 80 else f"http://{hostname}:{port}"


WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or (
    site_root_url(SITE_HOSTNAME, SITE_PORT) if SITE_HOSTNAME else "http://127.0.0.1:8000"
)
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
    "filters": {"skip_circuit_open": {"()": "portal.redis_breaker.SkipCircuitOpenRecords"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own default config adds a second console handler in DEBUG: one line, once.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's background tasks log every start and finish at INFO.
        "django_tasks": {"level": "WARNING"},
        # Cache errors django-redis ignored (the site carries on without Redis), once per call.
        "portal.cache": {"filters": ["skip_circuit_open"]},
    },
}
