"""The test suite: fast hashing, isolated media, a file-backed SQLite test database by default."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))
# WhiteNoise warns when STATIC_ROOT is missing; tests serve static files through the finders.
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-static-"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PORTAL_CREATE_DEMO_USERS = True
WAGTAILADMIN_BASE_URL = "http://testserver"
# Off, so counting adds no query to the tests that count a page's queries; the audience tests
# switch it on (tests/portal/test_audience_counting.py).
AUDIENCE_COUNTING_ENABLED = False
# Each view sent to Redis at once, so a request's count is there when the test looks.
AUDIENCE_FLUSH_SECONDS = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file (not :memory:) so --reuse-db can skip ~200 migrations on reruns and the
    # live server thread of browser tests shares the same data.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("PORTAL_TEST_DB", str(VAR_DIR / "test.sqlite3")),
    }

# Tasks run at once, in the test's own transaction: Wagtail's search and reference index updates
# stay immediate, and a queued salary import runs when its transaction's on_commit callbacks do.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
