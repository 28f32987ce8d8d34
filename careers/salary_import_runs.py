"""Salary imports as recorded runs: applied at once when small, by the task worker when large.

A run is a salary CSV (careers/salary_import.py) or an ONS earnings workbook
(careers/ons_import.py); both are applied the same way and report the same outcome.

A run keeps the uploaded bytes, so the worker (``manage.py db_worker``, a process of its own)
applies exactly the file the editor checked, all or nothing, in one transaction
(:func:`careers.salary_import.apply_import`). The run's status and outcome are what the
editor's status page shows while it waits and afterwards.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks import task

from careers.models import SalaryImportRun
from careers.ons_import import apply_ons_import
from careers.salary_csv import Problem
from careers.salary_import import APPLY_FAILED_MESSAGE, ImportResult, apply_import

logger = logging.getLogger(__name__)

Status = SalaryImportRun.Status
_FILE_NAME_LENGTH = SalaryImportRun._meta.get_field("file_name").max_length
UNCONFIRMED_KEPT_FOR = datetime.timedelta(days=1)


def runs_in_background(row_count: int) -> bool:
    """Whether a file this long is applied by the worker rather than in the request."""
    return row_count > settings.SALARY_IMPORT_BACKGROUND_ROWS


def record_run(
    data: bytes,
    user: AbstractBaseUser,
    file_name: str,
    row_count: int,
    kind: str = SalaryImportRun.Kind.CSV,
    status: str = Status.QUEUED,
) -> SalaryImportRun:
    # Browsers send the name the user's disk gave the file: keep it printable and short.
    name = "".join(char for char in file_name if char.isprintable())[:_FILE_NAME_LENGTH]
    return SalaryImportRun.objects.create(
        user=user, file_name=name, data=data, row_count=row_count, kind=kind, status=status
    )


def forget_unconfirmed_runs(user: AbstractBaseUser) -> None:
    """A dry run kept for confirming is dropped once the same editor checks another file, or
    after a day: an unconfirmed workbook should not sit in the database."""
    stale = Q(user=user) | Q(created_at__lt=timezone.now() - UNCONFIRMED_KEPT_FOR)
    SalaryImportRun.objects.filter(stale, status=Status.CHECKED).delete()


def confirm_run(run_id: int, user: AbstractBaseUser) -> SalaryImportRun | None:
    """The editor's checked run, now queued; None if it is gone or was already confirmed."""
    claimed = SalaryImportRun.objects.filter(pk=run_id, user=user, status=Status.CHECKED).update(
        status=Status.QUEUED, created_at=timezone.now()
    )
    return SalaryImportRun.objects.get(pk=run_id) if claimed else None


def queue_run(run: SalaryImportRun) -> None:
    """Hand the run to the worker once the run's row is committed, so the worker can read it."""
    transaction.on_commit(lambda: apply_import_run.enqueue(run.pk))


def execute_run(run: SalaryImportRun) -> ImportResult | None:
    """Apply a queued run and record the outcome; None if another worker already took it."""
    claimed = SalaryImportRun.objects.filter(pk=run.pk, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    user = run.user
    if user is None or not user.is_active:
        # Without its user the import would run unchecked, as the management command does.
        result = ImportResult(
            problems=[Problem("Nothing was imported: the account that uploaded the file no longer exists.")]
        )
    else:
        try:
            if run.kind == SalaryImportRun.Kind.ONS:
                result = apply_ons_import(bytes(run.data), user, progress=_reporter(run))
            else:
                result = apply_import(bytes(run.data), user)
        except Exception:
            logger.exception("Salary import run %s failed", run.pk)
            result = ImportResult(problems=[Problem(APPLY_FAILED_MESSAGE)])
    _finish(run, result)
    return result


def _reporter(run: SalaryImportRun) -> Callable[[str, int, int], None]:
    def report(stage: str, done: int, total: int) -> None:
        # Written outside the import's transaction, so the status page sees it at once.
        SalaryImportRun.objects.filter(pk=run.pk).update(stage=stage, progress=done, progress_total=total)

    return report


def _finish(run: SalaryImportRun, result: ImportResult) -> None:
    run.finished_at = timezone.now()
    if result.succeeded:
        run.status = Status.DONE
        run.added, run.updated = result.added, result.updated
        run.careers = [
            {"id": page.pk, "title": page.title, "published": published}
            for pages, published in ((result.published, True), (result.drafted, False))
            for page in pages
        ]
    else:
        run.status = Status.FAILED
        run.problems = [
            {"line": problem.line, "column": problem.column, "message": problem.message}
            for problem in result.problems
        ]
    run.save(
        update_fields=["status", "finished_at", "added", "updated", "careers", "problems"],
    )


@task()
def apply_import_run(run_id: int) -> None:
    run = SalaryImportRun.objects.select_related("user").filter(pk=run_id).first()
    if run is not None:
        execute_run(run)


def runs_visible_to(user: Any) -> QuerySet[SalaryImportRun]:
    """An importer sees their own runs; a superuser sees everyone's."""
    runs = SalaryImportRun.objects.select_related("user").defer("data").exclude(status=Status.CHECKED)
    return runs if user.is_superuser else runs.filter(user=user)
