"""The page cache's second tier: stored pages kept in each process's memory, under the content version.

A page-cache hit used to read the page itself (11-72 KB) from Redis with the version on every
request; that round trip and its unpickling cost hits most of their speed. Here each process keeps
the pages it served lately, keyed on (content version, cache key), so a hit finds the page in memory
and reads nothing from Redis while the version stands (portal/content_version_watch.py). The version
still decides validity on every request: a publish moves it, no entry of the old version is ever
looked up again, and every process reads afresh from Redis on its next request. The tier holds one
version at a time: keeping a page of another version drops all the others. An entry older than
PAGE_CACHE_LOCAL_SECONDS is read afresh.

Only immutable data is kept: a page as (status, headers as a tuple of pairs, bytes) and a query
entry as (single, repeated) tuples of str. The size is bounded by PAGE_CACHE_LOCAL_MAX_BYTES (the
sum of the pages' bytes; headers and bookkeeping add well under 1 KB each) and by
PAGE_CACHE_LOCAL_MAX_ENTRIES; the least recently used entries go first. 0 bytes switches it off.

Version 0 is what an unreadable version reads as (Redis down, its circuit breaker open): nothing is
kept or served under it, since no publish could be seen while it lasts.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from django.conf import settings

# What one entry counts for beyond its content (headers, key, tuples): a rough, safe bound.
ENTRY_OVERHEAD_BYTES = 1024

_lock = threading.Lock()
# (version, key) -> (kept at, size, value); oldest first.
_entries: OrderedDict[tuple[int, str], tuple[float, int, tuple]] = OrderedDict()
_state = {"bytes": 0, "version": 0}


def _limits() -> tuple[int, int, float]:
    return (
        int(getattr(settings, "PAGE_CACHE_LOCAL_MAX_BYTES", 0)),
        int(getattr(settings, "PAGE_CACHE_LOCAL_MAX_ENTRIES", 0)),
        float(getattr(settings, "PAGE_CACHE_LOCAL_SECONDS", 0)),
    )


def _switch_to(version: int) -> None:
    """Called with the lock held: entries kept under another version are never looked up again."""
    if version != _state["version"]:
        _entries.clear()
        _state["bytes"] = 0
        _state["version"] = version


def get(version: int, key: str) -> tuple | None:
    """The value kept for ``key`` under exactly this version, or None."""
    max_bytes, _, seconds = _limits()
    if max_bytes <= 0 or version <= 0:
        return None
    with _lock:
        found = _entries.get((version, key))
        if found is None:
            return None
        kept_at, size, value = found
        if time.monotonic() - kept_at > seconds:
            del _entries[(version, key)]
            _state["bytes"] -= size
            return None
        _entries.move_to_end((version, key))
        return value


def put(version: int, key: str, value: tuple, size: int = 0) -> None:
    """Keep ``value`` (immutable: tuples of str, int and bytes) for ``key`` under ``version``."""
    max_bytes, max_entries, _ = _limits()
    size += ENTRY_OVERHEAD_BYTES
    if size > max_bytes or version <= 0:
        return
    with _lock:
        _switch_to(version)
        old = _entries.pop((version, key), None)
        if old is not None:
            _state["bytes"] -= old[1]
        _entries[(version, key)] = (time.monotonic(), size, value)
        _state["bytes"] += size
        while _entries and (_state["bytes"] > max_bytes or len(_entries) > max_entries):
            _, (_, dropped, _) = _entries.popitem(last=False)
            _state["bytes"] -= dropped


def clear() -> None:
    with _lock:
        _entries.clear()
        _state["bytes"] = 0
        _state["version"] = 0


def size() -> tuple[int, int]:
    """(entries, bytes counted) kept now."""
    with _lock:
        return len(_entries), _state["bytes"]
