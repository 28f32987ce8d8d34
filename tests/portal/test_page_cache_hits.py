"""How a page-cache hit is served: early and with one small cache read for visitors without a session
cookie, after authentication for those with one, never to a signed-in user or with a message; from
the process's memory while the content version in the shared cache is the one it was kept under."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import QueryDict
from django.test import Client
from django.utils import timezone

from careers.factories import CareerIndexPageFactory, CareerPageFactory, SectorFactory
from portal import content_version, page_cache, page_cache_local
from portal.models import AudienceDailyCount
from tests.conftest import PASSWORD

# Every test here runs with the page cache on (tests/portal/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

HIT = page_cache.HIT_HEADER
CAREER = "/careers/ai-specialist/"


@pytest.fixture
def career(home_page):
    index = CareerIndexPageFactory(parent=home_page)
    sector = SectorFactory(name="Data and AI", slug="data-and-ai")
    return CareerPageFactory(parent=index, title="AI Specialist", slug="ai-specialist", sector=sector)


@pytest.fixture
def cache_reads(monkeypatch):
    """Every read of the default cache, by method, as the page cache makes them (a round trip
    each with Redis; the local-memory cache's get_many calls get itself, which is not counted)."""
    reads: list[str] = []
    depth = [0]
    backend = caches["default"]
    for name in ("get", "get_many"):
        original = getattr(backend, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            if not depth[0]:
                reads.append(_name)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(backend, name, counted)
    return reads


def test_a_hit_this_process_served_before_reads_only_the_content_version(client, career, cache_reads):
    for url in (CAREER, "/careers/?sector=data-and-ai", "/careers/?q=&sector=data-and-ai&letter="):
        assert client.get(url)[HIT] == "miss"
        cache_reads.clear()
        assert client.get(url)[HIT] == "hit"
        assert cache_reads == ["get"], url


def test_a_hit_on_a_page_another_process_stored_costs_one_more_read_then_none(client, career, cache_reads):
    for url, reads in ((CAREER, ["get", "get"]), ("/careers/?sector=data-and-ai", ["get", "get_many"])):
        assert client.get(url)[HIT] == "miss"
        page_cache_local.clear()  # as in another worker, which only shares Redis
        cache_reads.clear()
        assert client.get(url)[HIT] == "hit"
        assert cache_reads == reads, url
        cache_reads.clear()
        assert client.get(url)[HIT] == "hit"
        assert cache_reads == ["get"], url


def test_a_query_string_with_a_parameter_the_page_does_not_read_costs_a_second_read(
    client, career, cache_reads
):
    client.get("/careers/?sector=data-and-ai")
    page_cache_local.clear()
    cache_reads.clear()
    response = client.get("/careers/?utm_source=x&sector=data-and-ai")
    assert response[HIT] == "hit"
    assert cache_reads == ["get", "get_many", "get"]
    cache_reads.clear()
    assert client.get("/careers/?utm_source=y&sector=data-and-ai")[HIT] == "hit"
    assert cache_reads == ["get"]


def test_a_page_kept_in_memory_is_never_served_once_another_process_moved_the_version(client, career):
    """Another worker publishes and renders the new page: this one must serve that, not its copy."""
    first = client.get(CAREER)
    assert client.get(CAREER)[HIT] == "hit"
    assert page_cache_local.size()[0] >= 1
    key = page_cache._page_key(f"http://testserver{CAREER}", "", "")
    version = caches["default"].incr(content_version.VERSION_KEY)  # what a publish elsewhere does
    caches["default"].set(key, (version, 200, (("Content-Type", "text/html"),), b"published elsewhere"))
    response = client.get(CAREER)
    assert response[HIT] == "hit"
    assert response.content == b"published elsewhere"
    caches["default"].incr(content_version.VERSION_KEY)  # and again, with nothing stored yet
    response = client.get(CAREER)
    assert response[HIT] == "miss"
    assert response.content == first.content


def test_a_page_kept_in_memory_is_never_served_once_the_version_key_is_lost(client, career):
    """Redis restarted or evicted the version: the clock-based new one matches nothing kept."""
    client.get(CAREER)
    assert client.get(CAREER)[HIT] == "hit"
    caches["default"].delete(content_version.VERSION_KEY)
    assert client.get(CAREER)[HIT] == "miss"


def test_an_entry_of_an_older_content_version_is_never_served(client, career):
    client.get(CAREER)
    assert client.get(CAREER)[HIT] == "hit"
    content_version.invalidate()  # as any publish does, from any process sharing the cache
    assert client.get(CAREER)[HIT] == "miss"
    assert client.get(CAREER)[HIT] == "hit"


def test_a_hit_without_a_session_cookie_touches_neither_the_session_nor_the_user(
    client, career, django_assert_num_queries, monkeypatch
):
    from django.contrib.auth import middleware as auth_middleware
    from django.contrib.sessions import middleware as session_middleware

    client.get(CAREER)

    def forbidden(*args, **kwargs):
        raise AssertionError("a hit without a session cookie reached the session or authentication")

    monkeypatch.setattr(session_middleware.SessionMiddleware, "process_request", forbidden)
    monkeypatch.setattr(auth_middleware.AuthenticationMiddleware, "process_request", forbidden)
    with django_assert_num_queries(0):
        assert client.get(CAREER)[HIT] == "hit"


def test_an_anonymous_visitor_with_a_session_cookie_is_served_after_authentication(client, career):
    first = client.get(CAREER)
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"  # expired or signed out
    response = client.get(CAREER)
    assert response[HIT] == "hit"
    assert response.content == first.content
    assert "wagtail-userbar" not in response.content.decode()


def test_a_signed_in_user_is_never_served_nor_stores_a_page(client, superuser, career):
    client.post("/admin/login/", {"username": superuser.username, "password": PASSWORD})
    assert settings.SESSION_COOKIE_NAME in client.cookies
    signed_in = client.get(CAREER)
    assert HIT not in signed_in
    assert "wagtail-userbar" in signed_in.content.decode()

    anonymous = Client()
    first = anonymous.get(CAREER)
    assert first[HIT] == "miss", "the signed-in user's page was stored"
    assert "wagtail-userbar" not in first.content.decode()
    assert anonymous.get(CAREER)[HIT] == "hit"

    again = client.get(CAREER)
    assert HIT not in again, "a signed-in user was served the stored page of another visitor"
    assert "wagtail-userbar" in again.content.decode()


def test_a_visitor_with_a_pending_message_is_never_served_from_nor_stored_in_the_cache(client, career):
    client.get(CAREER)
    client.cookies[CookieStorage.cookie_name] = "pending"
    response = client.get(CAREER)
    assert HIT not in response
    del client.cookies[CookieStorage.cookie_name]
    assert client.get(CAREER)[HIT] == "hit"


def test_hits_for_both_kinds_of_visitor_carry_the_headers_of_the_render(client, career):
    first = client.get(CAREER)
    without_cookie = client.get(CAREER)
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    with_cookie = client.get(CAREER)
    assert (first[HIT], without_cookie[HIT], with_cookie[HIT]) == ("miss", "hit", "hit")

    def headers(response) -> dict[str, str]:
        return {name: value for name, value in response.items() if name != HIT}

    assert headers(without_cookie) == headers(first)
    assert headers(with_cookie) == headers(first)
    assert first["X-Frame-Options"] == "DENY"


@pytest.mark.usefixtures("counting_on")
def test_hits_are_counted_for_visitors_with_and_without_a_session_cookie(visitor, career):
    visitor.get(CAREER)  # rendered and stored
    assert visitor.get(CAREER)[HIT] == "hit"  # served before authentication
    visitor.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    assert visitor.get(CAREER)[HIT] == "hit"  # served after it
    counted = AudienceDailyCount.objects.get(kind="career", page_id=career.pk, day=timezone.localdate())
    assert counted.count == 3


def test_only_immutable_plain_data_is_kept_in_process_memory(client, career):
    for url in (CAREER, "/careers/?sector=data-and-ai"):
        client.get(url)
        client.get(url)

    def plain(value) -> bool:
        if isinstance(value, tuple):
            return all(plain(each) for each in value)
        return isinstance(value, str | bytes | int | float)

    kept = list(page_cache_local._entries.items())
    assert len(kept) == 4  # two pages and their query entries
    assert all(plain(key) and plain(value) for key, value in kept)


def test_a_page_is_kept_as_sent_and_a_hit_is_not_compressed_again(client, career, monkeypatch):
    import gzip

    from django.middleware import gzip as gzip_middleware

    compressed = [0]
    original = gzip_middleware.compress_string

    def counted(*args, **kwargs):
        compressed[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(gzip_middleware, "compress_string", counted)
    browser = {"accept-encoding": "gzip, deflate, br, zstd"}
    render = client.get(CAREER, headers=browser)
    assert (render[HIT], render["Content-Encoding"], compressed[0]) == ("miss", "gzip", 1)
    for _ in range(3):
        hit = client.get(CAREER, headers=browser)
        assert (hit[HIT], hit["Content-Encoding"]) == ("hit", "gzip")
        # The very bytes of the render: gzip's padding against BREACH differs on every compression.
        assert hit.content == render.content
        assert hit["Content-Length"] == str(len(render.content))
    assert compressed[0] == 1
    assert "AI Specialist" in gzip.decompress(hit.content).decode()


def test_each_encoding_is_kept_apart(client, career):
    browser = {"accept-encoding": "gzip"}
    assert client.get(CAREER, headers=browser)[HIT] == "miss"
    # A script asking for no encoding is neither served the gzip copy nor made to share it.
    plain = client.get(CAREER)
    assert plain[HIT] == "miss" and "Content-Encoding" not in plain
    assert "AI Specialist" in plain.content.decode()
    assert "Accept-Encoding" in plain["Vary"]
    assert client.get(CAREER)[HIT] == "hit"
    again = client.get(CAREER, headers=browser)
    assert (again[HIT], again["Content-Encoding"]) == ("hit", "gzip")
    # With a session cookie the hit is served after GZipMiddleware, which leaves the stored copy be.
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    late = client.get(CAREER, headers=browser)
    assert (late[HIT], late["Content-Encoding"], late.content) == ("hit", "gzip", again.content)


@pytest.mark.urls("tests.portal.query_echo_urls")
@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("q=a%2Bb", "q=a+b"),  # "a+b", then "a b"
        ("q=100%25", "q=100%2525"),  # "100%", then "100%25"
        ("q=x%3Dy", "q=x=y"),  # the same value: one page
        ("q=%26", "q=&"),  # "&", then ""
    ],
)
def test_a_hit_is_the_page_of_the_values_the_visitor_gave(client, first, then):
    """A query string written as another's key is served from memory without being parsed: only
    sound because a key query always parses back to the values it was made from."""
    assert client.get(f"/echo/?{first}")[HIT] == "miss"
    assert client.get(f"/echo/?{first}")[HIT] == "hit"
    response = client.get(f"/echo/?{then}")
    assert response.content.decode() == f"q is {QueryDict(then).get('q')!r}"
    same_value = QueryDict(first).get("q") == QueryDict(then).get("q")
    assert response[HIT] == ("hit" if same_value else "miss")
