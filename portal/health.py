"""What /healthz checks: the database and, when the cache is Redis, the cache, each within a bound.

A load balancer polls this to take an app server out of rotation, so it must answer quickly even
when a dependency accepts connections and never replies.
"""

from __future__ import annotations

import threading

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, OperationalError, connections
from django_redis.cache import RedisCache
from redis.exceptions import RedisError

from portal.redis_breaker import failure_kind

DATABASE_PROBE_SECONDS = 1.0


class _DatabaseProbe:
    """SELECT 1 on a fresh connection in a thread of its own, waited for at most a second.

    A fresh connection, because a persistent one held by a request thread may be the very thing
    that hangs; its own thread, because psycopg's connect timeout is at least 2 s and a query on a
    frozen server has none. A probe that outlives its wait finishes (or fails at
    DATABASE_CONNECT_TIMEOUT) in the background; until it does, later checks report a timeout at
    once rather than start another, so a frozen database costs at most one thread per process.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: threading.Thread | None = None

    def status(self, alias: str, timeout: float) -> str:
        outcome: list[str] = []
        with self._lock:
            if self._running is not None and self._running.is_alive():
                return "timeout"
            thread = threading.Thread(target=self._probe, args=(alias, outcome), daemon=True)
            self._running = thread
            thread.start()
        thread.join(timeout)
        return outcome[0] if outcome else "timeout"

    def wait(self, timeout: float) -> None:
        """Until a probe still running in the background has finished (tests)."""
        if self._running is not None:
            self._running.join(timeout)

    @staticmethod
    def _probe(alias: str, outcome: list[str]) -> None:
        connection = connections.create_connection(alias)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            outcome.append("ok")
        except OperationalError:
            outcome.append("unreachable")
        except DatabaseError:
            outcome.append("error")
        finally:
            connection.close()


database_probe = _DatabaseProbe()


def database_status(alias: str = DEFAULT_DB_ALIAS, timeout: float = DATABASE_PROBE_SECONDS) -> str:
    """One of ok, timeout, unreachable (refused, or the server said no) or error."""
    return database_probe.status(alias, timeout)


def cache_status(alias: str = "default") -> str | None:
    """A real PING when the cache is Redis (None otherwise), bounded by its socket timeouts.

    Not a cache.get(): with IGNORE_EXCEPTIONS that answers None whether Redis is there or not.
    """
    cache = caches[alias]
    if not isinstance(cache, RedisCache):
        return None
    try:
        client = cache.client.get_client(write=True)
        # CircuitBreakerRedis.probe goes past an open breaker; a plain client only has ping.
        getattr(client, "probe", client.ping)()
    except RedisError as error:
        return failure_kind(error)
    return "ok"
