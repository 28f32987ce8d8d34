"""Read the ONS ASHE annual-pay workbook (Tables 14.7 and 15.7) into :class:`EarningsTables`.

``read_workbook`` never raises on bad input and never returns half a workbook: it returns every
estimate, or no estimate and the problems, each naming the sheet and cell an editor should fix.
docs/ons-workbook.md describes the layout; careers/earnings_workbook_writer.py writes it.

The rules, chosen to be robust to how the ONS and Excel vary the file:

- Bytes go through careers/xlsx_safety.py first (size, not a zip, password-protected or .xls,
  zip bombs), then openpyxl opens them read-only and rows are streamed.
- A sheet is a table by the label in its title (cell A1: "Table 14.7a ...") or, when A1 has no
  label, by its name ("Table 14.7a" or "14.7a"). 14.7a is the UK by occupation (required),
  15.7a region by occupation, 14.7b and 15.7b their coefficients of variation (optional). When
  several sheets carry one label (the ONS's All/Male/Female sheets), the one named "All" or
  titled "for all employee jobs" is used.
- The header is the first of the first 20 rows with a "Code" and a "Median" cell; columns are
  mapped by their header text, the percentiles by the numbers under the merged "Percentiles" cell.
- A row with a code is data; a row without one ("All employees", notes) is skipped, and the first
  row without one after a blank row starts the footer, where reading stops.
- In Table 15.7a, a row whose code is a GSS code (careers/regions.py) starts that region's rows.
  A UK section there repeats Table 14.7a, whose rows stand.
- The year and release come from Table 14.7a's title ("2026 provisional", "2025 revised"); a
  year after "SOC" is the classification's. A title that says neither word is taken as
  provisional: a later revised workbook then replaces it as a revision, whereas assuming
  "revised" would call figures final when nothing says they are.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, islice
from typing import TYPE_CHECKING

from django.conf import settings
from openpyxl.utils import get_column_letter

from careers.ons_estimates import PUBLISHED_PERCENTILES, EarningsTables, Estimate, WorkbookProblem
from careers.ons_workbook_cells import (
    HEADER_SEARCH_ROWS,
    CellError,
    Layout,
    cell_in,
    code_of,
    coefficient_of_variation,
    description_of,
    find_layout,
    header_without_code,
    is_blank,
    is_region_code,
    jobs,
    pounds,
    year_and_release,
)
from careers.regions import BY_GSS_CODE, UK, Region
from careers.xlsx_safety import container_problem, damage_message, open_workbook

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

logger = logging.getLogger(__name__)

TITLE_LABEL = re.compile(r"\btable\s*(1[45])\.7\s*([ab])\b", re.IGNORECASE)
SHEET_LABEL = re.compile(r"(?:table\s*)?(1[45])\.7\s*([ab])", re.IGNORECASE)
ANY_TABLE = re.compile(r"\btable\s*(\d{1,2}\.\d{1,2}[ab]?)", re.IGNORECASE)
ILLUSTRATIVE = "illustrative demonstration data"
# Cheap guards: a real workbook has about 400 occupations and a few thousand rows per sheet.
MAX_ROWS = 100_000
MAX_OCCUPATIONS = 5_000
MAX_PROBLEMS = 50
MAX_COLUMNS = 60
COVER_ROWS = 50


@dataclass(frozen=True)
class TableKind:
    label: str
    role: str  # "occupation" or "region", as EarningsTables.tables names them
    cvs: bool


KINDS = {
    ("14", "a"): TableKind("Table 14.7a", "occupation", cvs=False),
    ("14", "b"): TableKind("Table 14.7b", "occupation", cvs=True),
    ("15", "a"): TableKind("Table 15.7a", "region", cvs=False),
    ("15", "b"): TableKind("Table 15.7b", "region", cvs=True),
}
OCCUPATION = KINDS[("14", "a")]


@dataclass
class Row:
    """One data row as read, before the CVs are joined to it."""

    region: Region
    code: str
    description: str
    number: int
    values: dict[str | int, object] = field(default_factory=dict)  # percentiles by their number


@dataclass
class Table:
    kind: TableKind
    sheet: ReadOnlyWorksheet
    title: str


class TooManyProblems(Exception):
    """Enough problems for an editor to start on; reading further would only add more."""


def read_workbook(data: bytes) -> EarningsTables:
    """Every estimate in an ONS earnings workbook, or the problems that stop it being read."""
    problem = container_problem(
        bytes(data),
        max_bytes=settings.SALARY_WORKBOOK_MAX_BYTES,
        max_unzipped_bytes=settings.SALARY_WORKBOOK_MAX_UNZIPPED_BYTES,
    )
    if problem:
        return EarningsTables(problems=[WorkbookProblem(problem)])
    try:
        workbook = open_workbook(data)
    except Exception as error:  # openpyxl and its XML parser raise many kinds on a damaged file
        return EarningsTables(problems=[WorkbookProblem(damage_message(error))])
    try:
        return _Reading(workbook).read()
    except Exception as error:
        logger.warning("An earnings workbook could not be read", exc_info=True)
        return EarningsTables(problems=[WorkbookProblem(damage_message(error))])
    finally:
        workbook.close()


class _Reading:
    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.problems: list[WorkbookProblem] = []
        self.illustrative = False

    def problem(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        self.problems.append(WorkbookProblem(message, sheet, cell))
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems

    def read(self) -> EarningsTables:
        try:
            tables = self._read_tables()
        except TooManyProblems:
            tables = None
        if self.problems or tables is None:
            return EarningsTables(problems=self.problems)
        return tables

    def _read_tables(self) -> EarningsTables | None:
        found = self._find_tables()
        occupation = found.get(OCCUPATION)
        if occupation is None:
            return None
        year, release = year_and_release(occupation.title)
        if year is None:
            self.problem(
                f"the title names no year, e.g. “{OCCUPATION.label} ... United Kingdom, 2026 provisional”",
                occupation.sheet.title,
                "A1",
            )
        for table in found.values():
            other_year = year_and_release(table.title)[0]
            if year and other_year and other_year != year:
                self.problem(
                    f"the title is for {other_year}, but {OCCUPATION.label}'s is for {year}",
                    table.sheet.title,
                    "A1",
                )
        rows = {kind: self._read_rows(table) for kind, table in found.items()}
        tables = EarningsTables(year=year, release=release, illustrative=self.illustrative)
        for kind in (OCCUPATION, KINDS[("15", "a")]):
            if kind not in found:
                continue
            tables.tables[kind.role] = kind.label
            cv_kind = next((other for other in rows if other.role == kind.role and other.cvs), None)
            cvs = {(row.region.slug, row.code): row.values.get("cv") for row in rows.get(cv_kind, [])}
            for row in rows[kind]:
                key = (row.region.slug, row.code)
                if key not in tables.estimates:  # a UK section in Table 15.7a repeats Table 14.7a
                    tables.add(self._estimate(row, kind, found[kind].sheet.title, cvs.get(key)))
        if tables.occupation_count() > MAX_OCCUPATIONS:
            self.problem(
                f"the workbook has {tables.occupation_count():,} SOC codes; at most {MAX_OCCUPATIONS:,}"
            )
        return tables

    def _find_tables(self) -> dict[TableKind, Table]:
        candidates: dict[TableKind, list[Table]] = {}
        others: list[str] = []
        for sheet in self.workbook.worksheets:
            sheet.reset_dimensions()  # a file may understate its size; read every row it has
            top = list(islice(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), COVER_ROWS))
            title = " ".join(str(top[0][0]).split()) if top and top[0] and top[0][0] is not None else ""
            match = TITLE_LABEL.search(title) or SHEET_LABEL.fullmatch(sheet.title.strip())
            if match:
                kind = KINDS[(match.group(1), match.group(2).lower())]
                candidates.setdefault(kind, []).append(Table(kind, sheet, title))
                continue
            texts = (value.lower() for row in top for value in row if isinstance(value, str))
            self.illustrative = self.illustrative or any(ILLUSTRATIVE in text for text in texts)
            if other := ANY_TABLE.search(title):
                others.append(f"Table {other.group(1)}")
        found = {kind: table for kind, tables in candidates.items() if (table := self._choose(kind, tables))}
        if OCCUPATION not in candidates:
            names = ", ".join(f"“{sheet.title}”" for sheet in self.workbook.worksheets)
            hint = f" It holds {', '.join(others)}; the portal reads annual gross pay." if others else ""
            self.problem(
                f"No sheet holds {OCCUPATION.label} (annual gross pay by 4-digit SOC code): its title in "
                f"cell A1, or the sheet's name, should say “{OCCUPATION.label}”. Sheets: {names}.{hint}"
            )
        return found

    def _choose(self, kind: TableKind, tables: list[Table]) -> Table | None:
        if len(tables) == 1:
            return tables[0]
        preferred = [
            table
            for table in tables
            if table.sheet.title.strip().lower() == "all" or "for all employee jobs" in table.title.lower()
        ]
        if len(preferred) == 1:
            return preferred[0]
        names = ", ".join(f"“{table.sheet.title}”" for table in tables)
        self.problem(
            f"{kind.label} is on {len(tables)} sheets ({names}); keep only the one for all employee jobs"
        )
        return None

    def _read_rows(self, table: Table) -> list[Row]:
        kind, name = table.kind, table.sheet.title
        stream = table.sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        head = list(islice(stream, HEADER_SEARCH_ROWS))
        layout = find_layout(head)
        if layout is None:
            if number := header_without_code(head):
                self.problem(
                    "the table has no SOC “Code” column: its header row has “Median” but no “Code”",
                    name,
                    f"A{number}",
                )
            else:
                self.problem(
                    "the table has no SOC “Code” column: none of its first "
                    f"{HEADER_SEARCH_ROWS} rows has both a “Code” and a “Median” heading",
                    name,
                )
            return []
        missing = [point for point in PUBLISHED_PERCENTILES if point not in layout.percentiles]
        if missing and not kind.cvs:
            self.problem(
                f"the percentile columns {', '.join(map(str, missing))} are missing: they belong under "
                "the “Percentiles” heading",
                name,
                f"A{layout.header_row}",
            )
        rows: list[Row] = []
        seen: dict[tuple[str, str], int] = {}
        region: Region | None = UK if kind.role == "occupation" else None
        code_column = layout.columns["code"]
        # After a heading the reader could not place, its rows are skipped: that heading is the problem.
        started = after_blank = unplaced = False
        for number, values in enumerate(
            chain(head[layout.first_data_row - 1 :], stream), layout.first_data_row
        ):
            if number > MAX_ROWS:
                self.problem(
                    f"the sheet has more than {MAX_ROWS:,} rows; a real table has a few thousand", name
                )
                break
            if is_blank(values):
                after_blank = started
                continue
            where = f"{get_column_letter(code_column + 1)}{number}"
            try:
                code = code_of(cell_in(values, code_column))
            except CellError as error:
                self.problem(str(error), name, where)
                continue
            if code is None:
                if after_blank:
                    break  # the footer: notes, the key to the CVs, the source
                continue
            started, after_blank = True, False
            if is_region_code(code):
                region = self._region(code, kind, name, where)
                unplaced = region is None
            elif unplaced:
                continue
            elif region is None:
                self.problem(
                    f"SOC code {code} comes before any region's heading row (the region's name with "
                    "its GSS code, e.g. North East, E12000001)",
                    name,
                    where,
                )
            elif (region.slug, code) in seen:
                first = seen[(region.slug, code)]
                self.problem(
                    f"SOC code {code} appears twice for {region.name}: rows {first} and {number}", name, where
                )
            else:
                seen[(region.slug, code)] = number
                rows.append(self._row(values, layout, kind, name, number, region, code))
        return rows

    def _region(self, code: str, kind: TableKind, name: str, where: str) -> Region | None:
        region = BY_GSS_CODE.get(code)
        if region is None:
            self.problem(f"{code} is not the GSS code of the UK, a nation or an English region", name, where)
        elif kind.role == "occupation" and region != UK:
            self.problem(
                f"{OCCUPATION.label} is for the whole UK; {region.name}'s rows belong in Table 15.7a",
                name,
                where,
            )
            return None
        return region

    def _row(
        self,
        values: tuple,
        layout: Layout,
        kind: TableKind,
        name: str,
        number: int,
        region: Region,
        code: str,
    ) -> Row:
        columns = layout.columns
        row = Row(region, code, "", number)
        readers = {"cv": (columns["median"], coefficient_of_variation)}
        if not kind.cvs:
            readers = {
                "description": (columns.get("description"), description_of),
                "median": (columns["median"], pounds),
                "mean": (columns.get("mean"), pounds),
                "job_count": (columns.get("jobs"), jobs),
            } | {point: (column, pounds) for point, column in layout.percentiles.items()}
        for key, (column, reader) in readers.items():
            try:
                row.values[key] = reader(cell_in(values, column))
            except CellError as error:
                self.problem(str(error), name, f"{get_column_letter(column + 1)}{number}")
        description = str(row.values.pop("description", "") or "")
        # Some editions put the code before the words: "2134 Programmers and ...".
        row.description = description.removeprefix(f"{code} ").strip() if description != code else ""
        return row

    def _estimate(self, row: Row, kind: TableKind, sheet: str, cv: Decimal | None) -> Estimate:
        values = row.values
        return Estimate(
            soc_code=row.code,
            description=row.description,
            region=row.region,
            table=kind.label,
            median=values.get("median"),
            mean=values.get("mean"),
            job_count=values.get("job_count"),
            percentiles={point: values.get(point) for point in PUBLISHED_PERCENTILES},
            cv=cv,
            sheet=sheet,
            row=row.number,
        )
