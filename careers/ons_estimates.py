"""What an ONS earnings workbook says, once read: one estimate per region and SOC code.

careers/ons_workbook.py reads the workbook into an :class:`EarningsTables`; careers/ons_import.py
turns it into salary figures. Both speak only these types, so neither depends on the other's
internals, and tests can build tables without a spreadsheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from careers.regions import UK, Region

# The percentiles ASHE publishes, besides the median.
PUBLISHED_PERCENTILES = (10, 20, 25, 30, 40, 60, 70, 75, 80, 90)
DATASET = "Annual Survey of Hours and Earnings"


@dataclass(frozen=True)
class Estimate:
    """One row of a published table: the pay of the jobs in one SOC group, in one region.

    A value the ONS marked instead of giving (x, .., :, -) is None. ``cv`` is the coefficient of
    variation of the median, in percent, where the workbook gives it.
    """

    soc_code: str
    description: str
    region: Region
    table: str
    median: int | None
    mean: int | None = None
    job_count: int | None = None
    percentiles: dict[int, int | None] = field(default_factory=dict)
    cv: Decimal | None = None
    # Where the row is, for messages: the sheet's name and the row's number.
    sheet: str = ""
    row: int = 0

    def percentile(self, point: int) -> int | None:
        return self.percentiles.get(point)


@dataclass(frozen=True)
class WorkbookProblem:
    """Something wrong with the workbook, placed by sheet and cell where it can be."""

    message: str
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(f"Sheet “{self.sheet}”")
        if self.cell:
            where.append(f"cell {self.cell}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class EarningsTables:
    """Every estimate in a workbook, or the problems that stop it being read."""

    year: int | None = None
    # "provisional" or "revised", as SalaryFigure.Release.
    release: str = ""
    dataset: str = DATASET
    # The table names as published, e.g. {"occupation": "Table 14.7a", "region": "Table 15.7a"}.
    tables: dict[str, str] = field(default_factory=dict)
    estimates: dict[tuple[str, str], Estimate] = field(default_factory=dict)
    problems: list[WorkbookProblem] = field(default_factory=list)
    # True when the workbook says it holds made-up demonstration figures (the demo's own).
    illustrative: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.problems

    def add(self, estimate: Estimate) -> None:
        self.estimates[(estimate.region.slug, estimate.soc_code)] = estimate

    def get(self, soc_code: str, region: Region = UK) -> Estimate | None:
        return self.estimates.get((region.slug, soc_code))

    def occupation_count(self) -> int:
        return len({soc for _, soc in self.estimates})
