"""Salary imports as runs: a large file is applied by the background worker, all or nothing,
and its importer follows it on a status page that only importers (and only their own) may see."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import DatabaseError
from django.utils import timezone
from wagtail.models import Revision

from careers.models import CareerPage, SalaryImportRun
from portal.factories import UserFactory
from tests.careers.salary_files import GOOD_LINES, SQL_WORDS, URL, csv_bytes, snapshot, upload

Status = SalaryImportRun.Status


@pytest.fixture(autouse=True)
def small_background_threshold(settings):
    # Three lines count as "large" here, so the tests stay quick.
    settings.SALARY_IMPORT_BACKGROUND_ROWS = 2


def run_url(run: SalaryImportRun) -> str:
    return f"/admin/salary-import/runs/{run.pk}/"


def queue_large_file(client, django_capture_on_commit_callbacks, data: bytes):
    """Upload without a dry run; return the response and the worker's pending job (not yet run)."""
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(client, data, dry_run=False)
    return response, callbacks


def test_a_large_file_is_queued_then_applied_all_at_once_by_the_worker(
    client, moderator, ai_specialist, data_engineer, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    before = snapshot()

    response, callbacks = queue_large_file(client, django_capture_on_commit_callbacks, csv_bytes(*GOOD_LINES))

    run = SalaryImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == run_url(run)
    assert (run.status, run.row_count, run.file_name, run.user) == (
        Status.QUEUED,
        3,
        "salaries.csv",
        moderator,
    )
    assert snapshot() == before, "nothing is applied in the request"

    waiting = client.get(run_url(run)).content.decode()
    assert "Waiting to start" in waiting
    assert '<meta http-equiv="refresh" content="3">' in waiting, "the page reloads itself, without script"
    assert f'href="{run_url(run)}"' in waiting, "and offers a reload link"

    for job in callbacks:  # the worker picks the task up (the test backend runs it at once)
        job()

    run.refresh_from_db()
    assert run.status == Status.DONE and (run.added, run.updated) == (1, 2)
    page = CareerPage.objects.get(pk=ai_specialist.pk)
    assert page.salary_figures.get(region="UK").typical == 47_000
    assert page.salary_figures.filter(region="Wales").exists()
    assert not page.has_unpublished_changes, "a moderator's import is published"

    done = client.get(run_url(run)).content.decode()
    assert "Salary figures imported: 1 added and 2 updated." in done
    assert "2 careers published, 0 saved as drafts" in done
    assert "http-equiv" not in done, "a finished run stops reloading"
    assert "salaries.csv" in client.get(URL).content.decode(), "the import page lists past runs"


def test_an_editor_confirming_a_large_dry_run_queues_it_and_gets_drafts(
    client, editor, ai_specialist, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    checked = upload(client, csv_bytes(*GOOD_LINES[:2], GOOD_LINES[0].replace("UK", "Wales North")))
    token = checked.context["confirm_form"]["token"].value()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"token": token})

    run = SalaryImportRun.objects.get()
    assert response["Location"] == run_url(run)
    assert run.status == Status.DONE and run.added == 2
    page = CareerPage.objects.get(pk=ai_specialist.pk)
    assert page.has_unpublished_changes and not page.salary_figures.filter(region="Wales").exists()
    assert "1 career published" not in client.get(run_url(run)).content.decode()
    assert "0 careers published, 1 saved as draft" in client.get(run_url(run)).content.decode()


def test_a_failing_background_run_changes_nothing_and_says_so(
    client, moderator, ai_specialist, data_engineer, monkeypatch, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    before = snapshot()
    real_publish = Revision.publish
    published = []

    def fail_on_the_second_career(self, *args, **kwargs):
        published.append(self)
        if len(published) == 2:
            raise DatabaseError('duplicate key value violates unique constraint "x" SELECT 1')
        return real_publish(self, *args, **kwargs)

    monkeypatch.setattr(Revision, "publish", fail_on_the_second_career)
    _, callbacks = queue_large_file(client, django_capture_on_commit_callbacks, csv_bytes(*GOOD_LINES))
    for job in callbacks:
        job()

    run = SalaryImportRun.objects.get()
    assert run.status == Status.FAILED
    assert len(published) == 2, "the first career had been published when the second failed"
    assert snapshot() == before, "and was rolled back with it"
    html = client.get(run_url(run)).content.decode()
    assert "Nothing was imported" in html and "saving the figures failed" in html
    assert not any(word in html for word in SQL_WORDS)


def test_a_file_that_went_stale_in_the_queue_fails_with_its_line(
    client, moderator, ai_specialist, data_engineer, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    _, callbacks = queue_large_file(client, django_capture_on_commit_callbacks, csv_bytes(*GOOD_LINES))
    data_engineer.delete()  # while the run waited for the worker
    before = snapshot()
    for job in callbacks:
        job()

    run = SalaryImportRun.objects.get()
    assert run.status == Status.FAILED
    assert run.problems == [
        {"line": 4, "column": "career", "message": "There is no career with the slug “data-engineer”."}
    ]
    assert snapshot() == before
    html = client.get(run_url(run)).content.decode()
    assert "There is no career with the slug “data-engineer”." in html


def test_a_run_whose_account_was_deleted_is_not_applied(
    client, moderator, ai_specialist, data_engineer, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    _, callbacks = queue_large_file(client, django_capture_on_commit_callbacks, csv_bytes(*GOOD_LINES))
    before = snapshot()
    moderator.delete()
    for job in callbacks:
        job()
    run = SalaryImportRun.objects.get()
    assert run.status == Status.FAILED and "no longer exists" in run.problems[0]["message"]
    assert snapshot() == before


def test_a_run_is_applied_once_even_if_its_task_runs_twice(
    client, moderator, ai_specialist, data_engineer, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    _, callbacks = queue_large_file(client, django_capture_on_commit_callbacks, csv_bytes(*GOOD_LINES))
    callbacks[0]()
    revisions = Revision.objects.count()
    callbacks[0]()
    assert Revision.objects.count() == revisions


def test_small_files_are_applied_in_the_request_and_recorded(client, moderator, ai_specialist, settings):
    settings.SALARY_IMPORT_BACKGROUND_ROWS = 200
    client.force_login(moderator)
    response = upload(client, csv_bytes(GOOD_LINES[0]), dry_run=False)
    assert response["Location"] == URL
    run = SalaryImportRun.objects.get()
    assert run.status == Status.DONE and run.updated == 1
    assert CareerPage.objects.get(pk=ai_specialist.pk).salary_figures.get(region="UK").typical == 47_000


def test_only_importers_see_runs_and_only_their_own(
    client, moderator, editor, superuser, ai_specialist, data_engineer, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    queue_large_file(client, django_capture_on_commit_callbacks, csv_bytes(*GOOD_LINES))
    run = SalaryImportRun.objects.get()
    client.logout()

    assert client.get(run_url(run))["Location"].startswith("/admin/login/")

    outsider = UserFactory(username="outsider")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    response = client.get(run_url(run), follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "salaries.csv" not in response.content.decode()

    client.force_login(editor)  # may import, but this is the moderator's run
    assert client.get(run_url(run)).status_code == 404
    assert "salaries.csv" not in client.get(URL).content.decode()

    for user in (moderator, superuser):
        client.force_login(user)
        assert client.get(run_url(run)).status_code == 200
        assert "salaries.csv" in client.get(URL).content.decode()


def test_a_run_left_running_by_a_stopped_worker_says_so_after_a_while(client, moderator):
    started = timezone.now() - datetime.timedelta(hours=1)
    run = SalaryImportRun.objects.create(
        user=moderator,
        file_name="big.csv",
        data=b"",
        row_count=300,
        status=Status.RUNNING,
        started_at=started,
    )
    client.force_login(moderator)
    html = client.get(run_url(run)).content.decode()
    assert "Importing now" in html and "taking much longer than expected" in html
    SalaryImportRun.objects.filter(pk=run.pk).update(started_at=timezone.now())
    assert "taking much longer" not in client.get(run_url(run)).content.decode()
