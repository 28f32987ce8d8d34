"""Fixtures the portal's tests share."""

from __future__ import annotations

import socket
import uuid

import pytest
from django.core.cache import cache, caches
from django.test import Client

from portal import page_cache_local
from portal.audience_buffer import fold_schedule
from portal.settings.services import redis_caches


@pytest.fixture
def page_cache_on(settings):
    """The page cache switched on, starting and ending empty (tests use the local-memory cache)."""
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    page_cache_local.clear()
    yield
    cache.clear()
    page_cache_local.clear()


BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def visitor():
    """An anonymous visitor whose browser says what it is, as every browser does (the test client's
    default sends no user agent, which counting takes for a script)."""
    return Client(headers={"User-Agent": BROWSER_UA})


@pytest.fixture
def counting_on(settings):
    settings.AUDIENCE_COUNTING_ENABLED = True


@pytest.fixture
def audience_redis(settings, counting_on):
    """The machine's Redis on this suite's database number (7), under a key prefix of the test's own,
    configured as services.py does for REDIS_URL; skipped where no Redis answers on 6379.

    The fold is never scheduled by counting here unless a test asks (fold_schedule)."""
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", 6379)) != 0:
            pytest.skip("no Redis on 127.0.0.1:6379")
    configured = redis_caches("redis://127.0.0.1:6379/7")
    configured["default"]["KEY_PREFIX"] = f"test-audience-{uuid.uuid4().hex[:8]}"
    settings.CACHES = configured
    fold_schedule.next_check = float("inf")
    yield caches["default"]
    fold_schedule.next_check = 0.0
    caches["default"].delete_pattern("*")  # only this test's prefix
    caches["default"].close()
