"""ONS earnings workbooks as the workbook tests build them: the published layout, then edits."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from io import BytesIO

from openpyxl import Workbook, load_workbook

from careers.earnings_workbook_writer import OccupationRow, write_earnings_workbook
from careers.ons_estimates import PUBLISHED_PERCENTILES, EarningsTables
from careers.regions import BY_SLUG

# The pay at each percentile, as a share of the median: enough to tell the columns apart.
SHARES = {10: 0.55, 20: 0.66, 25: 0.72, 30: 0.78, 40: 0.89, 60: 1.12, 70: 1.25, 75: 1.33, 80: 1.42, 90: 1.7}


def occupation(
    code: str, description: str, median: int, jobs: int = 50_000, cv: object = 3.1, **kw
) -> OccupationRow:
    # A suppressed median ("x") suppresses the row's other figures too.
    suppressed = isinstance(median, str)
    percentiles = {
        point: median if suppressed else round(median * SHARES[point]) for point in PUBLISHED_PERCENTILES
    }
    return OccupationRow(
        code,
        description,
        job_count=jobs,
        median=median,
        mean=kw.pop("mean", median if suppressed else round(median * 1.1)),
        percentiles=kw.pop("percentiles", percentiles),
        cv=cv,
        **kw,
    )


# Rows at 1, 2, 3 and 4 digits, as the ONS publishes them, after the uncoded "All employees".
UK_ROWS = (
    occupation("", "All employees", 35_000, jobs=28_500_000, cv=0.3),
    occupation("2", "Professional occupations", 46_000, jobs=6_700_000, cv=0.8),
    occupation("21", "Science, research, engineering and technology professionals", 50_000, jobs=1_900_000),
    occupation("213", "Information technology professionals", 55_000, jobs=900_000, cv=1.9),
    occupation("2133", "IT business analysts, architects and systems designers", 60_000, cv=4.2),
    occupation("2134", "Programmers and software development professionals", 52_000, jobs=45_123, cv=4.3),
    occupation("2136", "IT quality and testing professionals", 41_000, cv=12.5),
    # Suppressed: too few jobs in the sample to publish.
    occupation("2137", "Web design professionals", "x", jobs="x", cv="x", mean="x", percentiles={}),
)
LONDON_ROWS = (
    occupation("2", "Professional occupations", 58_000, jobs=1_400_000, cv=1.2),
    occupation("21", "Science, research, engineering and technology professionals", 63_000, jobs=400_000),
    occupation("2134", "Programmers and software development professionals", 65_000, jobs=12_000, cv=7.5),
)
# Wales only at coarser levels: no 4-digit rows at all.
WALES_ROWS = (
    occupation("2", "Professional occupations", 40_000, jobs=260_000, cv=2.2),
    occupation("21", "Science, research, engineering and technology professionals", 43_000, jobs=60_000),
)
# Scotland publishes the group but suppresses the 4-digit cell.
SCOTLAND_ROWS = (
    occupation("213", "Information technology professionals", 49_000, jobs=50_000, cv=6.0),
    occupation("2134", "Programmers and software development professionals", "x", jobs=4_000, cv="x"),
)
REGIONAL = {BY_SLUG["london"]: LONDON_ROWS, BY_SLUG["wales"]: WALES_ROWS, BY_SLUG["scotland"]: SCOTLAND_ROWS}


def workbook(
    rows=UK_ROWS, *, year: int = 2026, release: str = "provisional", regional=REGIONAL, **kw
) -> bytes:
    return write_earnings_workbook(rows, year=year, release=release, regional=regional, **kw)


def edit(data: bytes, change: Callable[[Workbook], None]) -> bytes:
    """The workbook after ``change`` has altered it, as Excel would save it."""
    book = load_workbook(BytesIO(data))
    change(book)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def row_of(sheet, code: str) -> int:
    """The number of the first row whose Code cell (column B) is ``code``."""
    for number in range(1, sheet.max_row + 1):
        if str(sheet.cell(number, 2).value) == code:
            return number
    raise AssertionError(f"no row with code {code} on {sheet.title}")


def put(data: bytes, sheet: str, code: str, column: str, value: object) -> tuple[bytes, str]:
    """The workbook with ``value`` in ``column`` of ``code``'s row, and that cell's reference."""
    where: list[str] = []

    def change(book: Workbook) -> None:
        cell = book[sheet][f"{column}{row_of(book[sheet], code)}"]
        cell.value = value
        where.append(cell.coordinate)

    changed = edit(data, change)
    return changed, where[0]


def zipped(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    output = BytesIO()
    with zipfile.ZipFile(output, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return output.getvalue()


def members_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def messages(tables: EarningsTables) -> list[str]:
    assert not tables.estimates, "a workbook with problems must give no estimates"
    return [str(problem) for problem in tables.problems]
