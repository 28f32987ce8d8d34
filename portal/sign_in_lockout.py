"""What django-axes needs to know about this deployment to lock out password guessing fairly.

Axes (configured by the AXES_* settings in base.py) counts failed sign-ins per user name *and*
client address together, so someone elsewhere cannot lock a user out, and keeps the counts in
the database, so the limit holds while Redis is down. It cannot know by itself which address
the client really has behind our proxies, how Django compares user names, or what a locked-out
person should read: those three come from here.
"""

from __future__ import annotations

import ipaddress
import math
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# AccessAttempt.username is a CharField(max_length=255): a longer name (say through HTTP Basic
# on the API) must not turn a failed sign-in into a database error.
USERNAME_MAX_LENGTH = 255


def client_address(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address the outermost of TRUSTED_PROXY_COUNT proxies saw.

    Each proxy appends the address it was connected from to X-Forwarded-For, so the client is
    the N-th entry from the right; whatever stands further left the client wrote itself and may
    be forged. A request with fewer entries than proxies, or a malformed entry, did not come
    through them: it counts under the address that connected to us.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    hops = settings.TRUSTED_PROXY_COUNT
    if not hops:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-hops]))
    except ValueError:
        return remote


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the user name as Django looks it up, so no spelling escapes the count.

    Django's AuthenticationForm normalises names to NFKC (AbstractBaseUser.normalize_username),
    so "ａｄｍｉｎ" signs in as "admin" and must count against "admin". Case is kept: user names
    are case-sensitive, so "Admin" is another account (or none).
    """
    field = get_user_model().USERNAME_FIELD
    if credentials:
        name = credentials.get(field, credentials.get("username"))
    else:
        name = getattr(request, "data", request.POST).get(field)
    if name is None:
        return None
    return AbstractBaseUser.normalize_username(str(name).strip())[:USERNAME_MAX_LENGTH]


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a 429 page saying why, and when to try again (also as Retry-After)."""
    wait_seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(
        request,
        "portal/login_locked.html",
        {
            "limit": settings.AXES_FAILURE_LIMIT,
            "wait_minutes": max(1, math.ceil(wait_seconds / 60)),
            "login_url": request.path,
        },
        status=429,
    )
    response["Retry-After"] = str(wait_seconds)
    return response
