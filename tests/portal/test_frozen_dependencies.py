"""A Redis or database that accepts connections and never answers: pages still come back, and
/healthz says 503 naming the dependency. The frozen service is a socket on a loopback port of
this test's own that takes connections and never writes a byte."""

from __future__ import annotations

import contextlib
import itertools
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from django.core.cache import caches
from django.db import connections
from django.db.utils import load_backend

from portal import health, redis_breaker

pytestmark = pytest.mark.django_db

# Generous: only proves that nothing hangs (each wait is bounded by well under a second or two).
NEVER_HANGS_SECONDS = 5
PORTS = range(8330, 8350)


class FrozenListener:
    """Accepts TCP connections on 127.0.0.1 and never answers; counts the connections."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        for port in PORTS:
            with contextlib.suppress(OSError):
                self.sock.bind(("127.0.0.1", port))
                break
        else:
            self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.sock.listen(64)
        self.sock.settimeout(0.1)
        self.accepted: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                conn, _ = self.sock.accept()
                self.accepted.append(conn)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for conn in self.accepted:
            conn.close()
        self.sock.close()


@pytest.fixture
def frozen() -> Iterator[FrozenListener]:
    listener = FrozenListener()
    yield listener
    listener.close()


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_pool_names = itertools.count()


def redis_cache_settings(port: int, db: int = 0) -> dict:
    """The cache services.py configures for REDIS_URL, on a URL of each test's own: django-redis keeps
    one pool (and so one breaker) per URL per process."""
    from portal.settings.services import redis_caches

    return redis_caches(f"redis://127.0.0.1:{port}/{db}?client_name=test{next(_pool_names)}")


@pytest.fixture
def frozen_redis(settings, frozen):
    settings.CACHES = redis_cache_settings(frozen.port)
    yield frozen
    caches["default"].close()


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


# The settings a deployment gets ------------------------------------------------------------


def test_redis_gives_up_after_short_socket_timeouts_and_logs_what_it_ignored():
    from portal.settings import services

    assert 0 < services.REDIS_SOCKET_TIMEOUT <= 1 and 0 < services.REDIS_SOCKET_CONNECT_TIMEOUT <= 1
    assert services.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS is True


def test_postgresql_connections_carry_a_connect_and_a_statement_timeout():
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": "postgres://u@db.internal:5432/portal?options=-c%20search_path%3Dportal",
        "DATABASE_CONNECT_TIMEOUT": "3",
        "DATABASE_STATEMENT_TIMEOUT": "12.5",
    }
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(  # noqa: S603  (our own interpreter)
        [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True, check=True
    ).stdout
    options = json.loads(out.strip().splitlines()[-1])
    assert options["connect_timeout"] == 3
    assert options["options"] == "-c search_path=portal -c statement_timeout=12500"

    env["DATABASE_URL"] = "sqlite:///var/never-opened.sqlite3"
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "statement_timeout" not in out and "connect_timeout" not in out


# A frozen Redis ------------------------------------------------------------------------------


def test_a_page_is_served_without_the_frozen_cache(client, home_page, frozen_redis, settings):
    settings.PAGE_CACHE_ENABLED = True
    response, seconds = timed(lambda: client.get("/"))
    assert response.status_code == 200
    assert home_page.title in response.content.decode()
    assert seconds < NEVER_HANGS_SECONDS
    response, seconds = timed(lambda: client.get("/"))
    assert response.status_code == 200 and seconds < NEVER_HANGS_SECONDS


def test_healthz_says_503_naming_the_frozen_cache(client, frozen_redis):
    response, seconds = timed(lambda: client.get("/healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "timeout"}
    assert "no-cache" in response["Cache-Control"]
    assert seconds < NEVER_HANGS_SECONDS


def test_healthz_names_a_refused_cache_unreachable(client, settings, closed_port):
    settings.CACHES = redis_cache_settings(closed_port)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unreachable"


def test_after_two_failures_the_breaker_stops_calling_the_frozen_redis(frozen_redis, caplog):
    cache = caches["default"]
    for _ in range(10):
        assert cache.get("anything", "fallback") == "fallback"
        cache.set("anything", 1)
    # Two calls reached the frozen server and timed out; the other eighteen never left the process.
    assert len(frozen_redis.accepted) == redis_breaker.FAILURE_THRESHOLD
    opened = [r for r in caplog.records if r.name == "portal.redis_breaker"]
    assert len(opened) == 1 and "timeout" in opened[0].getMessage()
    # django-redis logs each call that reached Redis, not the ones the breaker skipped.
    ignored = [r for r in caplog.records if r.name == "portal.cache"]
    assert len(ignored) == redis_breaker.FAILURE_THRESHOLD


def test_the_breaker_lets_calls_through_again_after_its_pause_and_closes_on_success(monkeypatch):
    from redis.exceptions import TimeoutError as RedisTimeoutError

    now = [1000.0]
    monkeypatch.setattr(redis_breaker.time, "monotonic", lambda: now[0])
    breaker = redis_breaker.CircuitBreaker(open_seconds=5)
    breaker.record_failure(RedisTimeoutError())
    breaker.before_call()  # one failure is a blip, not an outage
    breaker.record_failure(RedisTimeoutError())
    with pytest.raises(redis_breaker.CacheCircuitOpen) as raised:
        breaker.before_call()
    assert raised.value.reason == "timeout"
    now[0] += 5.1
    breaker.before_call()  # the pause is over: one call may try
    breaker.record_failure(RedisTimeoutError())
    assert breaker.is_open  # still frozen: another pause at once
    now[0] += 5.1
    breaker.record_success()
    breaker.before_call()
    assert not breaker.is_open


@pytest.fixture
def real_redis(settings):
    """The machine's Redis, on a database number of this project's own (13); skipped without one."""
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", 6379)) != 0:
            pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = redis_cache_settings(6379, db=13)
    yield
    caches["default"].close()


def test_healthz_is_200_when_database_and_redis_answer(client, real_redis):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_pings_past_an_open_breaker_and_closes_it_when_redis_is_back(client, real_redis):
    """After an outage the breaker may stay open for seconds: /healthz must not keep a working
    server out of the load balancer for that long, and its PING lets page traffic resume."""
    from redis.exceptions import TimeoutError as RedisTimeoutError

    breaker = caches["default"].client.get_client(write=True).breaker
    for _ in range(redis_breaker.FAILURE_THRESHOLD):
        breaker.record_failure(RedisTimeoutError())
    assert breaker.is_open

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["cache"] == "ok"
    assert not breaker.is_open


# A frozen database ---------------------------------------------------------------------------


def database_alias(monkeypatch, port: int) -> str:
    """A PostgreSQL alias pointing at `port` (psycopg is installed even on SQLite runs).

    Made the way Django makes any connection, but left out of `connections`, whose aliases the
    test case allows only in its own thread."""
    alias = "frozen"
    conf = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "portal",
        "USER": "portal",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "OPTIONS": {"connect_timeout": 2},
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
    }
    real_create = connections.create_connection

    def create_connection(name: str):
        if name != alias:
            return real_create(name)
        return load_backend(conf["ENGINE"]).DatabaseWrapper(conf, alias)

    monkeypatch.setattr(health.connections, "create_connection", create_connection)
    return alias


@pytest.fixture
def probe_settles():
    """A probe left running when its wait ran out (a frozen database) finishes before the next test."""
    yield
    health.database_probe.wait(NEVER_HANGS_SECONDS)


def test_the_database_probe_times_out_on_a_frozen_database(monkeypatch, frozen, probe_settles):
    alias = database_alias(monkeypatch, frozen.port)
    status, seconds = timed(lambda: health.database_status(alias))
    assert status == "timeout"
    assert seconds < NEVER_HANGS_SECONDS
    # While that probe still waits, another check does not pile a second one on the frozen server.
    assert health.database_status(alias) == "timeout"
    assert len(frozen.accepted) == 1


def test_healthz_says_503_naming_the_frozen_database(client, monkeypatch, frozen, probe_settles):
    alias = database_alias(monkeypatch, frozen.port)
    monkeypatch.setattr("portal.views.database_status", lambda: health.database_status(alias))
    response, seconds = timed(lambda: client.get("/healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "timeout"}
    assert seconds < NEVER_HANGS_SECONDS


def test_the_database_probe_reports_a_refused_database_unreachable(monkeypatch, closed_port, probe_settles):
    assert health.database_status(database_alias(monkeypatch, closed_port)) == "unreachable"
