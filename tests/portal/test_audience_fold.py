"""The fold: counts move from Redis into the daily rows exactly once, whatever happens meanwhile."""

from __future__ import annotations

import datetime
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from careers.factories import CareerPageFactory
from portal import audience_fold
from portal.audience_counting import pending_counts, record
from portal.audience_fold import (
    BATCH_KEY,
    BATCHES_KEY,
    PENDING_KEY,
    STALE_SECONDS,
    add_counts,
    fold_audience_counts,
    fold_pending,
    tally,
)
from portal.models import AudienceDailyCount, AudienceFold, ComparedPairDailyCount

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 30)


@pytest.fixture
def careers(career_index):
    return [CareerPageFactory(parent=career_index) for _ in range(3)]


def daily(kind: str = "career") -> dict[int, int]:
    return dict(AudienceDailyCount.objects.filter(kind=kind).values_list("page_id", "count"))


def put_batch(backend, started: float, fields: dict[str, int]) -> str:
    """A batch left in Redis by a fold that started at `started` and never finished."""
    token = f"{int(started)}:deadbeef"
    client = backend.client.get_client(write=True)
    client.hset(backend.make_key(f"{BATCH_KEY}:{token}"), mapping=fields)
    client.sadd(backend.make_key(BATCHES_KEY), token)
    return token


def listed_batches(backend) -> set[bytes]:
    return backend.client.get_client(write=True).smembers(backend.make_key(BATCHES_KEY))


def test_tally_turns_fields_into_daily_views_and_course_pairs_and_skips_the_malformed():
    views, pairs = tally(
        {
            "2026-11-30|career:5": 3,
            "2026-11-30|comparison:2:9,7,8": 2,
            "2026-11-30|career:5:": 1,  # an empty course list
            "2026-13-01|career:5": 1,
            "2026-11-30|rocket:5": 1,
            "2026-11-30|career:x": 1,
            "no bar at all": 1,
        }
    )
    assert views == {(DAY, "career", 5): 3, (DAY, "comparison", 2): 2}
    assert pairs == {(DAY, 7, 8): 2, (DAY, 7, 9): 2, (DAY, 8, 9): 2}


def test_adding_counts_adds_to_what_is_there_and_leaves_out_deleted_pages(careers):
    first, second, _ = careers
    views = {(DAY, "career", first.pk): 2, (DAY, "career", 999_999): 4}
    assert add_counts(views, {}) == 2
    assert add_counts({(DAY, "career", first.pk): 3}, {(DAY, first.pk, second.pk): 1}) == 3
    assert daily() == {first.pk: 5}
    assert list(ComparedPairDailyCount.objects.values_list("count", flat=True)) == [1]


def test_a_second_fold_finds_nothing_and_counts_nothing_twice(careers, audience_redis):
    for _ in range(4):
        record(f"career:{careers[0].pk}")
    assert str(fold_pending()) == "4 views from 1 batch"
    assert str(fold_pending()) == "nothing to fold"
    assert daily() == {careers[0].pk: 4}
    assert listed_batches(audience_redis) == set()


def test_views_counted_while_a_fold_runs_wait_for_the_next_fold(careers, audience_redis, monkeypatch):
    real_add_counts = audience_fold.add_counts

    def add_counts_while_visitors_keep_coming(views, pairs):
        for _ in range(5):
            record(f"career:{careers[1].pk}")
        return real_add_counts(views, pairs)

    record(f"career:{careers[0].pk}")
    monkeypatch.setattr(audience_fold, "add_counts", add_counts_while_visitors_keep_coming)
    fold_pending()
    assert daily() == {careers[0].pk: 1}
    assert sum(pending_counts().values()) == 5

    monkeypatch.setattr(audience_fold, "add_counts", real_add_counts)
    fold_pending()
    assert daily() == {careers[0].pk: 1, careers[1].pk: 5}


def test_a_batch_left_by_a_fold_that_died_is_counted_once(careers, audience_redis):
    long_ago = time.time() - STALE_SECONDS - 5
    committed = put_batch(audience_redis, long_ago, {f"2026-11-30|career:{careers[0].pk}": 7})
    AudienceFold.objects.create(token=committed)  # it committed, then died before deleting
    assert str(fold_pending()) == "0 views from 1 batch"

    put_batch(audience_redis, long_ago + 1, {f"2026-11-30|career:{careers[1].pk}": 3})
    assert str(fold_pending()) == "3 views from 1 batch"
    assert daily() == {careers[1].pk: 3}
    client = audience_redis.client.get_client(write=True)
    assert not list(client.scan_iter(match=audience_redis.make_key(f"{BATCH_KEY}:*")))
    assert listed_batches(audience_redis) == set()


def test_a_batch_listed_by_a_fold_that_died_before_taking_it_costs_nothing(careers, audience_redis):
    ghost = f"{int(time.time() - STALE_SECONDS - 5)}:ghost"
    audience_redis.client.get_client(write=True).sadd(audience_redis.make_key(BATCHES_KEY), ghost)
    record(f"career:{careers[0].pk}")
    assert str(fold_pending()) == "1 view from 2 batches"
    assert daily() == {careers[0].pk: 1} and listed_batches(audience_redis) == set()


def test_a_batch_of_a_fold_still_running_is_left_to_it(careers, audience_redis):
    put_batch(audience_redis, time.time(), {f"2026-11-30|career:{careers[0].pk}": 2})
    assert str(fold_pending()) == "nothing to fold"
    assert daily() == {}


def test_a_batch_whose_page_vanished_mid_fold_stays_for_a_later_fold(careers, audience_redis, monkeypatch):
    record(f"career:{careers[0].pk}")

    def vanished(views, pairs):
        raise IntegrityError("foreign key")

    monkeypatch.setattr(audience_fold, "add_counts", vanished)
    assert str(fold_pending()) == "0 views from 1 batch"
    assert not AudienceFold.objects.exists()
    client = audience_redis.client.get_client(write=True)
    assert len(list(client.scan_iter(match=audience_redis.make_key(f"{BATCH_KEY}:*")))) == 1
    assert len(listed_batches(audience_redis)) == 1


def test_old_fold_tokens_are_pruned(careers, audience_redis):
    old = AudienceFold.objects.create(token="1:old")
    AudienceFold.objects.filter(pk=old.pk).update(folded_at=old.folded_at - datetime.timedelta(days=2))
    record(f"career:{careers[0].pk}")
    fold_pending()
    assert not AudienceFold.objects.filter(token="1:old").exists()
    assert AudienceFold.objects.count() == 1


def test_the_fold_task_and_command_fold_and_say_what_they_did(careers, audience_redis):
    record(f"career:{careers[0].pk}")
    assert fold_audience_counts.enqueue().return_value == "1 view from 1 batch"
    record(f"career:{careers[0].pk}")
    out = StringIO()
    call_command("fold_audience_counts", stdout=out)
    assert out.getvalue().strip() == "Folded 1 view from 1 batch."
    assert daily() == {careers[0].pk: 2}
    pending = audience_redis.client.get_client(write=True).exists(audience_redis.make_key(PENDING_KEY))
    assert not pending


def test_the_command_without_redis_explains_there_is_nothing_to_fold(db):
    out = StringIO()
    call_command("fold_audience_counts", stdout=out)
    assert "without Redis" in out.getvalue()
