"""Write an ASHE annual-pay workbook in the layout the ONS publishes, for the demo, tests and benchmark.

careers/ons_workbook.py reads what this writes; docs/ons-workbook.md describes the layout:

- "Notes": a cover sheet the reader ignores, except that it may say
  "ILLUSTRATIVE DEMONSTRATION DATA" (made-up figures, the demo's own).
- "Table 14.7a": the UK by occupation. A1 holds the title ("Table 14.7a   Annual pay - Gross (£)
  - For all employee jobs (a): United Kingdom, 2026 provisional"), then two lines of notes, a
  blank row and a two-row header: Description, Code, Number of jobs (thousand), Median, Annual
  percentage change, Mean, Annual percentage change and a merged "Percentiles" cell over the
  percentile columns, whose numbers (10 ... 90) are on the second header row. Then one row per
  SOC group at 1, 2, 3 and 4 digits, a blank row and the footnotes.
- "Table 14.7b": the same rows, with the coefficient of variation of the median (in percent) in
  the Median column.
- "Table 15.7a" / "Table 15.7b": region by occupation: each region's heading row (its name and
  GSS code) followed by its rows, often only at coarser SOC levels.

Any value may be a marker string instead ("x" suppressed, ".." not available, ":" not
applicable, "-" nil); any other string is written as it is, so tests can write bad cells.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from itertools import chain

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from careers.ons_estimates import PUBLISHED_PERCENTILES
from careers.regions import Region

# A figure as written: a number, a marker or any other text, or None for an empty cell.
Value = int | float | Decimal | str | None

ILLUSTRATIVE_NOTICE = (
    "ILLUSTRATIVE DEMONSTRATION DATA: these figures are made up for the Careers Portal's demo "
    "and tests. They are not ONS statistics."
)
HEADINGS = (
    "Description",
    "Code",
    "Number of jobs (thousand)",
    "Median",
    "Annual percentage change",
    "Mean",
    "Annual percentage change",
)
FIRST_PERCENTILE_COLUMN = len(HEADINGS) + 1
FOOTNOTES = (
    "a  Employees on adult rates whose pay for the survey pay-period was not affected by absence.",
    "Key: The quality of an estimate is assessed by its coefficient of variation (CV), which is the "
    "ratio of the standard error of an estimate to the estimate.",
    "CV <= 5% precise; CV > 5% and <= 10% reasonably precise; CV > 10% and <= 20% acceptable; "
    "CV > 20% unreliable (not published, shown as x).",
    "x = unreliable or disclosive;  .. = not available;  : = not applicable;  - = nil or negligible.",
    "Source: Annual Survey of Hours and Earnings, Office for National Statistics.",
)
BOLD = Font(bold=True)


@dataclass(frozen=True)
class OccupationRow:
    """One SOC group's row: whole jobs (written in thousands), pounds, and the median's CV in percent.

    ``soc_code`` may be "" for a row without a code, such as "All employees".
    """

    soc_code: str
    description: str
    job_count: Value = None
    median: Value = None
    mean: Value = None
    percentiles: Mapping[int, Value] = field(default_factory=dict)
    cv: Value = None
    median_change: Value = None
    mean_change: Value = None


@dataclass(frozen=True)
class _Sheet:
    name: str
    title: str
    notes: tuple[str, ...]


def write_earnings_workbook(
    occupations: Sequence[OccupationRow],
    *,
    year: int,
    release: str,
    regional: Mapping[Region, Sequence[OccupationRow]] | None = None,
    illustrative: bool = False,
    cv: bool = True,
) -> bytes:
    """An xlsx workbook of Tables 14.7a/b (and 15.7a/b when ``regional`` is given), as bytes."""
    when = f"{year} {release}".strip()
    cv_title = "   Coefficients of variation (%)"
    pay = "Annual pay - Gross (£) - For all employee jobs (a)"
    values_note = "Median, mean and percentiles in pounds; number of jobs in thousands."
    cv_note = "Coefficients of variation of each estimate, in percent; number of jobs in thousands."
    # Not write-only: that mode leaves out each sheet's <dimension>, which Excel writes first and
    # without which openpyxl's read-only mode parses every sheet twice.
    workbook = Workbook()
    workbook.remove(workbook.active)
    _write_notes(workbook.create_sheet("Notes"), when, illustrative, regional is not None, cv)
    uk = (("", [], occupations),)
    sheets = [
        (_Sheet("Table 14.7a", f"Table 14.7a   {pay}: United Kingdom, {when}", (values_note,)), False, uk),
    ]
    if cv:
        title = f"Table 14.7b   {pay}: United Kingdom, {when}{cv_title}"
        sheets.append((_Sheet("Table 14.7b", title, (cv_note,)), True, uk))
    if regional is not None:
        sections = tuple((region.name, region.gss_code, rows) for region, rows in regional.items())
        title = f"Table 15.7a   {pay}: by region and occupation (SOC 2020), {when}"
        sheets.append((_Sheet("Table 15.7a", title, (values_note,)), False, sections))
        if cv:
            title = f"Table 15.7b   {pay}: by region and occupation (SOC 2020), {when}{cv_title}"
            sheets.append((_Sheet("Table 15.7b", title, (cv_note,)), True, sections))
    for sheet, cvs, sections in sheets:
        _write_table(workbook.create_sheet(sheet.name), sheet, cvs, sections)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _write_notes(sheet: Worksheet, when: str, illustrative: bool, regional: bool, cv: bool) -> None:
    sheet.column_dimensions["A"].width = 110
    lines = [
        f"Annual Survey of Hours and Earnings (ASHE): annual pay by occupation (SOC 2020), {when}",
        "",
        "Contents",
        "Table 14.7a  Annual pay - Gross (£), United Kingdom, by occupation (4-digit SOC 2020)",
        *(["Table 14.7b  Coefficients of variation for Table 14.7a"] if cv else []),
    ]
    if regional:
        lines.append("Table 15.7a  Annual pay - Gross (£), by region and occupation (SOC 2020)")
        lines += ["Table 15.7b  Coefficients of variation for Table 15.7a"] if cv else []
    if illustrative:
        lines = [ILLUSTRATIVE_NOTICE, "", *lines]
    for line in lines:
        sheet.append([line])
    sheet["A1"].font = BOLD


def _write_table(
    sheet: Worksheet,
    about: _Sheet,
    cvs: bool,
    sections: Sequence[tuple[str, str, Sequence[OccupationRow]]],
) -> None:
    sheet.column_dimensions["A"].width = 48
    for column in range(2, FIRST_PERCENTILE_COLUMN + len(PUBLISHED_PERCENTILES)):
        sheet.column_dimensions[get_column_letter(column)].width = 11
    sheet.append([about.title])
    sheet["A1"].font = BOLD
    for note in about.notes:
        sheet.append([note])
    sheet.append(["Occupation codes are SOC 2020; the key to the markers is below the table."])
    sheet.append([])
    sheet.append([*HEADINGS, "Percentiles"])
    sheet.append([None] * len(HEADINGS) + list(PUBLISHED_PERCENTILES))
    header_row = sheet.max_row - 1
    for cell in chain(sheet[header_row], sheet[header_row + 1]):
        cell.font = BOLD
    sheet.cell(header_row, FIRST_PERCENTILE_COLUMN).alignment = Alignment(horizontal="center")
    sheet.merge_cells(
        start_row=header_row,
        start_column=FIRST_PERCENTILE_COLUMN,
        end_row=header_row,
        end_column=FIRST_PERCENTILE_COLUMN + len(PUBLISHED_PERCENTILES) - 1,
    )
    for name, gss_code, rows in sections:
        if gss_code:
            sheet.append([name, gss_code])
            sheet.cell(sheet.max_row, 1).font = BOLD
        for row in rows:
            sheet.append(_cv_cells(row) if cvs else _value_cells(row))
    sheet.append([])
    for footnote in FOOTNOTES:
        sheet.append([footnote])


def _leading(row: OccupationRow) -> list[Value]:
    jobs = row.job_count
    if isinstance(jobs, int | float | Decimal) and not isinstance(jobs, bool):
        jobs = round(float(jobs) / 1000, 3)
    # Excel keeps a code typed as digits as a number; so do the ONS's workbooks.
    code = int(row.soc_code) if row.soc_code.isdigit() else row.soc_code or None
    return [row.description, code, jobs]


def _value_cells(row: OccupationRow) -> list[Value]:
    return [
        *_leading(row),
        _number(row.median),
        _number(row.median_change),
        _number(row.mean),
        _number(row.mean_change),
        *(_number(row.percentiles.get(point)) for point in PUBLISHED_PERCENTILES),
    ]


def _cv_cells(row: OccupationRow) -> list[Value]:
    # The ONS grades every column; the portal uses the median's CV, so only that one is written.
    return [*_leading(row), _number(row.cv)]


def _number(value: Value) -> Value:
    return float(value) if isinstance(value, Decimal) else value
