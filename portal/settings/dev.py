"""Local development: debug on, a throwaway key, mail to the console."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-not-for-production")  # noqa: S105
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Demo users per role are only ever created where this is True.
PORTAL_CREATE_DEMO_USERS = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
