"""Counting views of careers, courses and comparisons: on rendered pages and page-cache hits alike,
only for anonymous browsers, without a database write per view where Redis is there."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone
from redis.exceptions import TimeoutError as RedisTimeoutError

from careers.factories import CareerPageFactory
from courses.factories import CoursePageFactory
from portal import audience_buffer, audience_counting
from portal.audience_counting import pending_counts
from portal.audience_fold import fold_pending
from portal.audience_signal import SIGNAL_HEADER
from portal.models import AudienceDailyCount, ComparedPairDailyCount
from tests.portal.conftest import BROWSER_UA

pytestmark = pytest.mark.django_db

CAREER = "/careers/data-analyst/"


@pytest.fixture
def pages(career_index, course_index):
    career = CareerPageFactory(parent=career_index, title="Data Analyst", slug="data-analyst")
    courses = [
        CoursePageFactory(parent=course_index, title=title, slug=slug, careers=[career])
        for title, slug in (("SQL Basics", "sql"), ("Python for Data", "python"), ("Statistics", "stats"))
    ]
    return {"career": career, "courses": courses, "index": course_index}


def views(kind: str) -> dict[int, int]:
    rows = AudienceDailyCount.objects.filter(kind=kind, day=timezone.localdate())
    return {row.page_id: row.count for row in rows}


def pairs() -> dict[tuple[int, int], int]:
    return {(row.first_id, row.second_id): row.count for row in ComparedPairDailyCount.objects.all()}


# --------------------------------------------------------------------------- without Redis


@pytest.mark.usefixtures("counting_on")
def test_each_rendered_view_of_a_career_or_course_is_counted_for_today(visitor, pages):
    assert visitor.get(CAREER).status_code == 200
    visitor.get(CAREER)
    visitor.get("/courses/sql/")
    assert views("career") == {pages["career"].pk: 2}
    assert views("course") == {pages["courses"][0].pk: 1}


@pytest.mark.usefixtures("counting_on", "page_cache_on")
def test_page_cache_hits_are_counted_and_never_show_the_mark(visitor, pages):
    first, second, third = (visitor.get(CAREER) for _ in range(3))
    assert (first["X-Page-Cache"], second["X-Page-Cache"], third["X-Page-Cache"]) == ("miss", "hit", "hit")
    assert views("career") == {pages["career"].pk: 3}
    assert all(SIGNAL_HEADER not in response for response in (first, second, third))


@pytest.mark.usefixtures("counting_on")
def test_only_anonymous_browsers_reading_a_page_are_counted(visitor, pages, editor, settings):
    bots = ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "HeadlessChrome/120", ""]
    for user_agent in bots:
        Client(headers={"User-Agent": user_agent}).get(CAREER)
    visitor.head(CAREER)
    visitor.get(CAREER, headers={"Sec-Purpose": "prefetch"})
    visitor.get("/careers/no-such-career/")
    signed_in = Client(headers={"User-Agent": BROWSER_UA})
    signed_in.force_login(editor)
    assert signed_in.get(CAREER).status_code == 200
    assert views("career") == {}

    settings.AUDIENCE_COUNTING_ENABLED = False
    response = visitor.get(CAREER)
    assert views("career") == {} and SIGNAL_HEADER not in response


@pytest.mark.usefixtures("counting_on")
def test_a_comparison_started_counts_once_with_every_pair_it_compares(visitor, pages):
    sql, python, stats = (course.pk for course in pages["courses"])
    visitor.get("/courses/compare/?courses=stats,sql,python")
    assert views("comparison") == {pages["index"].pk: 1}
    assert pairs() == {(sql, python): 1, (sql, stats): 1, (python, stats): 1}

    # Changing the view of the same comparison is not a new one; fewer than two courses is none.
    visitor.get(
        "/courses/compare/?courses=sql,python&only_differences=1",
        headers={"Referer": "http://testserver/courses/compare/?courses=stats,sql,python"},
    )
    visitor.get("/courses/compare/?courses=sql")
    visitor.get("/courses/compare/csv/?courses=sql,python")
    assert views("comparison") == {pages["index"].pk: 1}

    visitor.get("/courses/compare/?courses=sql,python", headers={"Referer": "https://elsewhere.example/"})
    assert pairs()[(sql, python)] == 2


@pytest.mark.usefixtures("counting_on")
def test_a_database_failure_while_counting_still_serves_the_page(visitor, pages, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database away")

    monkeypatch.setattr(audience_counting, "add_counts", broken)
    assert visitor.get(CAREER).status_code == 200
    assert "A page view was not counted" in caplog.text


# --------------------------------------------------------------------------- with Redis


@pytest.mark.usefixtures("page_cache_on")
def test_with_redis_views_wait_in_redis_until_the_fold_moves_them(visitor, pages, audience_redis):
    visitor.get(CAREER)
    assert visitor.get(CAREER)["X-Page-Cache"] == "hit"
    visitor.get("/courses/compare/?courses=sql,python")
    today = timezone.localdate().isoformat()
    sql, python = pages["courses"][0].pk, pages["courses"][1].pk
    assert pending_counts() == {
        f"{today}|career:{pages['career'].pk}": 2,
        f"{today}|comparison:{pages['index'].pk}:{sql},{python}": 1,
    }
    assert not AudienceDailyCount.objects.exists()

    assert str(fold_pending()) == "3 views from 1 batch"
    assert views("career") == {pages["career"].pk: 2}
    assert pairs() == {(sql, python): 1}
    assert pending_counts() == {}


@pytest.mark.usefixtures("page_cache_on")
def test_a_cached_career_page_hit_makes_no_database_query_while_counting(
    visitor, pages, audience_redis, django_assert_num_queries
):
    visitor.get(CAREER)
    with django_assert_num_queries(0):
        hit = visitor.get(CAREER)
    assert hit["X-Page-Cache"] == "hit"
    assert sum(pending_counts().values()) == 2


def test_the_first_counted_view_of_a_minute_schedules_the_fold(visitor, pages, audience_redis):
    audience_buffer.fold_schedule.next_check = 0.0
    visitor.get(CAREER)  # the test settings run tasks at once: the fold runs in this request
    assert views("career") == {pages["career"].pk: 1}
    assert audience_redis.get(audience_buffer.FOLD_SCHEDULED_KEY) == 1

    audience_buffer.fold_schedule.next_check = 0.0
    visitor.get(CAREER)  # scheduled a moment ago: this one waits in Redis for the next fold
    assert views("career") == {pages["career"].pk: 1}
    assert sum(pending_counts().values()) == 1


def test_with_redis_switched_off_by_the_breaker_pages_are_served_and_not_counted(
    visitor, pages, audience_redis
):
    breaker = caches["default"].client.get_client(write=True).breaker
    for _ in range(2):
        breaker.record_failure(RedisTimeoutError())
    assert breaker.is_open
    try:
        assert visitor.get(CAREER).status_code == 200
        assert not AudienceDailyCount.objects.exists()
    finally:
        breaker.record_success()
    assert pending_counts() == {}


@pytest.mark.usefixtures("page_cache_on")
def test_a_worker_keeps_its_views_in_memory_and_sends_them_together(
    visitor, pages, audience_redis, settings, monkeypatch, django_assert_num_queries
):
    settings.AUDIENCE_FLUSH_SECONDS = 2
    started = []
    monkeypatch.setattr(audience_buffer.ViewBuffer, "_start_flusher", lambda self: started.append(True))
    monkeypatch.setattr(audience_buffer, "buffer", audience_buffer.ViewBuffer())
    monkeypatch.setattr(audience_counting, "buffer", audience_buffer.buffer)
    visitor.get(CAREER)
    with django_assert_num_queries(0):
        visitor.get(CAREER)
    visitor.get("/courses/sql/")
    assert pending_counts() == {} and started == [True]  # one sending thread per worker process

    audience_buffer.buffer.flush()
    today = timezone.localdate().isoformat()
    assert pending_counts() == {
        f"{today}|career:{pages['career'].pk}": 2,
        f"{today}|course:{pages['courses'][0].pk}": 1,
    }


def test_views_sent_while_the_breaker_is_open_are_dropped_at_once(visitor, pages, audience_redis):
    breaker = caches["default"].client.get_client(write=True).breaker
    for _ in range(2):
        breaker.record_failure(RedisTimeoutError())
    try:
        audience_buffer.send(Counter({"2026-11-30|career:1": 2, "2026-11-30|course:2": 1}))
    finally:
        breaker.record_success()
    assert pending_counts() == {}
