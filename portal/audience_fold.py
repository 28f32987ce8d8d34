"""Moving the view counts from Redis into the daily counts in the database, exactly once.

Page views are counted in one Redis hash (portal/audience_counting.py), a field per day and page
("2026-12-01|career:42", or "2026-12-01|comparison:7:12,31,40" for a comparison of three courses
on the compare route of page 7). Every minute or so a fold (the django-tasks task below, which the
counting schedules itself, or ``manage.py fold_audience_counts``) moves them into
:class:`~portal.models.AudienceDailyCount` and :class:`~portal.models.ComparedPairDailyCount`:

1. RENAME the hash to a batch key of its own, listed in a set of batches. RENAME is atomic: a view
   counted a moment later starts a new hash, and two folds at once never take the same counts.
2. Read the batch, and in one transaction record the batch's token (:class:`~portal.models.AudienceFold`)
   and add its counts to the day's rows (an upsert that adds, never overwrites).
3. Delete the batch and take it off the list.

A fold that dies between 1 and 3 leaves its batch in Redis; a later fold takes batches older than
STALE_SECONDS too. If the dead fold had committed, its token is there and the batch is deleted
unread; if not, it is counted now. So no count is lost and none is counted twice.

Without Redis there is nothing to fold: each view is added to the database at once, with the
same upsert (:func:`add_counts`).
"""

from __future__ import annotations

import datetime
import logging
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

import redis
from django.core.cache import caches
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_redis.cache import RedisCache
from django_tasks import task
from wagtail.models import Page

from portal.models import AudienceDailyCount, AudienceFold, ComparedPairDailyCount

logger = logging.getLogger(__name__)

PENDING_KEY = "audience:pending"
BATCH_KEY = "audience:folding"
# The tokens of the batches taken and not yet folded: a set, so no fold has to scan the keyspace.
BATCHES_KEY = "audience:batches"
# A batch this old belongs to a fold that died (a fold takes well under a second).
STALE_SECONDS = 120
TOKENS_KEPT = datetime.timedelta(days=1)
KINDS = frozenset(AudienceDailyCount.Kind.values)

Views = Counter[tuple[datetime.date, str, int]]
Pairs = Counter[tuple[datetime.date, int, int]]


@dataclass(frozen=True)
class FoldResult:
    batches: int = 0
    views: int = 0

    def __str__(self) -> str:
        if not self.batches:
            return "nothing to fold"
        views = f"{self.views} view{'s' if self.views != 1 else ''}"
        return f"{views} from {self.batches} batch{'es' if self.batches != 1 else ''}"


def redis_cache() -> RedisCache | None:
    """The default cache when it is Redis (where views are counted), else None."""
    backend = caches["default"]
    return backend if isinstance(backend, RedisCache) else None


def field_name(day: datetime.date, signal: str) -> str:
    return f"{day.isoformat()}|{signal}"


def tally(fields: dict[str, int]) -> tuple[Views, Pairs]:
    """Counted fields as page views per day and course pairs per day; malformed fields are skipped."""
    views: Views = Counter()
    pairs: Pairs = Counter()
    for name, count in fields.items():
        try:
            day_text, signal = name.split("|", 1)
            day = datetime.date.fromisoformat(day_text)
            kind, page_text, *rest = signal.split(":")
            page_id = int(page_text)
            courses = sorted({int(part) for part in rest[0].split(",")}) if rest else []
        except ValueError:
            logger.warning("Audience count %r skipped: not a field this code writes", name[:120])
            continue
        if kind not in KINDS or count <= 0:
            continue
        views[(day, kind, page_id)] += count
        for first, second in combinations(courses, 2):
            pairs[(day, first, second)] += count
    return views, pairs


def add_counts(views: Views, pairs: Pairs) -> int:
    """Add the counts to the daily rows: one upsert per table that adds to what is there.

    Pages deleted since they were counted are left out. Returns the views added.
    """
    page_ids = {page_id for _, _, page_id in views} | {pk for _, a, b in pairs for pk in (a, b)}
    if not page_ids:
        return 0
    existing = set(Page.objects.filter(pk__in=page_ids).values_list("pk", flat=True))
    view_rows = [(day, kind, pk, n) for (day, kind, pk), n in views.items() if pk in existing]
    pair_rows = [(day, a, b, n) for (day, a, b), n in pairs.items() if a in existing and b in existing]
    with connection.cursor() as cursor:
        if view_rows:
            cursor.executemany(_upsert(AudienceDailyCount, ("day", "kind", "page_id")), view_rows)
        if pair_rows:
            cursor.executemany(_upsert(ComparedPairDailyCount, ("day", "first_id", "second_id")), pair_rows)
    return sum(row[3] for row in view_rows)


def _upsert(model: type, key: tuple[str, ...]) -> str:
    # Django's bulk_create(update_conflicts=True) can only overwrite a count, not add to it;
    # ON CONFLICT ... DO UPDATE is the same on PostgreSQL and SQLite (3.24+).
    quote = connection.ops.quote_name
    table, count = quote(model._meta.db_table), quote("count")
    columns = ", ".join(quote(name) for name in (*key, "count"))
    # Every name comes from the model and is quoted; the values are parameters.
    return (
        f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s) "  # noqa: S608
        f"ON CONFLICT ({', '.join(quote(name) for name in key)}) "
        f"DO UPDATE SET {count} = {table}.{count} + EXCLUDED.{count}"
    )


def fold_pending() -> FoldResult:
    """Move every count waiting in Redis into the database (see the module docstring)."""
    backend = redis_cache()
    if backend is None:
        return FoldResult()
    client = backend.client.get_client(write=True)
    batches_key = backend.make_key(BATCHES_KEY)
    token = f"{int(time.time())}:{uuid.uuid4().hex}"
    # Listed before the RENAME, so a fold dying between the two leaves a batch a later fold finds
    # (listing a batch that never came to be costs nothing: it reads as empty).
    client.sadd(batches_key, token)
    tokens = [token]
    try:
        client.rename(backend.make_key(PENDING_KEY), backend.make_key(f"{BATCH_KEY}:{token}"))
    except redis.ResponseError:  # no such key: nothing was counted since the last fold
        client.srem(batches_key, token)
        tokens = []
    for raw in client.smembers(batches_key):
        listed = raw.decode() if isinstance(raw, bytes) else raw
        started = listed.split(":", 1)[0]
        if listed != token and started.isdigit() and time.time() - int(started) > STALE_SECONDS:
            tokens.append(listed)
    views = 0
    for batch in tokens:
        added = _fold_batch(client, backend.make_key(f"{BATCH_KEY}:{batch}"), batch)
        if added is not None:
            client.srem(batches_key, batch)
            views += added
    if tokens:
        AudienceFold.objects.filter(folded_at__lt=timezone.now() - TOKENS_KEPT).delete()
    return FoldResult(batches=len(tokens), views=views)


def _fold_batch(client: redis.Redis, key: str, token: str) -> int | None:
    """The views a batch added, 0 if an earlier fold had added them, None if it must wait."""
    fields = {
        (name.decode() if isinstance(name, bytes) else name): int(value)
        for name, value in client.hgetall(key).items()
    }
    try:
        with transaction.atomic():
            AudienceFold.objects.create(token=token)
            added = add_counts(*tally(fields))
    except IntegrityError:
        if not AudienceFold.objects.filter(token=token).exists():
            # A page was deleted mid-fold: the batch stays and a later fold counts the rest.
            logger.warning("Audience batch %s not folded yet: a counted page vanished", token)
            return None
        added = 0  # an earlier fold committed it and died before deleting it
    client.delete(key)
    return added


@task()
def fold_audience_counts() -> str:
    """The scheduled fold: portal/audience_counting.py enqueues it about once a minute."""
    return str(fold_pending())
