"""The page cache's in-process tier: bounded, one content version at a time, immutable values."""

from __future__ import annotations

import pytest

from portal import page_cache_local


@pytest.fixture(autouse=True)
def small_tier(settings):
    settings.PAGE_CACHE_LOCAL_MAX_BYTES = 3 * (page_cache_local.ENTRY_OVERHEAD_BYTES + 1000)
    settings.PAGE_CACHE_LOCAL_MAX_ENTRIES = 10
    settings.PAGE_CACHE_LOCAL_SECONDS = 300
    page_cache_local.clear()
    yield
    page_cache_local.clear()


def page(n: int) -> tuple:
    return (200, (("Content-Type", "text/html"),), bytes([n]) * 1000)


def test_a_value_is_found_under_its_version_only():
    page_cache_local.put(7, "a", page(1), 1000)
    assert page_cache_local.get(7, "a") == page(1)
    assert page_cache_local.get(8, "a") is None
    assert page_cache_local.get(6, "a") is None


def test_keeping_a_value_of_another_version_drops_every_other():
    page_cache_local.put(7, "a", page(1), 1000)
    page_cache_local.put(8, "b", page(2), 1000)
    assert page_cache_local.size()[0] == 1
    assert page_cache_local.get(7, "a") is None


def test_the_least_recently_used_go_first_when_the_bytes_run_out():
    for n, key in enumerate("abc"):
        page_cache_local.put(7, key, page(n), 1000)
    page_cache_local.get(7, "a")  # used: "b" is now the oldest
    page_cache_local.put(7, "d", page(4), 1000)
    assert page_cache_local.get(7, "b") is None
    assert all(page_cache_local.get(7, key) is not None for key in "acd")
    assert page_cache_local.size()[1] <= 3 * (page_cache_local.ENTRY_OVERHEAD_BYTES + 1000)


def test_the_number_of_entries_is_bounded_too(settings):
    settings.PAGE_CACHE_LOCAL_MAX_ENTRIES = 2
    for key in "abc":
        page_cache_local.put(7, key, page(1), 10)
    assert page_cache_local.size()[0] == 2


def test_a_value_larger_than_the_whole_tier_is_not_kept():
    page_cache_local.put(7, "big", page(1), 10_000)
    assert page_cache_local.get(7, "big") is None


def test_an_old_entry_is_read_afresh(settings):
    page_cache_local.put(7, "a", page(1), 1000)
    settings.PAGE_CACHE_LOCAL_SECONDS = -1
    assert page_cache_local.get(7, "a") is None
    assert page_cache_local.size() == (0, 0)


def test_zero_bytes_switches_it_off(settings):
    settings.PAGE_CACHE_LOCAL_MAX_BYTES = 0
    page_cache_local.put(7, "a", page(1), 1000)
    assert page_cache_local.get(7, "a") is None


def test_nothing_is_kept_or_served_under_an_unreadable_version():
    """Version 0 is what Redis down reads as: no publish could be seen while it lasts."""
    page_cache_local.put(0, "a", page(1), 1000)
    assert page_cache_local.size() == (0, 0)
    assert page_cache_local.get(0, "a") is None
