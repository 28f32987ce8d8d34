"""Import salary figures from a CSV file: read, check, plan, then apply all or nothing.

The file has one salary band per line::

    career,region,minimum,typical,typical kind,maximum,source,date
    ai-specialist,UK,28000,45000,average,75000,ONS ASHE 2025,2026-03-01

``career`` is a career page's slug, ``source`` names an existing SalarySource,
``typical kind`` is "median" or "average", and ``date`` is ISO (2026-03-01) or
UK style (01/03/2026). A row updates the career's figure for that region, or
adds one when the career has none for it.

Nothing is written until every line is valid (:func:`plan_import` reports each
problem by line and column, in plain words). A file may have at most
``SALARY_IMPORT_MAX_ROWS`` rows, every figure must lie within
``SALARY_PLAUSIBLE_RANGE``, no career may end up with more than
``SALARY_IMPORT_MAX_FIGURES_PER_CAREER`` figures, and a cell may hold no control
character (NUL and the like). :func:`apply_import` then runs in
one transaction and saves a new revision of each career it changes, so every
change shows in the page's history and can be rolled back. The revision is
published only when the career was live with no unpublished draft and the
importing user may publish it; otherwise it stays a draft for the usual
review, and the dry run says which will happen.
"""

from __future__ import annotations

import csv
import datetime
import io
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careers.models import CareerPage, SalaryFigure, SalarySource, implausible_salary_message

logger = logging.getLogger(__name__)

COLUMNS = ("career", "region", "minimum", "typical", "typical kind", "maximum", "source", "date")
MAX_BYTES = 1024 * 1024
MAX_REGION_LENGTH = SalaryFigure._meta.get_field("region").max_length
_MONEY_RE = re.compile(r"^\d+(\.0+)?$")
_TYPICAL_KINDS = {
    "median": SalaryFigure.TypicalKind.MEDIAN,
    "average": SalaryFigure.TypicalKind.AVERAGE,
    "mean": SalaryFigure.TypicalKind.AVERAGE,
}

# Invisible characters that have no place in a salary file and that some databases refuse
# outright (PostgreSQL cannot store NUL). Joiners stay allowed: some scripts need them.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_ALLOWED_INVISIBLE = {"\u200c", "\u200d"}
FORBIDDEN_CHARACTER_MESSAGE = (
    "This value contains a character that is not allowed (an invisible control character such as NUL). "
    "Retype the value in the spreadsheet and save the file again."
)
APPLY_FAILED_MESSAGE = (
    "Nothing was imported: saving the figures failed, so every change was rolled back. "
    "Try again; if it fails again, ask a site administrator to look in the server log."
)
# Longer values are cut short when a message quotes them.
_QUOTE_LENGTH = 40

User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, placed by line (1 is the header) and column where it can be."""

    message: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"Line {self.line}")
        if self.column:
            where.append(f"column “{self.column}”")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class SalaryLine:
    """One valid line of the file."""

    line: int
    career_slug: str
    region: str
    minimum: int
    typical: int
    typical_kind: str
    maximum: int
    source: SalarySource
    gathered_on: datetime.date

    def values(self) -> dict[str, Any]:
        return {
            "minimum": self.minimum,
            "typical": self.typical,
            "typical_kind": self.typical_kind,
            "maximum": self.maximum,
            "source_id": self.source.pk,
            "gathered_on": self.gathered_on,
        }


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


# --------------------------------------------------------------------------- reading


def decode(data: bytes) -> tuple[str | None, list[Problem]]:
    """The file as text, or the problem that stops it being read at all."""
    if len(data) > MAX_BYTES:
        return None, [Problem(file_too_large_message(len(data)))]
    if not data.strip():
        return None, [Problem("The file is empty. Choose a CSV file with a header line and salary rows.")]
    try:
        # utf-8-sig drops the byte order mark spreadsheet programs add to "CSV UTF-8" files.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                "The file is not UTF-8 text, so its letters cannot be read reliably. "
                "Save it as “CSV UTF-8” and try again.",
                line=line,
            )
        ]
    return text, []


def file_too_large_message(size: int) -> str:
    return (
        f"The file is too large ({size / 1024 / 1024:.1f} MB). "
        f"The limit is {MAX_BYTES // 1024 // 1024} MB: split it into smaller files."
    )


def has_forbidden_character(value: str) -> bool:
    if value.isprintable():
        return False
    return any(
        unicodedata.category(char) in _FORBIDDEN_CATEGORIES and char not in _ALLOWED_INVISIBLE
        for char in value
    )


def _quote(value: str) -> str:
    return value if len(value) <= _QUOTE_LENGTH else value[: _QUOTE_LENGTH - 1] + "…"


def _normalise_heading(heading: str) -> str:
    return " ".join(heading.replace("_", " ").strip().lower().split())


def _read_header(header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    if any(has_forbidden_character(heading) for heading in header):
        return {}, [
            Problem(
                "The header line contains a character that is not allowed (an invisible control "
                "character such as NUL). The first line must be: " + ",".join(COLUMNS) + ".",
                line=1,
            )
        ]
    names = [_normalise_heading(heading) for heading in header]
    positions = {name: index for index, name in enumerate(names) if name}
    missing = [column for column in COLUMNS if column not in positions]
    unknown = [header[index].strip() for index, name in enumerate(names) if name and name not in COLUMNS]
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    problems = []
    if missing or unknown or repeated:
        parts = []
        if missing:
            parts.append("it has no " + ", ".join(f"“{name}”" for name in missing) + " column")
        if unknown:
            parts.append(
                "“" + "”, “".join(_quote(name) for name in unknown) + "” is not a column this import knows"
            )
        if repeated:
            parts.append("“" + "”, “".join(repeated) + "” appears more than once")
        problems.append(
            Problem(
                "The header line is wrong: "
                + "; ".join(parts)
                + ". The first line must be: "
                + ",".join(COLUMNS)
                + ".",
                line=1,
            )
        )
    return positions, problems


def parse_money(raw: str) -> int | None:
    """'45000', '45,000', '£45,000' or '45000.00' as whole pounds; None if it is not a number."""
    cleaned = raw.strip().lstrip("£").replace(",", "").replace(" ", "")
    if not _MONEY_RE.match(cleaned):
        return None
    return int(cleaned.split(".")[0])


def parse_date(raw: str) -> datetime.date | None:
    """2026-03-01 or 01/03/2026 (day first, UK style); None if it is neither."""
    raw = raw.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a plain date
        except ValueError:
            continue
    return None


def read_lines(text: str) -> tuple[list[SalaryLine], list[Problem], int]:
    """Check every line on its own: values, ranges, sources, dates and duplicates.

    Returns the valid lines, the problems and the number of data lines read.
    Careers are checked later, against the database, in :func:`plan_import`.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return [], [Problem("The file is empty. Choose a CSV file with a header line and salary rows.")], 0
    positions, problems = _read_header(header)
    if problems:
        return [], problems, 0

    max_rows: int = settings.SALARY_IMPORT_MAX_ROWS
    sources = {source.name.strip().lower(): source for source in SalarySource.objects.all()}
    today = timezone.localdate()
    lines: list[SalaryLine] = []
    seen: dict[tuple[str, str], int] = {}
    data_lines = 0
    try:
        for fields in reader:
            line_number = reader.line_num
            if not any(value.strip() for value in fields):
                continue
            data_lines += 1
            if data_lines > max_rows:
                # Stop reading: an oversized file is refused whole, however its rows look.
                problems.append(
                    Problem(
                        f"The file has more than {max_rows:,} salary rows; this is row {data_lines:,}. "
                        f"Split it into files of at most {max_rows:,} rows and import them one by one.",
                        line=line_number,
                    )
                )
                break
            if len(fields) != len(header):
                problems.append(
                    Problem(
                        f"This line has {len(fields)} values but the header has {len(header)}. "
                        "Check for a missing or extra comma.",
                        line=line_number,
                    )
                )
                continue
            row = {name: fields[index].strip() for name, index in positions.items()}
            parsed, row_problems = _read_row(row, line_number, sources, today)
            problems.extend(row_problems)
            if parsed is None:
                continue
            key = (parsed.career_slug, parsed.region.lower())
            if key in seen:
                problems.append(
                    Problem(
                        f"This repeats line {seen[key]}: the same career and region appear twice. "
                        "Keep one of them.",
                        line=line_number,
                        column="region",
                    )
                )
                continue
            seen[key] = line_number
            lines.append(parsed)
    except csv.Error as error:
        problems.append(Problem(f"The file is not valid CSV ({error}).", line=reader.line_num))
    if not data_lines and not problems:
        problems.append(Problem("The file has a header line but no salary rows.", line=2))
    return lines, problems, data_lines


def _read_row(
    row: dict[str, str], line: int, sources: dict[str, SalarySource], today: datetime.date
) -> tuple[SalaryLine | None, list[Problem]]:
    problems: list[Problem] = []

    def problem(column: str, message: str) -> None:
        problems.append(Problem(message, line=line, column=column))

    # Checked first: a value with a NUL in it must reach neither a message nor a query.
    for column in COLUMNS:
        if has_forbidden_character(row[column]):
            problem(column, FORBIDDEN_CHARACTER_MESSAGE)
    if problems:
        return None, problems

    for column in COLUMNS:
        if not row[column]:
            problem(column, "This value is missing.")

    money: dict[str, int | None] = {}
    for column in ("minimum", "typical", "maximum"):
        raw = row[column]
        money[column] = parse_money(raw) if raw else None
        value = money[column]
        if raw and value is None:
            problem(column, f"“{_quote(raw)}” is not a number. Write whole pounds, e.g. 45000.")
        elif value is not None and (message := implausible_salary_message(value)):
            problem(column, message)
            money[column] = None
    low, mid, high = money["minimum"], money["typical"], money["maximum"]
    if low is not None and high is not None and low > high:
        problem("minimum", f"The minimum (£{low:,}) is above the maximum (£{high:,}).")
    elif mid is not None and low is not None and mid < low:
        problem("typical", f"The typical salary (£{mid:,}) is below the minimum (£{low:,}).")
    elif mid is not None and high is not None and mid > high:
        problem("typical", f"The typical salary (£{mid:,}) is above the maximum (£{high:,}).")

    kind = _TYPICAL_KINDS.get(row["typical kind"].lower())
    if row["typical kind"] and kind is None:
        problem(
            "typical kind",
            f"“{_quote(row['typical kind'])}” is not a kind of typical salary: write median or average.",
        )

    if len(row["region"]) > MAX_REGION_LENGTH:
        problem("region", f"The region is longer than {MAX_REGION_LENGTH} characters.")

    source = sources.get(row["source"].lower())
    if row["source"] and source is None:
        known = ", ".join(sorted(s.name for s in sources.values())) or "none yet"
        problem(
            "source",
            f"There is no salary source called “{_quote(row['source'])}”. "
            "Add it under Careers › Salary sources "
            f"first, or use one that exists: {known}.",
        )

    gathered_on = parse_date(row["date"]) if row["date"] else None
    if row["date"] and gathered_on is None:
        problem("date", f"“{_quote(row['date'])}” is not a date. Write 2026-03-01 or 01/03/2026.")
    elif gathered_on is not None and gathered_on > today:
        problem("date", f"The date {gathered_on:%d/%m/%Y} is in the future.")

    if problems:
        return None, problems
    assert low is not None and mid is not None and high is not None  # noqa: S101 - checked above
    assert kind is not None and source is not None and gathered_on is not None  # noqa: S101
    return (
        SalaryLine(
            line=line,
            career_slug=row["career"],
            region=row["region"],
            minimum=low,
            typical=mid,
            typical_kind=kind,
            maximum=high,
            source=source,
            gathered_on=gathered_on,
        ),
        [],
    )


# --------------------------------------------------------------------------- planning


def _figure_text(figure: SalaryFigure) -> str:
    kind = figure.get_typical_kind_display()
    source = figure.source.name if figure.source_id else "no source"
    gathered = f"{figure.gathered_on:%d/%m/%Y}" if figure.gathered_on else "no date"
    return (
        f"£{figure.minimum:,}–£{figure.maximum:,}, {figure.region} {kind} £{figure.typical:,} "
        f"({source}, {gathered})"
    )


def _same(figure: SalaryFigure, line: SalaryLine) -> bool:
    current = {
        "minimum": figure.minimum,
        "typical": figure.typical,
        "typical_kind": figure.typical_kind,
        "maximum": figure.maximum,
        "source_id": figure.source_id,
        "gathered_on": figure.gathered_on,
    }
    return current == line.values()


def _publish_decision(page: CareerPage, user: User | None) -> tuple[bool, str]:
    if not page.live:
        return False, "Saved as a draft: the career is not published."
    if page.has_unpublished_changes:
        return False, "Saved as a draft: the career already has unpublished changes, which stay unpublished."
    if page.workflow_in_progress:
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
                Problem(
                    f"There is no career with the slug “{_quote(line.career_slug)}”.", line.line, "career"
                )
            )
            continue
        if len(matches) > 1:
            plan.problems.append(
                Problem(
                    f"More than one career has the slug “{_quote(line.career_slug)}”; "
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
        will_publish, reason = _publish_decision(page, user)
        plan.careers.append(CareerChange(page, changes, will_publish, reason))
    plan.problems.sort(key=lambda problem: problem.line or 0)
    plan.careers.sort(key=lambda change: change.career.title.lower())
    return plan


# --------------------------------------------------------------------------- applying


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
