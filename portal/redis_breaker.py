"""A circuit breaker in front of Redis, so a frozen Redis costs a worker one timeout, not one per call.

The cache fails open (django-redis IGNORE_EXCEPTIONS): a Redis that does not answer makes every
cache call wait its socket timeout and then miss. A page makes several cache calls, so without a
breaker each page would wait several timeouts for as long as Redis stays frozen. After
FAILURE_THRESHOLD consecutive connection errors or timeouts the breaker opens: for
REDIS_CIRCUIT_BREAKER_SECONDS every call fails at once, without touching the network. Then calls
go through again; the first success closes the breaker, a failure opens it for another period.

The state is per connection pool, and django-redis keeps one pool per Redis URL per process, so
every thread of a worker shares it. Pipelines (set_many) bypass the breaker and are bounded by the
socket timeout alone.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from typing import Any

import redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

FAILURE_THRESHOLD = 2


class CacheCircuitOpen(RedisConnectionError):
    """Raised instead of calling Redis while the breaker is open; `reason` is what opened it."""

    def __init__(self, reason: str, seconds_left: float) -> None:
        super().__init__(f"Redis skipped for {seconds_left:.1f} s more after a {reason}")
        self.reason = reason


def failure_kind(error: BaseException) -> str:
    """How a Redis call failed, as /healthz reports it."""
    if isinstance(error, CacheCircuitOpen):
        return error.reason
    if isinstance(error, RedisTimeoutError):
        return "timeout"
    if isinstance(error, RedisConnectionError):
        return "unreachable"
    return "error"


class CircuitBreaker:
    def __init__(self, open_seconds: float, threshold: int = FAILURE_THRESHOLD) -> None:
        self.open_seconds = open_seconds
        self.threshold = threshold
        self._lock = threading.Lock()
        self._failures = 0
        self._open_until = 0.0
        self._reason = ""

    def before_call(self) -> None:
        with self._lock:
            left = self._open_until - time.monotonic()
            if left > 0:
                raise CacheCircuitOpen(self._reason, left)

    def record_success(self) -> None:
        with self._lock:
            if self._failures >= self.threshold:
                logger.warning("Redis answers again: cache calls resume")
            self._failures = 0
            self._open_until = 0.0

    def record_failure(self, error: BaseException) -> None:
        with self._lock:
            self._failures += 1
            if self._failures >= self.threshold and self.open_seconds > 0:
                self._reason = failure_kind(error)
                self._open_until = time.monotonic() + self.open_seconds
                logger.warning(
                    "Redis %s (%s): cache calls skipped for %.0f s", self._reason, error, self.open_seconds
                )

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._open_until > time.monotonic()


_breakers: weakref.WeakKeyDictionary[redis.ConnectionPool, CircuitBreaker] = weakref.WeakKeyDictionary()
_breakers_lock = threading.Lock()


def breaker_for(pool: redis.ConnectionPool, open_seconds: float) -> CircuitBreaker:
    with _breakers_lock:
        breaker = _breakers.get(pool)
        if breaker is None:
            breaker = _breakers[pool] = CircuitBreaker(open_seconds)
        return breaker


class CircuitBreakerRedis(redis.Redis):
    """redis.Redis whose commands go through the pool's breaker (django-redis REDIS_CLIENT_CLASS)."""

    def __init__(self, *args: Any, circuit_open_seconds: float = 5.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.breaker = breaker_for(self.connection_pool, circuit_open_seconds)

    def execute_command(self, *args: Any, **options: Any) -> Any:
        self.breaker.before_call()
        try:
            result = super().execute_command(*args, **options)
        except (RedisConnectionError, RedisTimeoutError) as error:
            self.breaker.record_failure(error)
            raise
        self.breaker.record_success()
        return result

    def probe(self) -> bool:
        """PING past an open breaker, for /healthz: it must report Redis as it is now, not as it
        was when the breaker opened. A success closes the breaker at once for the whole worker."""
        try:
            result = super().execute_command("PING")
        except (RedisConnectionError, RedisTimeoutError) as error:
            self.breaker.record_failure(error)
            raise
        self.breaker.record_success()
        return bool(result)


class SkipCircuitOpenRecords(logging.Filter):
    """django-redis logs every ignored exception with its traceback; while the breaker is open
    that would be every cache call. The breaker logs opening and closing once instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        while error is not None:
            if isinstance(error, CacheCircuitOpen):
                return False
            error = error.__cause__
        return True
