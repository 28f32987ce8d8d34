"""How many gunicorn workers an app server starts, and so how many PostgreSQL connections it may open."""

from __future__ import annotations

import multiprocessing
import runpy
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
VARIABLES = (
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "DATABASE_CONNECTION_BUDGET",
    "GUNICORN_WORKER_CONNECTIONS",
)


def gunicorn_conf(monkeypatch, cores: int, **env: str) -> dict:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(multiprocessing, "cpu_count", lambda: cores)
    return runpy.run_path(str(CONF))


def connections(conf: dict) -> int:
    """What one app server may hold: a connection per request thread, plus a /healthz probe per worker."""
    return conf["workers"] * (conf["threads"] + 1)


@pytest.mark.parametrize(("cores", "workers"), [(1, 3), (2, 5), (3, 7), (4, 8), (16, 8), (64, 8)])
def test_workers_follow_the_cores_until_the_connection_budget_is_spent(monkeypatch, cores, workers):
    conf = gunicorn_conf(monkeypatch, cores)
    assert conf["workers"] == workers
    assert conf["threads"] == 4
    assert connections(conf) <= 40


def test_a_16_core_server_stays_within_postgresqls_default_limit_with_a_second_replica(monkeypatch):
    # Before the budget: 33 workers x 4 threads = 132 connections from one server, over 100.
    conf = gunicorn_conf(monkeypatch, 16)
    two_replicas_and_a_task_worker = 2 * connections(conf) + 1
    assert two_replicas_and_a_task_worker < 100


def test_the_budget_and_threads_come_from_the_environment(monkeypatch):
    conf = gunicorn_conf(monkeypatch, 16, DATABASE_CONNECTION_BUDGET="100", GUNICORN_THREADS="8")
    assert (conf["workers"], conf["threads"], conf["worker_class"]) == (11, 8, "gthread")
    assert connections(conf) == 99


def test_a_budget_smaller_than_one_worker_still_starts_one(monkeypatch):
    conf = gunicorn_conf(monkeypatch, 8, DATABASE_CONNECTION_BUDGET="3")
    assert conf["workers"] == 1


def test_web_concurrency_overrides_the_budget(monkeypatch):
    conf = gunicorn_conf(monkeypatch, 16, WEB_CONCURRENCY="20", GUNICORN_THREADS="1")
    assert (conf["workers"], conf["worker_class"]) == (20, "sync")


@pytest.mark.parametrize(("threads", "cap"), [("4", 12), ("8", 24)])
def test_a_worker_takes_at_most_three_connections_per_thread_and_keeps_some_alive(monkeypatch, threads, cap):
    """A burst of new connections cannot all land on one worker (16 kept by a proxy, or wrk), and
    gunicorn keeps connections alive only while it has more slots than threads."""
    conf = gunicorn_conf(monkeypatch, 2, GUNICORN_THREADS=threads)
    assert conf["worker_connections"] == cap
    assert conf["worker_connections"] > conf["threads"]
    assert conf["workers"] * conf["worker_connections"] >= 16


def test_the_connections_per_worker_come_from_the_environment(monkeypatch):
    conf = gunicorn_conf(monkeypatch, 2, GUNICORN_WORKER_CONNECTIONS="1000")
    assert conf["worker_connections"] == 1000
