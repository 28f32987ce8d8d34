"""A cache of whole rendered public pages for anonymous visitors, emptied whenever content changes.

Every key carries the content version (portal/content_version.py), which any published change
bumps, so every app server sharing the cache (Redis) stops serving the old copies on the next
request. Old entries simply expire. With a per-process local-memory cache the version is per
process too, which is why the cache is only switched on by default when REDIS_URL is set
(PAGE_CACHE_ENABLED).

What is never cached: anything but a 200 GET, signed-in users (their pages carry the Wagtail
userbar), admin and API paths, responses that set a cookie or used a CSRF token or a CSP nonce
(those belong to one visitor), and responses marked private or no-store.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from portal import content_version

logger = logging.getLogger(__name__)

HIT_HEADER = "X-Page-Cache"


def enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE_ENABLED", False))


def _cache_key(request: HttpRequest, version: int) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page-cache:{version}:{hashlib.sha256(address.encode()).hexdigest()}"


class PageCacheMiddleware:
    """Serves anonymous GETs of public pages from the shared cache (see the module docstring).

    It sits after AuthenticationMiddleware (it must know who is signed in) and before
    django-csp's middleware (it must see the final Content-Security-Policy header).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        key = _cache_key(request, content_version.current_version())
        stored = cache.get(key)
        if stored is not None:
            return self._rebuild(stored)
        response = self.get_response(request)
        if self._response_is_cacheable(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() != HIT_HEADER.lower()]
            cache.set(key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
            self._add_cdn_headers(response)
        return response

    @staticmethod
    def _request_is_cacheable(request: HttpRequest) -> bool:
        # Wagtail's previews run a dummy request for the page's URL through the middleware.
        if not enabled() or request.method != "GET" or getattr(request, "is_dummy", False):
            return False
        if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDE_PREFIXES)):
            return False
        # A pending flash message must reach its own visitor, not the cache.
        if "messages" in request.COOKIES:
            return False
        user = getattr(request, "user", None)
        return user is not None and not user.is_authenticated

    @staticmethod
    def _response_is_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # the page holds this visitor's CSRF token
        if "'nonce-" in response.get("Content-Security-Policy", ""):
            return False  # a nonce is only worth anything if it is never reused
        cache_control = response.get("Cache-Control", "").lower()
        return not any(word in cache_control for word in ("private", "no-store", "no-cache"))

    @staticmethod
    def _add_cdn_headers(response: HttpResponse) -> None:
        # With a CDN configured (and purged by Wagtail's front-end cache app) it may keep pages too.
        cdn_seconds = getattr(settings, "FRONTEND_CACHE_SECONDS", 0)
        if cdn_seconds and "Cache-Control" not in response:
            response["Cache-Control"] = f"public, max-age=0, s-maxage={cdn_seconds}"

    def _rebuild(self, stored: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        self._add_cdn_headers(response)
        return response
