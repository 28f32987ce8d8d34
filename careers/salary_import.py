"""Plan and apply a salary CSV import, all or nothing, as new revisions of the careers it changes.

:func:`plan_import` is the dry run: it reads the file (careers/salary_csv.py), looks up each
line's career, and reports either every problem or what each career would gain. It writes
nothing. No career may end up with more than ``SALARY_IMPORT_MAX_FIGURES_PER_CAREER`` figures.
A row updates the career's figure for that region, or adds one when the career has none for it.

:func:`apply_import` checks the file again and runs in one transaction, saving a new revision
of each career it changes, so every change shows in the page's history and can be rolled back.
The revision is published only when the career was live with no unpublished draft and the
importing user may publish it; otherwise it stays a draft for the usual review, and the dry
run says which will happen.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from careers.models import CareerPage, SalaryFigure
from careers.salary_csv import Problem, SalaryLine, decode, quote, read_lines

logger = logging.getLogger(__name__)

APPLY_FAILED_MESSAGE = (
    "Nothing was imported: saving the figures failed, so every change was rolled back. "
    "Try again; if it fails again, ask a site administrator to look in the server log."
)

User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class FigureChange:
    """What one line does to one career: add a region, update it, or nothing (same figures)."""

    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"

    line: SalaryLine
    action: str
    before: str = ""

    @property
    def after(self) -> str:
        row = self.line
        kind = SalaryFigure.TypicalKind(row.typical_kind).label
        return (
            f"£{row.minimum:,}–£{row.maximum:,}, {row.region} {kind} £{row.typical:,} "
            f"({row.source.name}, {row.gathered_on:%d/%m/%Y})"
        )


@dataclass
class CareerChange:
    """Everything the file changes on one career, and whether the new revision is published."""

    career: CareerPage
    changes: list[FigureChange]
    will_publish: bool
    reason: str

    @property
    def has_changes(self) -> bool:
        return any(change.action != FigureChange.UNCHANGED for change in self.changes)


@dataclass
class ImportPlan:
    """The outcome of a dry run: the changes per career, or the problems that stop the import."""

    careers: list[CareerChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    line_count: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.problems

    @property
    def changed_careers(self) -> list[CareerChange]:
        return [change for change in self.careers if change.has_changes]

    def count(self, action: str) -> int:
        return sum(1 for career in self.careers for change in career.changes if change.action == action)


@dataclass
class ImportResult:
    """What an applied import did."""

    published: list[CareerPage] = field(default_factory=list)
    drafted: list[CareerPage] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        return not self.problems


class ImportFailed(Exception):
    """Raised inside the transaction to roll every change back."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def _figure_text(figure: SalaryFigure) -> str:
    kind = figure.get_typical_kind_display()
    source = figure.source.name if figure.source_id else "no source"
    gathered = f"{figure.gathered_on:%d/%m/%Y}" if figure.gathered_on else "no date"
    return (
        f"£{figure.minimum:,}–£{figure.maximum:,}, {figure.region} {kind} £{figure.typical:,} "
        f"({source}, {gathered})"
    )


def _same(figure: SalaryFigure, line: SalaryLine) -> bool:
    return all(getattr(figure, name) == value for name, value in line.values().items())


def publish_decision(
    page: CareerPage, user: User | None, in_moderation: bool | None = None
) -> tuple[bool, str]:
    """Whether an import's new revision of ``page`` is published, and why, in the editor's words.

    ``in_moderation`` may be given when the caller looked it up for many careers at once."""
    if in_moderation is None:
        in_moderation = page.workflow_in_progress
    if not page.live:
        return False, "Saved as a draft: the career is not published."
    if page.has_unpublished_changes:
        return False, "Saved as a draft: the career already has unpublished changes, which stay unpublished."
    if in_moderation:
        return False, "Saved as a draft: the career is in moderation."
    if user is not None and not page.permissions_for_user(user).can_publish():
        return False, "Saved as a draft: you may not publish it; submit it for moderation."
    return True, "Published: the career was live with no pending draft."


def _careers_by_slug(slugs: Iterable[str]) -> dict[str, list[CareerPage]]:
    found: dict[str, list[CareerPage]] = {}
    for page in CareerPage.objects.filter(slug__in=set(slugs)).order_by("path"):
        found.setdefault(page.slug, []).append(page)
    return found


def plan_import(data: bytes, user: User | None = None) -> ImportPlan:
    """A dry run: every problem in the file, or what importing it would change. Writes nothing.

    ``user`` (None for the management command) limits the careers that may be
    changed to those the user can edit, and decides whether changes are published.
    """
    text, problems = decode(data)
    if text is None:
        return ImportPlan(problems=problems)
    lines, problems, line_count = read_lines(text)
    plan = ImportPlan(problems=problems, line_count=line_count)
    careers = _careers_by_slug(line.career_slug for line in lines)
    by_career: dict[int, tuple[CareerPage, list[SalaryLine]]] = {}
    for line in lines:
        matches = careers.get(line.career_slug, [])
        if not matches:
            plan.problems.append(
                Problem(f"There is no career with the slug “{quote(line.career_slug)}”.", line.line, "career")
            )
            continue
        if len(matches) > 1:
            plan.problems.append(
                Problem(
                    f"More than one career has the slug “{quote(line.career_slug)}”; "
                    "give each a unique slug first.",
                    line.line,
                    "career",
                )
            )
            continue
        page = matches[0]
        if user is not None and not page.permissions_for_user(user).can_edit():
            plan.problems.append(
                Problem(f"You do not have permission to edit “{page.title}”.", line.line, "career")
            )
            continue
        by_career.setdefault(page.pk, (page, []))[1].append(line)

    max_figures: int = settings.SALARY_IMPORT_MAX_FIGURES_PER_CAREER
    for page, career_lines in by_career.values():
        draft = page.get_latest_revision_as_object()
        figures = {figure.region.lower(): figure for figure in draft.salary_figures.all()}
        changes = []
        total = len(figures)
        over_cap = False
        for line in career_lines:
            figure = figures.get(line.region.lower())
            if figure is None:
                total += 1
                if total > max_figures and not over_cap:
                    over_cap = True
                    # Reported once, on the line that goes over, with what the career would reach.
                    added = sum(1 for row in career_lines if row.region.lower() not in figures)
                    plan.problems.append(
                        Problem(
                            f"“{page.title}” would have {len(figures) + added} salary figures after this "
                            f"import; a career may have at most {max_figures}, so its page stays readable. "
                            "Import fewer regions for it, or remove some of its figures first.",
                            line.line,
                            "region",
                        )
                    )
                changes.append(FigureChange(line, FigureChange.ADD))
            elif _same(figure, line):
                changes.append(FigureChange(line, FigureChange.UNCHANGED, _figure_text(figure)))
            else:
                changes.append(FigureChange(line, FigureChange.UPDATE, _figure_text(figure)))
        will_publish, reason = publish_decision(page, user)
        plan.careers.append(CareerChange(page, changes, will_publish, reason))
    plan.problems.sort(key=lambda problem: problem.line or 0)
    plan.careers.sort(key=lambda change: change.career.title.lower())
    return plan


def apply_import(data: bytes, user: User | None = None) -> ImportResult:
    """Check the file again and, if it is still valid, apply it in one transaction.

    Each changed career gets one new revision (by ``user``) holding its updated
    figures; it is published only as :func:`plan_import` said. Any failure rolls
    the whole import back and is returned as a problem in plain words: a database's
    own message (which may quote SQL) goes to the server log, never to the editor.
    """
    result = ImportResult()
    try:
        with transaction.atomic():
            plan = plan_import(data, user)
            if not plan.is_valid:
                raise ImportFailed(plan.problems)
            for career_change in plan.changed_careers:
                _apply_career(career_change, user if _is_real(user) else None, result)
    except ImportFailed as failure:
        return ImportResult(problems=failure.problems)
    except ValidationError as error:
        # The model's own checks, in its own words (the dry run normally catches these first).
        logger.warning("Salary import refused by model validation: %s", error.messages)
        return ImportResult(problems=[Problem("Nothing was imported: " + " ".join(error.messages))])
    except Exception:
        logger.exception("Salary import failed while applying; every change was rolled back")
        return ImportResult(problems=[Problem(APPLY_FAILED_MESSAGE)])
    return result


def _is_real(user: User | None) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


def _apply_career(career_change: CareerChange, user: AbstractBaseUser | None, result: ImportResult) -> None:
    # Locked against concurrent edits for the transaction, then read as its latest draft so
    # an editor's unpublished work is kept and only the imported regions change.
    page = CareerPage.objects.select_for_update().get(pk=career_change.career.pk)
    draft = page.get_latest_revision_as_object()
    figures = list(draft.salary_figures.all())
    by_region = {figure.region.lower(): figure for figure in figures}
    next_order = max((figure.sort_order or 0 for figure in figures), default=-1) + 1
    for change in career_change.changes:
        if change.action == FigureChange.UNCHANGED:
            continue
        line = change.line
        figure = by_region.get(line.region.lower())
        if figure is None:
            figure = SalaryFigure(region=line.region, sort_order=next_order)
            next_order += 1
            figures.append(figure)
            result.added += 1
        else:
            result.updated += 1
        figure.minimum = line.minimum
        figure.typical = line.typical
        figure.typical_kind = line.typical_kind
        figure.maximum = line.maximum
        figure.source = line.source
        figure.gathered_on = line.gathered_on
        figure.full_clean(exclude=["career"])
    draft.salary_figures.set(figures)
    revision = draft.save_revision(user=user, log_action=True)
    if career_change.will_publish:
        revision.publish(user=user)
        result.published.append(page)
    else:
        result.drafted.append(page)
