"""Limits on failed sign-in attempts to the Wagtail and Django admins, kept in the shared cache.

After LOGIN_ATTEMPT_LIMIT failures within LOGIN_ATTEMPT_WINDOW seconds, from one client address
or for one user name, further sign-in POSTs are refused with a 429 and a page that says why,
before any password is checked. A successful sign-in clears the count for that user name.
With Redis as the cache the count is shared by every app server.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

LOGIN_VIEW_NAMES = {"wagtailadmin_login", "admin:login"}


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address the trusted proxies in front of us saw (LOGIN_TRUSTED_PROXY_COUNT)."""
    hops = settings.LOGIN_TRUSTED_PROXY_COUNT
    if hops:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def _keys(request: HttpRequest, username: str) -> list[str]:
    keys = [f"login-failures:addr:{client_address(request)}"]
    if username:
        digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()
        keys.append(f"login-failures:user:{digest}")
    return keys


def is_locked(request: HttpRequest, username: str) -> bool:
    counts = cache.get_many(_keys(request, username))
    return any(count >= settings.LOGIN_ATTEMPT_LIMIT for count in counts.values())


def _record_failure(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs):
    if request is None:
        return
    for key in _keys(request, str(credentials.get("username", ""))):
        # add() starts the window on the first failure; incr() leaves its expiry alone.
        cache.add(key, 0, timeout=settings.LOGIN_ATTEMPT_WINDOW)
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, timeout=settings.LOGIN_ATTEMPT_WINDOW)


def _clear_user(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None:
        cache.delete_many(_keys(request, user.get_username())[1:])


def connect_signals() -> None:
    user_login_failed.connect(_record_failure, dispatch_uid="login_limits_failed")
    user_logged_in.connect(_clear_user, dispatch_uid="login_limits_logged_in")


class LoginAttemptLimitMiddleware:
    """Refuses sign-in POSTs to the admin login views while the client or user name is locked out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable, view_args: Any, view_kwargs: Any):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name not in LOGIN_VIEW_NAMES:
            return None
        if not is_locked(request, request.POST.get("username", "")):
            return None
        window_minutes = max(1, settings.LOGIN_ATTEMPT_WINDOW // 60)
        response = TemplateResponse(
            request,
            "portal/login_locked.html",
            {
                "limit": settings.LOGIN_ATTEMPT_LIMIT,
                "window_minutes": window_minutes,
                "login_url": request.path,
            },
            status=429,
        )
        response["Retry-After"] = str(settings.LOGIN_ATTEMPT_WINDOW)
        return response
