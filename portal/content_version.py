"""A version number for everything public pages show, bumped whenever any of it changes.

Caches of public content (whole pages in portal/page_cache.py, career article data in
careers/models/pages.py) put this number in their keys. Publishing, unpublishing, moving or deleting
a page, adding, changing or removing a view restriction (privacy: it neither publishes nor
re-saves the page, yet hides it and everything below it from lists and links), or saving any
snippet, setting or image the pages show, bumps it, so every app server
sharing the cache (Redis) stops using the old copies on the next request.

Every request needs the version, yet with Redis it costs no round trip while nothing changes: each
process watches the key (portal/content_version_watch.py: Redis pushes an invalidation down a
connection of the process's own when the key changes, and the version is read again then, or when
unconfirmed for CONTENT_VERSION_CONFIRM_SECONDS). Where the watch cannot say (Redis unreachable, a
server without RESP3, TLS, the watch switched off) the request reads it with one plain GET, as
every request once did. With the local-memory cache (tests, development) it is a cache.get.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save

from portal import content_version_watch

logger = logging.getLogger(__name__)

VERSION_KEY = "content:version"

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
}


def _stored_version() -> Any:
    """The version as stored. With django-redis, as this process's watch knows it without a round
    trip (portal/content_version_watch.py: Redis tells it when the key changes); when the watch cannot
    say, a plain GET through the Redis client django-redis exposes (it keeps ints unpickled)."""
    backend = caches["default"]  # what `cache` stands for, looked up once: every request runs this
    get_client = getattr(getattr(backend, "client", None), "get_client", None)
    if get_client is None:
        return backend.get(VERSION_KEY)
    watched = content_version_watch.read(backend, VERSION_KEY)
    if watched is not content_version_watch.UNKNOWN:
        return watched
    try:
        raw = get_client(write=False).get(backend.make_and_validate_key(VERSION_KEY))
        return None if raw is None else int(raw)
    except ValueError:  # stored some other way (a serializer setting): let django-redis decode it
        return backend.get(VERSION_KEY)
    except Exception:  # Redis down or the breaker open: fail open, as the cache does (a version of 0)
        # Debug, not warning: this runs on every request, and the breaker already logs the outage once.
        logger.debug("content version unreadable", exc_info=True)
        return None


def current_version() -> int:
    version = _stored_version()
    if version is None:
        # Start from the clock, not 1: if the cache loses this key (a Redis restart), the new
        # number is still larger than any used before, so stale entries can never come back.
        cache.add(VERSION_KEY, time.time_ns() // 1_000_000, timeout=None)
        content_version_watch.written(cache, VERSION_KEY)
        version = cache.get(VERSION_KEY)
    return int(version or 0)


# Parts of pages kept under the version (portal/site_chrome.py, portal/page_routing.py) never go
# stale; this only frees the memory of versions no request asks for any more.
KEPT_SECONDS = 60 * 60
# Where the version read for a request is kept: every cached part of one page uses the same one.
REQUEST_ATTRIBUTE = "_portal_content_version"


def for_request(request: Any) -> int:
    """The version, read once per request however many cached parts of the page ask for it."""
    if request is None:
        return current_version()
    version = getattr(request, REQUEST_ATTRIBUTE, None)
    if version is None:
        version = current_version()
        setattr(request, REQUEST_ATTRIBUTE, version)
    return version


def key_for(request: Any, *parts: object) -> str:
    """A cache key holding the version and ``parts`` (hashed: they may come from a URL)."""
    digest = hashlib.md5(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"content:kept:{for_request(request)}:{digest}"


def remember(key: str, build: Callable[[], Any]) -> Any:
    """The value kept under ``key``, built and kept on a miss (``None`` is never kept)."""
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, KEPT_SECONDS)
    return value


def remember_many(name: str, names: list[str], load: Callable[[list[str]], dict[str, Any]]) -> dict[str, Any]:
    """The values kept under ``name`` for each of ``names`` (slugs), in one cache read; ``load`` is
    given those not kept, all at once, and what it returns is kept."""
    base = key_for(None, name)
    keys = {each: f"{base}:{each}" for each in names}
    kept = cache.get_many(list(keys.values()))
    found = {each: kept[key] for each, key in keys.items() if key in kept}
    missing = [each for each in names if each not in found]
    if missing:
        loaded = load(missing)
        cache.set_many({keys[each]: value for each, value in loaded.items()}, KEPT_SECONDS)
        found.update(loaded)
    return found


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key is missing: a fresh clock-based version does the same job
        cache.set(VERSION_KEY, time.time_ns() // 1_000_000, timeout=None)
    content_version_watch.written(cache, VERSION_KEY)


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

    # Saving a page's draft changes nothing visitors see; publishing sends page_published. A new
    # page does count: content health's kept rows must list a draft the moment it exists.
    if kwargs.get("signal") is post_save and issubclass(sender, Page) and not kwargs.get("created"):
        return
    # Settings rows are created with their defaults the first time a page reads them; an editor's
    # change to them is a later save.
    if kwargs.get("created") and issubclass(sender, BaseSiteSetting | BaseGenericSetting):
        return
    invalidate()


def _on_page_changed(**kwargs: Any) -> None:
    invalidate()


def _on_release(sender: Any, **kwargs: Any) -> None:
    # `migrate` runs once per release: templates and the parameters pages read may have changed, so
    # pages cached by the previous release must not be served by this one.
    if sender.name == "portal":
        invalidate()


def connect_signals() -> None:
    """Called from PortalConfig.ready(), so publishing from a command or cron job counts too."""
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    post_save.connect(_on_content_saved, dispatch_uid="page_cache_post_save")
    post_delete.connect(_on_content_saved, dispatch_uid="page_cache_post_delete")
    post_migrate.connect(_on_release, dispatch_uid="page_cache_post_migrate")
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(_on_page_changed, dispatch_uid=f"page_cache_{id(signal)}")
