"""Read a salary CSV: decode it, check its header, and check every line on its own.

The file has one salary band per line::

    career,region,minimum,typical,typical kind,maximum,source,date
    ai-specialist,UK,28000,45000,average,75000,ONS ASHE 2025,2026-03-01

``career`` is a career page's slug, ``source`` names an existing SalarySource,
``typical kind`` is "median" or "average", and ``date`` is ISO (2026-03-01) or
UK style (01/03/2026). Every problem is reported by line and column, in plain words.
A file may have at most ``SALARY_IMPORT_MAX_ROWS`` rows, every figure must lie within
``SALARY_PLAUSIBLE_RANGE``, and a cell may hold no control character (NUL and the like).
Careers are looked up later, against the database, by careers/salary_import.py.
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from careers.import_formats import parse_date, parse_money
from careers.models import SalaryFigure, SalarySource, implausible_salary_message

COLUMNS = ("career", "region", "minimum", "typical", "typical kind", "maximum", "source", "date")
MAX_BYTES = 1024 * 1024
MAX_REGION_LENGTH = SalaryFigure._meta.get_field("region").max_length
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
# Longer values are cut short when a message quotes them.
_QUOTE_LENGTH = 40


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


def quote(value: str) -> str:
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
                "“" + "”, “".join(quote(name) for name in unknown) + "” is not a column this import knows"
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


def read_lines(text: str) -> tuple[list[SalaryLine], list[Problem], int]:
    """Check every line on its own: values, ranges, sources, dates and duplicates.

    Returns the valid lines, the problems and the number of data lines read.
    Careers are checked later, against the database, by
    :func:`careers.salary_import.plan_import`.
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
            problem(column, f"“{quote(raw)}” is not a number. Write whole pounds, e.g. 45000.")
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
            f"“{quote(row['typical kind'])}” is not a kind of typical salary: write median or average.",
        )

    if len(row["region"]) > MAX_REGION_LENGTH:
        problem("region", f"The region is longer than {MAX_REGION_LENGTH} characters.")

    source = sources.get(row["source"].lower())
    if row["source"] and source is None:
        known = ", ".join(sorted(s.name for s in sources.values())) or "none yet"
        problem(
            "source",
            f"There is no salary source called “{quote(row['source'])}”. "
            "Add it under Careers › Salary sources "
            f"first, or use one that exists: {known}.",
        )

    gathered_on = parse_date(row["date"]) if row["date"] else None
    if row["date"] and gathered_on is None:
        problem("date", f"“{quote(row['date'])}” is not a date. Write 2026-03-01 or 01/03/2026.")
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
