"""A cache of whole rendered public pages for anonymous visitors, emptied whenever content changes.

Every key carries a version number kept in the cache itself. Publishing, unpublishing, moving or
deleting a page, or saving any snippet, setting or image the pages show, bumps that number, so
every app server sharing the cache (Redis) stops serving the old copies on the next request.
Old entries simply expire. With a per-process local-memory cache the version is per process too,
which is why the cache is only switched on by default when REDIS_URL is set (PAGE_CACHE_ENABLED).

What is never cached: anything but a 200 GET, signed-in users (their pages carry the Wagtail
userbar), admin and API paths, responses that set a cookie or used a CSRF token or a CSP nonce
(those belong to one visitor), and responses marked private or no-store.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
HIT_HEADER = "X-Page-Cache"

# Apps whose models (snippets, settings, page inlines) show on public pages.
CONTENT_APP_LABELS = {"portal", "careers", "courses", "wagtailimages", "wagtaildocs", "wagtailcore"}
# Saved as a side effect of rendering or editing, never a change to what visitors see.
IGNORED_MODELS = {
    "wagtailimages.rendition",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.pageviewrestriction",  # its changes also publish or re-save the page
}


def enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE_ENABLED", False))


def current_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # Start from the clock, not 1: if the cache loses this key (a Redis restart), the new
        # number is still larger than any used before, so stale entries can never come back.
        cache.add(VERSION_KEY, time.time_ns() // 1_000_000, timeout=None)
        version = cache.get(VERSION_KEY)
    return int(version or 0)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key is missing: a fresh clock-based version does the same job
        cache.set(VERSION_KEY, time.time_ns() // 1_000_000, timeout=None)


def invalidate() -> None:
    """Make every cached page stale. Called from the signal receivers below."""
    _bump()
    # Bump again once the transaction commits: a request rendering in between could otherwise
    # store the old content under the new version.
    transaction.on_commit(_bump)


def _on_content_saved(sender: type, **kwargs: Any) -> None:
    label = sender._meta.label_lower
    if sender._meta.app_label not in CONTENT_APP_LABELS or label in IGNORED_MODELS:
        return
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Page

    # Saving a page's draft changes nothing visitors see; publishing sends page_published.
    if kwargs.get("signal") is post_save and issubclass(sender, Page):
        return
    # Settings rows are created with their defaults the first time a page reads them; an editor's
    # change to them is a later save.
    if kwargs.get("created") and issubclass(sender, BaseSiteSetting | BaseGenericSetting):
        return
    invalidate()


def _on_page_changed(**kwargs: Any) -> None:
    invalidate()


def connect_signals() -> None:
    """Called from PortalConfig.ready(), so publishing from a command or cron job counts too."""
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    post_save.connect(_on_content_saved, dispatch_uid="page_cache_post_save")
    post_delete.connect(_on_content_saved, dispatch_uid="page_cache_post_delete")
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(_on_page_changed, dispatch_uid=f"page_cache_{id(signal)}")


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
        key = _cache_key(request, current_version())
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
