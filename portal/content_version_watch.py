"""Each process knows the content version without asking Redis on every request: Redis says when it changes.

Every request needs the content version (portal/content_version.py), and a plain GET of it was the
largest single cost of a page-cache hit. Instead each process keeps one connection of its own to
Redis in RESP3 with client-side tracking (``HELLO 3``, ``CLIENT TRACKING ON``) and reads the version
with ``GET`` on it: from then on Redis pushes an ``invalidate`` message down that connection when
the key changes in any way (INCR, SET, DEL, expiry or eviction; FLUSHDB and FLUSHALL send one for
every key). A request uses the version it remembers only when a poll of that socket, which waits
for nothing, finds nothing pending; anything pending (an invalidation, or the connection closing)
makes it read the version again on that connection, which also tracks the key again.

How fresh that is: Redis writes the invalidation in the same pass of its event loop as the reply to
the write, a few microseconds after that reply. So a read sees a change once Redis has answered any
later command of anyone (on another host, add the network's one-way delay): a visitor's request
that follows a publish comes long after. The process that writes the version itself (a publish
here, content_version._bump) tells its watch (``written``), so its own next read asks Redis.

Trust is bounded in time: a version not confirmed by a GET for CONTENT_VERSION_CONFIRM_SECONDS (1 s)
is read again, so a connection that went silently dead (a host or network gone without closing it)
can hide a change for at most that long. A connection Redis closed (restarted, its idle `timeout`)
is made again at once; any other failure (refused, timed out, a server without RESP3 or tracking)
closes it and gives the reads back to the plain GET through django-redis and its circuit breaker
(portal/redis_breaker.py), as before this module, and a new connection is tried at most once every
REDIS_CIRCUIT_BREAKER_SECONDS. Failures are logged once, at info.

One connection per process (named ``portal-version-watch`` in CLIENT LIST), shared by its threads
under a lock; a forked child (gunicorn loads the app in its master) makes its own. It speaks just
enough RESP3 for these few commands over a plain socket (portal/resp3.py): TLS (``rediss://``) is
not supported, and there every request reads the version as before, as it does with
CONTENT_VERSION_CONFIRM_SECONDS=0 (the watch switched off).
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from redis.connection import SSLConnection, UnixDomainSocketConnection

from portal import resp3

logger = logging.getLogger(__name__)

CLIENT_NAME = "portal-version-watch"
# Where a cache backend object keeps the watch it uses (one per backend per thread, all sharing one).
BACKEND_ATTRIBUTE = "_portal_version_watches"


class Unknown:
    """What a read returns when the watch cannot say: the caller reads the version as before."""


UNKNOWN = Unknown()


class WatchError(Exception):
    """The connection failed or Redis answered something the watch cannot use."""


class _Closed(WatchError):
    """Redis closed the connection (restarted, CLIENT KILL, its idle `timeout`)."""


@dataclass(frozen=True)
class Address:
    """Where and how to connect, taken from django-redis's connection pool."""

    host: str = "127.0.0.1"
    port: int = 6379
    path: str = ""  # a Unix socket, instead of host and port
    db: int = 0
    username: str | None = None
    password: str | None = None
    timeout: float = 0.5
    connect_timeout: float = 0.5

    @classmethod
    def of_pool(cls, pool: Any) -> Address | None:
        """None for connections this module cannot make (TLS)."""
        kwargs = pool.connection_kwargs
        if issubclass(pool.connection_class, SSLConnection):
            return None
        unix = issubclass(pool.connection_class, UnixDomainSocketConnection)
        timeout = kwargs.get("socket_timeout") or settings.REDIS_SOCKET_TIMEOUT
        return cls(
            host=str(kwargs.get("host", "127.0.0.1")),
            port=int(kwargs.get("port", 6379)),
            path=str(kwargs.get("path", "")) if unix else "",
            db=int(kwargs.get("db") or 0),
            username=kwargs.get("username"),
            password=kwargs.get("password"),
            timeout=float(timeout),
            connect_timeout=float(kwargs.get("socket_connect_timeout") or timeout),
        )


def _as_version(raw: Any) -> int | None | Unknown:
    """What content_version._stored_version makes of a GET reply: an int, None when missing, or
    UNKNOWN when stored some other way (the caller then lets django-redis decode it)."""
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        return UNKNOWN


class VersionWatch:
    """One key watched over one connection, for every thread of this process."""

    def __init__(self, key: str, address: Address, confirm_seconds: float, retry_seconds: float) -> None:
        self.key = key
        self.address = address
        self.confirm_seconds = confirm_seconds
        self.retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._poller: Any = None
        self._buffer = b""
        self._pid = os.getpid()
        self._version: int | None | Unknown = UNKNOWN
        self._confirmed_at = 0.0
        self._retry_at = 0.0
        self._failing = False

    def read(self) -> int | None | Unknown:
        """The version, without a round trip when nothing is pending; UNKNOWN when unavailable."""
        with self._lock:
            if self._pid != os.getpid():  # a forked child: the connection is the parent's
                self._forget()
            if self._sock is None:
                if time.monotonic() < self._retry_at:
                    return UNKNOWN
                return self._guarded(self._connect)
            # Bytes already read past the last reply, or anything on the socket: an invalidation,
            # or the connection closing. poll() with timeout 0 never waits.
            if self._buffer or self._poller.poll(0):
                return self._guarded(self._confirm_or_reconnect)
            if time.monotonic() > self._confirmed_at + self.confirm_seconds:
                return self._guarded(self._confirm_or_reconnect)
            return self._version

    def expect_change(self) -> None:
        """This process just changed the key: the next read asks. Redis sends invalidations just
        after the writer's reply, so a read right after the write could find none pending yet. Under
        the lock: a GET sent before the write and answered after this would be older than it."""
        with self._lock:
            self._confirmed_at = float("-inf")

    def close(self) -> None:
        with self._lock:
            self._close()

    def after_fork(self) -> None:
        """In a forked child: a lock another thread held at the fork would never be released."""
        self._lock = threading.Lock()
        self._forget()

    # Everything below runs with the lock held.

    def _guarded(self, step: Any) -> int | None | Unknown:
        try:
            return step()
        except Exception as error:  # whatever it is, the request reads the version as before
            self._close()
            self._retry_at = time.monotonic() + self.retry_seconds
            if not self._failing:
                logger.info(
                    "Content version watch unavailable (%s: %s): every request reads the version from"
                    " Redis; retrying every %.0f s",
                    type(error).__name__,
                    error,
                    self.retry_seconds,
                )
            else:
                logger.debug("content version watch still unavailable", exc_info=True)
            self._failing = True
            return UNKNOWN

    def _connect(self) -> int | None | Unknown:
        address = self.address
        if address.path:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            target: Any = address.path
        else:
            info = socket.getaddrinfo(address.host, address.port, type=socket.SOCK_STREAM)[0]
            sock = socket.socket(info[0], socket.SOCK_STREAM)
            target = info[4]
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        self._sock, self._buffer = sock, b""
        sock.settimeout(address.connect_timeout)
        sock.connect(target)
        sock.settimeout(address.timeout)
        hello: list[str] = ["HELLO", "3"]
        if address.password is not None:
            hello += ["AUTH", address.username or "default", address.password]
        commands = [[*hello, "SETNAME", CLIENT_NAME], ["CLIENT", "TRACKING", "ON"]]
        if address.db:
            commands.insert(1, ["SELECT", str(address.db)])
        sock.sendall(b"".join(resp3.encode(*command) for command in commands))
        for command in commands:
            reply = self._reply()
            if isinstance(reply, resp3.ReplyError):
                raise WatchError(f"{command[0]} refused: {reply}")
        self._poller = select.poll()
        self._poller.register(sock, select.POLLIN)
        version = self._confirm()
        if self._failing:
            logger.info("Content version watch connected again: requests no longer read the version")
        self._failing = False
        return version

    def _confirm_or_reconnect(self) -> int | None | Unknown:
        """A connection Redis closed is made again at once, once: an idle one closed by the server's
        `timeout` setting or a Redis restarted in the meantime need no fallback. A timeout does not
        retry (Redis is frozen or unreachable: another wait would only hold the request longer)."""
        try:
            return self._confirm()
        except (_Closed, ConnectionError):  # ConnectionError: reset or broken pipe, not a timeout
            logger.debug("content version watch connection closed: connecting again", exc_info=True)
            self._close()
            return self._connect()

    def _confirm(self) -> int | None | Unknown:
        """GET the key on this connection, which also tracks it again. Invalidations read before the
        reply are older than it and so already answered; any after it stay for the next read."""
        started = time.monotonic()
        self._connected().sendall(resp3.encode("GET", self.key))
        reply = self._reply()
        if isinstance(reply, resp3.ReplyError):
            raise WatchError(f"GET refused: {reply}")
        self._version = _as_version(reply)
        self._confirmed_at = started
        return self._version

    def _reply(self) -> Any:
        """The next reply that is not a push message, reading from the socket as needed."""
        while True:
            try:
                reply, end = resp3.parse(self._buffer, 0)
            except resp3.Incomplete:
                data = self._connected().recv(65536)
                if not data:
                    raise _Closed("connection closed by Redis") from None
                self._buffer += data
                continue
            self._buffer = self._buffer[end:]
            if not isinstance(reply, resp3.Push):
                return reply

    def _connected(self) -> socket.socket:
        if self._sock is None:
            raise WatchError("not connected")
        return self._sock

    def _close(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.close()
        self._sock, self._poller, self._buffer, self._version = None, None, b"", UNKNOWN

    def _forget(self) -> None:
        """Drop the parent's connection without a word on it: close() in a child closes only the
        child's descriptor, and the parent goes on using the connection."""
        self._close()
        self._pid = os.getpid()
        self._retry_at = 0.0


_watches: dict[tuple[str, Address], VersionWatch] = {}
_watches_lock = threading.Lock()
_told = {"tls": False}


def _watch_for(backend: Any, name: str) -> VersionWatch | None:
    """The process's watch of ``name`` in this django-redis backend, or None where it is not used."""
    confirm_seconds = float(getattr(settings, "CONTENT_VERSION_CONFIRM_SECONDS", 0))
    get_client = getattr(getattr(backend, "client", None), "get_client", None)
    if confirm_seconds <= 0 or get_client is None:
        return None
    address = Address.of_pool(get_client(write=False).connection_pool)
    if address is None:
        if not _told["tls"]:
            logger.info("Content version watch not used: it does not speak TLS to Redis")
            _told["tls"] = True
        return None
    key = backend.make_and_validate_key(name)
    retry_seconds = max(float(getattr(settings, "REDIS_CIRCUIT_BREAKER_SECONDS", 5)), 1.0)
    with _watches_lock:
        watch = _watches.get((key, address))
        if watch is None:
            watch = _watches[(key, address)] = VersionWatch(key, address, confirm_seconds, retry_seconds)
        return watch


def read(backend: Any, name: str) -> int | None | Unknown:
    """The value stored under ``name`` (an int, or None when missing) as the process's watch knows
    it, or UNKNOWN when there is none (not django-redis, switched off) or it cannot say now."""
    found = getattr(backend, BACKEND_ATTRIBUTE, None)
    if found is None:
        found = {}
        setattr(backend, BACKEND_ATTRIBUTE, found)
    if name not in found:
        try:
            found[name] = _watch_for(backend, name)
        except Exception:  # misconfigured: read as before (and try again on the next request)
            logger.debug("content version watch not set up", exc_info=True)
            return UNKNOWN
    watch = found[name]
    return UNKNOWN if watch is None else watch.read()


def written(backend: Any, name: str) -> None:
    """Called after this process writes ``name``, so its own next read sees the write. Every watch of
    the key is told, not only the writing thread's: a thread that publishes (an editor's request, a
    task) may never have read the version, and Django gives each thread its own cache backend."""
    try:
        key = backend.make_and_validate_key(name)
    except Exception:  # a backend without keys of its own has no watch either
        return
    with _watches_lock:
        watches = [watch for (watched_key, _), watch in _watches.items() if watched_key == key]
    for watch in watches:
        watch.expect_change()


def close_all() -> None:
    """Close every watch's connection (tests); the next read connects again."""
    with _watches_lock:
        watches = list(_watches.values())
        _watches.clear()  # a test's changed settings make a new watch
    for watch in watches:
        watch.close()


def _after_fork_in_child() -> None:
    global _watches_lock
    _watches_lock = threading.Lock()
    for watch in _watches.values():
        watch.after_fork()


os.register_at_fork(after_in_child=_after_fork_in_child)
