"""One ONS earnings table's layout and cells: where its columns are, and what each cell says.

careers/ons_workbook.py walks the sheets; this module turns the header block into a
:class:`Layout` and each cell into a SOC or GSS code, pounds, jobs or a CV, raising
:class:`CellError` with the words an editor reads when a cell says something else.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from careers.ons_estimates import PUBLISHED_PERCENTILES

# What the ONS writes instead of a figure: x suppressed (unreliable or disclosive), .. not
# available, : not applicable, - nil or negligible. Each, like an empty cell, is "no figure".
MARKERS = frozenset({"x", "..", ":", "-", ""})
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SOC_CODE = re.compile(r"[1-9]\d{0,3}")
GSS_CODE = re.compile(r"[EKNSW]\d{8}")
NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-?\.\d+")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
RELEASES = ("provisional", "revised")
PERCENTILE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?(?: percentile)?")
# The header row is one of the first rows; a title and a few lines of notes come before it.
HEADER_SEARCH_ROWS = 20
# No real pay or job count comes near these; a bigger one is a misplaced cell.
MAX_POUNDS = 10_000_000
MAX_THOUSAND_JOBS = 100_000
MAX_CV = Decimal(1000)
MAX_DESCRIPTION = 255
MAX_HEADING = 30
ONE_DECIMAL = Decimal("0.1")


class CellError(ValueError):
    """A cell that does not say what its column needs; the message is the editor's."""


@dataclass
class Layout:
    """Where a table's header is, where its data starts, and its columns (0-based)."""

    header_row: int
    first_data_row: int
    columns: dict[str, int] = field(default_factory=dict)
    percentiles: dict[int, int] = field(default_factory=dict)


def shown(value: object) -> str:
    """A cell's value as a message quotes it: short, with control characters made visible."""
    text = str(value)
    text = CONTROL_CHARACTERS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"


def _text(value: object) -> str | None:
    return " ".join(value.split()).lower() if isinstance(value, str) else None


def year_and_release(title: str) -> tuple[int | None, str]:
    """The year and release a table's title names; "provisional" when it names no release."""
    text = " ".join(title.split()).lower()
    release = next((word for word in RELEASES if word in text), "provisional")
    years = [match for match in YEAR.finditer(text) if not text[: match.start()].rstrip().endswith("soc")]
    for match in years:
        if text[match.end() :].lstrip().startswith(release):
            return int(match.group(1)), release
    return (int(years[-1].group(1)) if years else None), release


def is_blank(values: tuple) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def cell_in(values: tuple, column: int | None) -> object:
    return values[column] if column is not None and column < len(values) else None


def column_key(value: object) -> str | None:
    """Which column a header cell names, or None; a long cell is a note, never a heading."""
    text = _text(value)
    if not text or len(text) > MAX_HEADING:
        return None
    for key, pattern in (
        ("description", r"description\b"),
        ("code", r"(soc )?code\b"),
        ("jobs", r"(number of )?jobs\b"),
        ("median", r"median\b"),
        ("mean", r"mean\b"),
        ("percentiles", r"percentiles?$"),
    ):
        if re.match(pattern, text):
            return key
    return None


def percentile_of(value: object) -> int | None:
    """The published percentile a sub-header cell names (10, "10", "10th"), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        point = int(value)
    else:
        text = _text(value)
        match = PERCENTILE.fullmatch(text) if text else None
        if not match:
            return None
        point = int(match.group(1))
    return point if point in PUBLISHED_PERCENTILES else None


def find_layout(rows: list[tuple]) -> Layout | None:
    """The layout of the first row among ``rows`` with both a "Code" and a "Median" cell."""
    for index, row in enumerate(rows):
        columns: dict[str, int] = {}
        for column, value in enumerate(row):
            key = column_key(value)
            if key and key not in columns:
                columns[key] = column
        if "code" not in columns or "median" not in columns:
            continue
        layout = Layout(header_row=index + 1, first_data_row=index + 2, columns=columns)
        start = columns.get("percentiles", 0)
        taken = set(columns.values()) - {start}
        # The percentiles sit under a merged "Percentiles" cell on the next row, or in the header row.
        for offset, candidate in enumerate(rows[index : index + 2]):
            if offset and len(candidate) > columns["code"] and candidate[columns["code"]] is not None:
                break  # a data row, not a sub-header
            found = {
                point: column
                for column, value in enumerate(candidate)
                if column >= start and column not in taken and (point := percentile_of(value))
            }
            if found:
                layout.percentiles = found
                layout.first_data_row = max(layout.first_data_row, index + offset + 2)
        return layout
    return None


def header_without_code(rows: list[tuple]) -> int | None:
    """The number of a row that names "Median" but has no "Code" column, to point an editor at."""
    for index, row in enumerate(rows):
        keys = {column_key(value) for value in row}
        if "median" in keys and "code" not in keys:
            return index + 1
    return None


def code_of(value: object) -> str | None:
    """A code cell's text without spaces (2134.0 read as "2134"), or None when it is empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(f"{shown(value)} is not a SOC code")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "".join(str(value).split())
    if not text:
        return None
    if SOC_CODE.fullmatch(text) or GSS_CODE.fullmatch(text.upper()):
        return text.upper()
    raise CellError(f"{shown(value)} is not a SOC code (1 to 4 digits) or a region's GSS code")


def is_region_code(code: str) -> bool:
    return bool(GSS_CODE.fullmatch(code))


def description_of(value: object) -> str:
    """A description cell's text, in one line."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    if CONTROL_CHARACTERS.search(text):
        raise CellError(f"{shown(text)} holds a control character; type the description again")
    if len(text) > MAX_DESCRIPTION:
        raise CellError(f"the description is {len(text)} characters long; at most {MAX_DESCRIPTION} fit")
    return text


def _number(value: object, what: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(f"{shown(value)} is not {what}")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellError(f"{shown(value)} is not {what}")
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not isinstance(value, str):
        # A date, a time or an error value (#N/A) where a figure belongs.
        raise CellError(f"{shown(value)} is not {what}")
    text = value.strip()
    if text.lower() in MARKERS:
        return None
    if CONTROL_CHARACTERS.search(text) or not NUMBER.fullmatch(text):
        raise CellError(f"{shown(value)} is not {what}")
    return Decimal(text.replace(",", ""))


def _whole(number: Decimal) -> int:
    return int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def pounds(value: object) -> int | None:
    """A money cell in whole pounds, or None for a marker or an empty cell."""
    number = _number(value, "a number of pounds")
    if number is None:
        return None
    if not 0 <= number <= MAX_POUNDS:
        raise CellError(f"{shown(value)} is not a plausible number of pounds (0 to {MAX_POUNDS:,})")
    return _whole(number)


def jobs(value: object) -> int | None:
    """A "Number of jobs (thousand)" cell in whole jobs (45.123 → 45,123)."""
    number = _number(value, "a number of jobs (in thousands)")
    if number is None:
        return None
    if not 0 <= number <= MAX_THOUSAND_JOBS:
        raise CellError(
            f"{shown(value)} is not a plausible number of jobs in thousands (0 to {MAX_THOUSAND_JOBS:,})"
        )
    return _whole(number * 1000)


def coefficient_of_variation(value: object) -> Decimal | None:
    """A CV cell in percent, to one decimal place as published."""
    number = _number(value, "a coefficient of variation (in percent)")
    if number is None:
        return None
    if not 0 <= number <= MAX_CV:
        raise CellError(f"{shown(value)} is not a plausible coefficient of variation (0 to {MAX_CV} %)")
    return number.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
