"""The development database: SQLite waits for a writer instead of failing with "database is locked"."""

import threading
import time

import pytest
from django.contrib.sessions.models import Session
from django.db import connection, connections, transaction
from django.utils import timezone

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings only")


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


@pytest.mark.django_db(transaction=True)
def test_a_save_that_reads_then_writes_is_not_refused_while_another_writes():
    # Autosave reads the page, then writes a revision. In SQLite's default deferred mode another
    # write in between makes that second step fail at once with "database is locked".
    holding = threading.Event()
    failures: list[Exception] = []

    def autosave() -> None:
        try:
            with transaction.atomic():
                Session.objects.filter(session_key="autosave").exists()
                holding.set()
                time.sleep(0.3)
                Session.objects.create(session_key="autosave", session_data="{}", expire_date=timezone.now())
        except Exception as error:  # noqa: BLE001 - the test reports whatever the save raised
            failures.append(error)
            holding.set()
        finally:
            connections.close_all()

    saving = threading.Thread(target=autosave)
    saving.start()
    assert holding.wait(5)
    Session.objects.create(session_key="other-writer", session_data="{}", expire_date=timezone.now())
    saving.join()
    assert failures == []
    assert Session.objects.filter(session_key__in=["autosave", "other-writer"]).count() == 2
