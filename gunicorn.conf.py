"""gunicorn settings for production, all overridable from the environment.

    gunicorn -c gunicorn.conf.py portal.wsgi

Each worker is a separate process with a few threads; Django's work is mostly waiting on the
database and the cache, so threads add throughput cheaply. Workers are replaced after
MAX_REQUESTS requests (with jitter, so they do not all restart together) as a guard against
slow leaks in any dependency.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Each worker may hold a PostgreSQL connection per thread plus one for a /healthz probe, so the
# default worker count (2 x cores + 1) is capped to keep one app server within
# DATABASE_CONNECTION_BUDGET connections: 40 by default, so two replicas and a task worker stay
# under PostgreSQL's default max_connections of 100 (README, Scale-out). WEB_CONCURRENCY overrides.
_connection_budget = int(os.environ.get("DATABASE_CONNECTION_BUDGET", "40"))
_default_workers = max(1, min(multiprocessing.cpu_count() * 2 + 1, _connection_budget // (threads + 1)))
workers = int(os.environ.get("WEB_CONCURRENCY", _default_workers))
worker_class = "gthread" if threads > 1 else "sync"
# Workers share one listening socket and keep each connection they accept for its keep-alive life.
# Uncapped, one worker could accept a burst of new connections from a proxy or a load generator
# and serve them all on one core while the others idled (wrk's 16: a third of the throughput, in
# 3 runs of 100). At three connections per thread a worker stops accepting and leaves the rest to
# the others; gunicorn keeps at most the cap less the threads idle in keep-alive (closing others
# after their answer), so idle browsers never keep a worker from work its threads could do.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", str(threads * 3)))
# gthread workers answer the master's heartbeat from their main thread, so `timeout` restarts a
# worker that is stuck as a whole, not one whose request threads wait. Those waits are bounded in
# Django instead: Redis calls by REDIS_SOCKET_TIMEOUT (and the circuit breaker), new database
# connections by DATABASE_CONNECT_TIMEOUT, statements by DATABASE_STATEMENT_TIMEOUT.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Replacing a worker stalls its connections while the new one starts and refills its memory (the
# pages it keeps, its Redis and database connections). At 2,000 a worker serving cached pages at
# full speed was replaced every few seconds, which cost 25-45 % of the throughput (wrk, static file
# and cached career page, 6 December 2026); at 20,000 it is once an hour or more at any real site's
# traffic, still a guard. `make soak` runs without recycling and checks memory stays within 20 %.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "2000"))
# Load Django once in the master, so workers share its memory pages.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() == "true"
# The TLS-terminating proxy's addresses or networks. From any other peer gunicorn ignores
# X-Forwarded-Proto for wsgi.url_scheme but still passes the header on; Django's
# portal.proxy_headers middleware, reading the same variable, removes it before Django looks.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Logs to standard output and error, for the container runtime to collect.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Temporary files for worker heartbeats in memory, not on a possibly slow container disk.
_SHM = "/dev/shm"  # noqa: S108  (gunicorn's documented choice for heartbeat files)
worker_tmp_dir = _SHM if os.path.isdir(_SHM) else None
