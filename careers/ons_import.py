"""Apply an ONS earnings import, all or nothing, as new revisions of the careers it changes.

The dry run (careers/ons_import_plan.py) says what each career gets; applying reads the
workbook again, plans again, and writes every changed career in one transaction, through the
same revision and moderation path as the CSV import (careers/salary_import.py): a new revision
per career, published only when the career was live with no pending draft and the importing
user may publish it. A career edited between the plan and the write stops the whole import.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from careers.models import CareerPage, SalaryFigure, SalarySource
from careers.ons_import_plan import Action, CareerPlan, OnsImportPlan, plan_ons_import, source_for
from careers.ons_workbook import read_workbook
from careers.salary_csv import Problem
from careers.salary_import import APPLY_FAILED_MESSAGE, ImportFailed, ImportResult, User

logger = logging.getLogger(__name__)

# Told what the import is doing: ("reading" | "checking" | "saving", careers done, careers in all).
Progress = Callable[[str, int, int], None]
# A workbook with many problems lists this many; fixing them shows the rest.
PROBLEMS_KEPT = 200


def _no_progress(stage: str, done: int, total: int) -> None:
    """Progress is only reported where someone is waiting for it."""


def plan_workbook(data: bytes, user: User | None = None) -> OnsImportPlan:
    """Read the workbook and plan the import: the dry run. Writes nothing."""
    return plan_ons_import(read_workbook(data), user)


def plan_problems(plan: OnsImportPlan) -> list[Problem]:
    """The workbook's problems (naming sheet and cell) and the plan's, as the import reports them."""
    problems = [Problem(str(problem)) for problem in plan.tables.problems]
    return [*problems, *(Problem(message) for message in plan.problems)][:PROBLEMS_KEPT]


def apply_ons_import(data: bytes, user: User | None = None, progress: Progress | None = None) -> ImportResult:
    """Read, plan and apply a workbook; every problem comes back in plain words, nothing half-done."""
    progress = progress or _no_progress
    progress("reading", 0, 0)
    tables = read_workbook(data)
    progress("checking", 0, 0)
    plan = plan_ons_import(tables, user)
    if not plan.is_valid:
        return ImportResult(problems=plan_problems(plan))
    return apply_plan(plan, user, progress)


def apply_plan(
    plan: OnsImportPlan, user: User | None = None, progress: Progress | None = None
) -> ImportResult:
    changed = plan.changed_careers
    (progress or _no_progress)("saving", 0, len(changed))
    result = ImportResult()
    real_user = user if user is not None and getattr(user, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            source = source_for(plan.tables)
            locked = CareerPage.objects.select_for_update().filter(pk__in=[c.career.pk for c in changed])
            revisions = dict(locked.values_list("pk", "latest_revision_id"))
            for career_plan in changed:
                if revisions.get(career_plan.career.pk) != career_plan.latest_revision_id:
                    message = (
                        f"Nothing was imported: “{career_plan.career.title}” was changed while the import "
                        "was being checked. Upload the workbook again to see the latest dry run."
                    )
                    raise ImportFailed([Problem(message)])
                _apply_career(career_plan, source, real_user, result)
    except ImportFailed as failure:
        return ImportResult(problems=failure.problems)
    except ValidationError as error:
        logger.warning("ONS import refused by model validation: %s", error.messages)
        return ImportResult(problems=[Problem("Nothing was imported: " + " ".join(error.messages))])
    except Exception:
        logger.exception("ONS import failed while applying; every change was rolled back")
        return ImportResult(problems=[Problem(APPLY_FAILED_MESSAGE)])
    return result


def _apply_career(
    career_plan: CareerPlan, source: SalarySource, user: AbstractBaseUser | None, result: ImportResult
) -> None:
    draft = career_plan.career
    # In the editors' order (a row without one counts as first, as on the page), numbered afresh
    # so added figures follow it on every database.
    figures = sorted(draft.salary_figures.all(), key=lambda row: (row.sort_order or 0, row.pk or 0))
    for position, figure in enumerate(figures):
        figure.sort_order = position
    next_order = len(figures)
    for change in career_plan.changes:
        if change.action == Action.UNCHANGED:
            continue
        if change.action == Action.REMOVE:
            figures = [figure for figure in figures if figure is not change.before]
            result.updated += 1
            continue
        if change.action == Action.ADD:
            figure = SalaryFigure(region=change.region.name, sort_order=next_order)
            next_order += 1
            figures.append(figure)
            result.added += 1
        else:
            figure = change.before
            result.updated += 1
        figure.origin = SalaryFigure.Origin.ONS
        figure.override_reason = ""
        figure.source = source
        for name, value in change.after.values().items():
            setattr(figure, name, value)
        # The plan already checked each estimate; the database's constraints stand behind it. Only
        # the model's own rules run here: validating the constraints and the source in Python would
        # cost three queries a figure.
        figure.full_clean(exclude=["career", "source"], validate_constraints=False)
    draft.salary_figures.set(figures)
    revision = draft.save_revision(user=user, log_action=True)
    if career_plan.will_publish:
        revision.publish(user=user)
        result.published.append(draft)
    else:
        result.drafted.append(draft)
