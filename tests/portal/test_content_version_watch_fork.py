"""The content version watch in a forked worker (gunicorn loads the app in its master, then forks):
the child makes its own connection and the parent's keeps hearing of changes."""

from __future__ import annotations

import os

from portal import content_version_watch

# `private` is a fixture (a redis-server of the test's own): imported, pytest finds it here too.
from tests.portal.test_content_version_watch import bump, private, settle, watched  # noqa: F401


def test_a_forked_child_makes_its_own_connection_and_leaves_the_parents_working(private):  # noqa: F811
    server, key = private
    server.client.set(key, 30)
    settle(server.client)
    assert watched() == 30
    reported, report = os.pipe()
    release, released = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, wait to be released, leave without pytest's teardown
        try:
            os.close(released)  # else this copy of the write end would keep the child waiting
            bump(server.client, key)
            os.write(report, str(watched()).encode())
            os.read(release, 1)
        finally:
            os._exit(0)
    try:
        assert os.read(reported, 100) == b"31"
        assert len(server.watch_connections()) == 2
        assert watched() == 31  # the parent's connection still hears of changes
    finally:
        os.close(released)
        os.waitpid(pid, 0)
        for end in (reported, report, release):
            os.close(end)
    bump(server.client, key)
    assert watched() == 32


def test_a_pid_change_without_the_fork_hook_also_makes_a_new_connection(private, monkeypatch):  # noqa: F811
    server, key = private
    server.client.set(key, 40)
    settle(server.client)
    assert watched() == 40
    monkeypatch.setattr(content_version_watch.os, "getpid", lambda: -1)
    server.client.set(key, 41)
    settle(server.client)
    assert watched() == 41
    assert len(server.watch_connections()) == 1  # the old one closed, a new one made
