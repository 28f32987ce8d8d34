"""Production: everything sensitive from the environment, HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import site_root_url
from .environment import env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated) in the environment.")

# The public address defaults to the first plain host name in ALLOWED_HOSTS, served over https.
if not SITE_HOSTNAME:  # noqa: F405
    SITE_HOSTNAME = next((host for host in ALLOWED_HOSTS if not host.startswith(".") and host != "*"), "")
    SITE_PORT = int(os.environ.get("SITE_PORT", "443"))
    if SITE_HOSTNAME and not os.environ.get("WAGTAILADMIN_BASE_URL"):
        WAGTAILADMIN_BASE_URL = site_root_url(SITE_HOSTNAME, SITE_PORT)

# Behind the TLS proxy. TrustedProxyHeaderMiddleware (first in MIDDLEWARE) removes the header from
# requests that did not come from FORWARDED_ALLOW_IPS: gunicorn ignores it from such peers for
# wsgi.url_scheme but passes it on to Django all the same.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production sits behind the TLS-terminating proxy (trusted for X-Forwarded-Proto just above), so
# sign-in lockouts count the address that proxy saw, not the proxy's own (base.py; README).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
# Load balancers check app servers over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
# Wagtail's preview views opt in to SAMEORIGIN themselves; everything else may not be framed.
X_FRAME_OPTIONS = "DENY"

# Media stays wherever services.py put it (S3 when AWS_STORAGE_BUCKET_NAME is set). Static files are
# compressed (gzip and Brotli) and content-hashed at collectstatic; WhiteNoise serves hashed names
# with a year's "immutable" lifetime by itself, and unhashed ones (favicon.ico) with its short default.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Browsers fetch any stray http:// sub-resource over https instead.
# (New dicts rather than edits: base's are shared with every settings module imported beside this one.)
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},
}
PORTAL_ADMIN_CSP = {**PORTAL_ADMIN_CSP, "upgrade-insecure-requests": True}

# Benchmarks only (benchmarks/run.py): an X-Query-Count header counting each request's SQL queries.
if os.environ.get("PORTAL_QUERY_COUNT_HEADER") == "1":
    MIDDLEWARE = ["portal.query_count.QueryCountHeaderMiddleware", *MIDDLEWARE]
