"""Counted page views on their way to Redis: each worker keeps them for a moment, then sends them
together, so a page view costs a dictionary increment rather than a round trip to Redis.

A page-cache hit takes two Redis round trips of its own; a third per view, for counting, measured
at around 5 % of a hit's cost, the most the issue allows. Instead each worker process adds its views
to a counter in memory, and a background thread of that worker sends them every
AUDIENCE_FLUSH_SECONDS (2) in one MULTI/EXEC of HINCRBYs: one round trip per worker every two
seconds, however busy the site. The same thread then, at most every FOLD_CHECK_SECONDS, tries to
take the minute's "fold scheduled" key (an atomic add) and, if it got it, enqueues the fold task:
nothing about scheduling runs on a request either.

What this trades: a worker killed outright (SIGKILL, out of memory) loses at most its last two
seconds of views; a worker stopping normally (gunicorn's max_requests, a deploy) sends them on the
way out (atexit). While Redis is down, or the circuit breaker skips it, what is sent is dropped,
never retried: counting must not queue up memory or wait on a dead server. AUDIENCE_FLUSH_SECONDS=0
sends every view at once instead (the tests do, so each request's count is there when it returns).
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import connections
from redis.exceptions import RedisError

from portal.audience_fold import PENDING_KEY, fold_audience_counts, redis_cache

logger = logging.getLogger(__name__)

FOLD_SCHEDULED_KEY = "audience:fold-scheduled"
FOLD_CHECK_SECONDS = 10.0


class _FoldSchedule:
    """How often this worker asks whether the fold is due: a monotonic clock, no shared state."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.next_check = 0.0

    def due(self) -> bool:
        now = time.monotonic()
        with self._lock:
            if now < self.next_check:
                return False
            self.next_check = now + FOLD_CHECK_SECONDS
            return True


fold_schedule = _FoldSchedule()


def send(counts: Counter[str]) -> None:
    """Add the counts to the pending hash in Redis; then enqueue the fold if it is this worker's turn."""
    backend = redis_cache()
    if backend is None or not counts:
        return
    client = backend.client.get_client(write=True)
    key = backend.make_key(PENDING_KEY)
    if len(counts) == 1:
        (field, count), *_ = counts.items()
        client.hincrby(key, field, count)  # one command: through the circuit breaker
    else:
        breaker = getattr(client, "breaker", None)
        if breaker is not None and breaker.is_open:
            return  # pipelines bypass the breaker: do not wait on a Redis known to be away
        pipeline = client.pipeline(transaction=True)
        for field, count in counts.items():
            pipeline.hincrby(key, field, count)
        pipeline.execute()
    if fold_schedule.due() and backend.add(FOLD_SCHEDULED_KEY, 1, settings.AUDIENCE_FOLD_SECONDS):
        fold_audience_counts.enqueue()


class ViewBuffer:
    """This worker's counted views not yet sent to Redis, and the thread that sends them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        # The process the sending thread runs in: gunicorn forks workers after loading the app.
        self._flusher_pid: int | None = None

    def add(self, field: str) -> None:
        if settings.AUDIENCE_FLUSH_SECONDS <= 0:
            send(Counter({field: 1}))
            return
        with self._lock:
            self._counts[field] += 1
            start = self._flusher_pid != os.getpid()
            if start:
                self._flusher_pid = os.getpid()
        if start:
            self._start_flusher()

    def take(self) -> Counter[str]:
        with self._lock:
            counts, self._counts = self._counts, Counter()
        return counts

    def flush(self) -> None:
        """Send what this worker has counted (the thread calls it; so does the worker's exit)."""
        counts = self.take()
        try:
            send(counts)
        except RedisError:
            pass  # Redis away or skipped by the breaker (which logs that once): these views are lost
        except Exception:
            logger.warning("%s counted page views were not sent to Redis", counts.total(), exc_info=True)

    def _start_flusher(self) -> None:
        threading.Thread(target=self._run, name="audience-flush", daemon=True).start()
        atexit.register(self.flush)

    def _run(self) -> None:
        while True:
            time.sleep(max(settings.AUDIENCE_FLUSH_SECONDS, 0.1))
            self.flush()
            # Enqueueing the fold may have opened a database connection in this thread, which no
            # request's end would ever close.
            connections.close_all()


buffer = ViewBuffer()
