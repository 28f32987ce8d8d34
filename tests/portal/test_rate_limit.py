"""The per-address limit on anonymous sends: counted per address and scope, and failing open."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from portal.rate_limit import RateLimit


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _request(address: str):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_an_address_is_refused_after_its_limit_and_another_address_is_not():
    limit = RateLimit("test", limit=3, window_seconds=600)

    assert [limit.allow(_request("203.0.113.5")) for _ in range(4)] == [True, True, True, False]
    assert limit.allow(_request("203.0.113.6"))
    assert RateLimit("other", limit=3, window_seconds=600).allow(_request("203.0.113.5")), (
        "scopes count apart"
    )


def test_the_cache_key_never_holds_the_address():
    limit = RateLimit("test", limit=3, window_seconds=600)
    key = limit._key(_request("203.0.113.5"), 0)
    assert "203.0.113.5" not in key and key.startswith("rate:test:")


def test_a_new_window_starts_a_new_count():
    limit = RateLimit("test", limit=1, window_seconds=60)
    with mock.patch("portal.rate_limit.time.time", return_value=1_000.0):
        assert limit.allow(_request("203.0.113.5"))
        assert not limit.allow(_request("203.0.113.5"))
    with mock.patch("portal.rate_limit.time.time", return_value=1_060.0):
        assert limit.allow(_request("203.0.113.5"))


def test_a_broken_cache_lets_the_send_through():
    limit = RateLimit("test", limit=1, window_seconds=60)
    with mock.patch("portal.rate_limit.cache.incr", side_effect=ConnectionError("down")):
        assert limit.allow(_request("203.0.113.5"))
        assert limit.allow(_request("203.0.113.5"))


def test_the_wait_is_said_in_minutes():
    assert RateLimit("x", 1, 3600).wait_text == "60 minutes"
    assert RateLimit("x", 1, 60).wait_text == "1 minute"
