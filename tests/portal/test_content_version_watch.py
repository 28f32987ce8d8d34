"""Each process knows the content version without asking Redis on every request, and never serves an
old one: Redis tells it of every change (portal/content_version_watch.py).

Most tests use the machine's Redis on this suite's own database number (5); those that count every
command Redis runs, stop Redis or flush it use a redis-server of their own. Both skip where missing.
"""

from __future__ import annotations

import logging
import shutil
import signal
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator

import pytest
import redis
from django.core.cache import cache

from portal import content_version, content_version_watch
from portal.content_version_watch import UNKNOWN
from portal.settings.services import redis_caches

SHARED_URL = "redis://127.0.0.1:6379/5"  # this suite's own database number


def configure(settings, url: str, confirm_seconds: float = 60.0, retry_seconds: float = 1.0) -> str:
    """The cache services.py makes for REDIS_URL, under a key prefix of the test's own; the full
    version key. Confirmation is rare unless asked, so a test sees what invalidations alone do."""
    configured = redis_caches(url)
    configured["default"]["KEY_PREFIX"] = f"test-watch-{uuid.uuid4().hex[:8]}"
    configured["default"]["OPTIONS"]["REDIS_CLIENT_KWARGS"] = {"circuit_open_seconds": retry_seconds}
    settings.CACHES = configured
    settings.CONTENT_VERSION_CONFIRM_SECONDS = confirm_seconds
    settings.REDIS_CIRCUIT_BREAKER_SECONDS = retry_seconds
    content_version_watch.close_all()
    return cache.make_and_validate_key(content_version.VERSION_KEY)


def settle(other: redis.Redis) -> None:
    """After a change from another client, as another process publishing makes. Redis writes the
    invalidation to the watchers in the pass of its event loop that answers the change, a few
    microseconds after that answer: the answer to a later command proves that pass is over, as the
    request that follows a publish in a site does. (A process's own changes need nothing of the
    kind: test_a_publish_in_this_process_is_seen_by_its_very_next_read.)"""
    other.ping()


def bump(other: redis.Redis, key: str) -> int:
    bumped = other.incr(key)
    settle(other)
    return bumped


def watched() -> object:
    """What the watch alone says now (UNKNOWN when it cannot)."""
    return content_version_watch.read(cache, content_version.VERSION_KEY)


@pytest.fixture
def shared(settings) -> Iterator[tuple[redis.Redis, str]]:
    """Another client of the machine's Redis, and the version key this test's cache uses."""
    other = redis.Redis.from_url(SHARED_URL, socket_connect_timeout=0.5)
    try:
        other.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    key = configure(settings, SHARED_URL)
    yield other, key
    other.delete(key)
    content_version_watch.close_all()
    cache.close()
    other.close()


class PrivateRedis:
    """A redis-server of the test's own on a free loopback port, which it may stop and start."""

    def __init__(self, *options: str) -> None:
        self.options = list(options)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.process: subprocess.Popen | None = None
        self.start()
        self.client = redis.Redis(port=self.port)

    def start(self) -> None:
        server = shutil.which("redis-server") or "redis-server"
        arguments = [server, "--port", str(self.port), "--bind", "127.0.0.1"]
        arguments += ["--save", "", "--appendonly", "no", *self.options]
        self.process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL)  # noqa: S603
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    def commands(self) -> int:
        """Commands this server has run, less the INFO asking (it counts itself)."""
        return int(self.client.info("stats")["total_commands_processed"])

    def watch_connections(self) -> list[dict]:
        name = content_version_watch.CLIENT_NAME
        return [each for each in self.client.client_list() if each["name"] == name]


@pytest.fixture
def private(settings) -> Iterator[tuple[PrivateRedis, str]]:
    if shutil.which("redis-server") is None:
        pytest.skip("no redis-server to start")
    server = PrivateRedis()
    key = configure(settings, f"redis://127.0.0.1:{server.port}/0")
    yield server, key
    content_version_watch.close_all()
    cache.close()
    server.client.close()
    server.stop()


# --------------------------------------------------------------------------- every change is seen


def test_a_bump_from_another_client_is_seen_by_the_very_next_read_every_time(shared):
    other, key = shared
    first = content_version.current_version()
    assert watched() == first  # the watch answers, not the plain GET
    for _ in range(200):
        bumped = bump(other, key)
        assert content_version.current_version() == bumped
        assert content_version.current_version() == bumped


def test_set_and_delete_from_another_client_are_seen(shared):
    other, key = shared
    content_version.current_version()
    other.set(key, 42)
    settle(other)
    assert content_version.current_version() == 42
    other.delete(key)
    settle(other)
    # Missing: current_version starts a new one from the clock, as it does without the watch.
    restarted = content_version.current_version()
    assert restarted > 42
    assert int(other.get(key)) == restarted
    assert watched() == restarted


def test_a_publish_in_this_process_is_seen_by_its_very_next_read(shared):
    before = content_version.current_version()
    for n in range(1, 501):
        content_version._bump()
        assert content_version.current_version() == before + n


def test_a_publish_from_a_thread_that_never_read_the_version_is_seen_by_the_next_read(private):
    server, key = private
    server.client.set(key, 5)
    settle(server.client)
    version = content_version.current_version()  # this thread's watch, confirmed
    assert version == 5
    # An editor's request publishing on another thread: Django gives it a cache backend of its own,
    # and it reads no version before it writes.
    publisher = threading.Thread(target=content_version._bump)
    publisher.start()
    publisher.join()
    # Redis's invalidation usually beats the next read, so look at the watch itself: it was told.
    (watch,) = content_version_watch._watches.values()
    assert watch._confirmed_at == float("-inf")
    before = server.commands()
    # Asked again at once, not left to Redis's invalidation, which may not have arrived yet.
    assert content_version.current_version() == version + 1
    assert server.commands() - before == 2  # the GET, and the INFO asking


def test_a_flushed_database_is_seen(private):
    server, key = private
    server.client.set(key, 7)
    settle(server.client)
    assert content_version.current_version() == 7
    server.client.flushdb()
    settle(server.client)
    assert watched() is None
    assert content_version.current_version() > 7


def test_threads_never_read_a_version_older_than_one_bumped_before_their_read_began(shared):
    other, key = shared
    other.set(key, 1)
    settle(other)
    done = threading.Event()
    state = {"bumped": 1}
    stale: list[tuple[int, int]] = []
    reads = [0]

    def bump_often() -> None:
        try:
            for _ in range(300):
                state["bumped"] = bump(other, key)
                time.sleep(0.001)
        finally:
            done.set()

    def read() -> None:
        while not done.is_set():
            floor = state["bumped"]
            version = content_version.current_version()
            reads[0] += 1
            if version < floor:
                stale.append((version, floor))

    readers = [threading.Thread(target=read, daemon=True) for _ in range(4)]
    bumper = threading.Thread(target=bump_often, daemon=True)
    for thread in [*readers, bumper]:
        thread.start()
    for thread in [bumper, *readers]:
        thread.join(30)
    assert stale == []
    assert reads[0] > 300
    assert content_version.current_version() == 301


# --------------------------------------------------------------------------- no round trip when unchanged


def test_reads_when_nothing_changed_send_no_command_to_redis(private):
    server, key = private
    server.client.set(key, 5)
    settle(server.client)
    version = content_version.current_version()
    before = server.commands()
    for _ in range(100):
        assert content_version.current_version() == version
    assert server.commands() - before == 1  # the INFO asking


def test_a_version_not_confirmed_for_the_interval_is_read_again(private, settings):
    server, _ = private
    key = configure(settings, f"redis://127.0.0.1:{server.port}/0", confirm_seconds=0.2)
    server.client.set(key, 5)
    settle(server.client)
    version = content_version.current_version()
    before = server.commands()
    content_version.current_version()
    assert server.commands() - before == 1
    time.sleep(0.25)
    before = server.commands()
    assert content_version.current_version() == version
    assert server.commands() - before == 2  # one GET, and the INFO


# --------------------------------------------------------------------------- failing safe


def test_with_redis_killed_reads_fall_back_without_raising_and_the_watch_comes_back(private, caplog):
    server, key = private
    server.client.set(key, 10)
    settle(server.client)
    assert watched() == 10
    server.stop()
    with caplog.at_level(logging.DEBUG, logger="portal.content_version_watch"):
        for _ in range(20):
            assert content_version.current_version() == 0  # what an unreadable version reads as
            assert watched() is UNKNOWN
    watch_logs = [record for record in caplog.records if record.name == content_version_watch.__name__]
    infos = [record for record in watch_logs if record.levelno >= logging.INFO]
    assert len(infos) == 1  # once, never per request
    server.start()
    server.client.set(key, 11)
    settle(server.client)
    time.sleep(1.1)  # the retry interval of this test
    assert watched() == 11
    bump(server.client, key)
    assert content_version.current_version() == 12


def test_a_frozen_redis_is_noticed_once_the_version_is_unconfirmed_for_the_interval(private, settings):
    """A Redis that stops answering without closing the connection (a host gone, a network cut) sends
    no invalidation either: its version is trusted for the interval, then asked for, in vain."""
    server, _ = private
    key = configure(settings, f"redis://127.0.0.1:{server.port}/0", confirm_seconds=0.3)
    server.client.set(key, 50)
    settle(server.client)
    assert content_version.current_version() == 50
    assert server.process is not None
    server.process.send_signal(signal.SIGSTOP)
    try:
        assert content_version.current_version() == 50  # nothing can have changed in so short a time
        time.sleep(0.35)
        started = time.monotonic()
        assert content_version.current_version() == 0  # the watch's GET and the plain one time out
        assert time.monotonic() - started < 2.5
        assert watched() is UNKNOWN
    finally:
        server.process.send_signal(signal.SIGCONT)


def test_a_watch_connection_redis_closes_is_made_again_at_once(private):
    """As Redis's idle `timeout` or CLIENT KILL would: the next read connects again and is exact."""
    server, key = private
    server.client.set(key, 20)
    settle(server.client)
    assert content_version.current_version() == 20
    [connection] = server.watch_connections()
    assert connection["resp"] == "3"
    server.client.client_kill_filter(_id=connection["id"])
    server.client.set(key, 21)
    settle(server.client)
    assert watched() == 21
    [again] = server.watch_connections()
    assert again["id"] != connection["id"]
    bump(server.client, key)
    assert content_version.current_version() == 22


def test_a_redis_without_tracking_is_read_as_before(settings, caplog):
    """As with a proxy or a managed Redis that refuses CLIENT commands."""
    if shutil.which("redis-server") is None:
        pytest.skip("no redis-server to start")
    server = PrivateRedis("--rename-command", "CLIENT", "")
    try:
        key = configure(settings, f"redis://127.0.0.1:{server.port}/0")
        server.client.set(key, 60)
        with caplog.at_level(logging.INFO, logger="portal.content_version_watch"):
            for _ in range(5):
                assert content_version.current_version() == 60  # the plain GET
        assert watched() is UNKNOWN
        assert [
            record.levelno for record in caplog.records if record.name == "portal.content_version_watch"
        ] == [logging.INFO]
    finally:
        content_version_watch.close_all()
        cache.close()
        server.stop()


def test_an_unreachable_redis_costs_no_error(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens once it is closed
    configure(settings, f"redis://127.0.0.1:{port}/0")
    for _ in range(5):
        assert content_version.current_version() == 0
    assert watched() is UNKNOWN
    content_version_watch.close_all()


def test_without_django_redis_nothing_changes(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert watched() is UNKNOWN
    version = content_version.current_version()
    content_version._bump()
    assert content_version.current_version() == version + 1


def test_switched_off_every_read_asks_redis(private, settings):
    server, _ = private
    configure(settings, f"redis://127.0.0.1:{server.port}/0", confirm_seconds=0)
    assert watched() is UNKNOWN
    content_version.current_version()
    before = server.commands()
    content_version.current_version()
    assert server.commands() - before == 2
    assert server.watch_connections() == []
