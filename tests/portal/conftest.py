"""Fixtures the portal's tests share."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture
def page_cache_on(settings):
    """The page cache switched on, starting and ending empty (tests use the local-memory cache)."""
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()
