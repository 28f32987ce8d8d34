"""Earnings tables for the import's tests, built in memory: what a read workbook would hold."""

from __future__ import annotations

from decimal import Decimal

from careers.ons_estimates import EarningsTables, Estimate
from careers.regions import BY_SLUG, UK, Region

LONDON = BY_SLUG["london"]
WALES = BY_SLUG["wales"]
SCOTLAND = BY_SLUG["scotland"]


def estimate(
    soc_code: str,
    region: Region = UK,
    *,
    median: int | None = 40_000,
    cv: str | None = "3.0",
    spread: tuple[int | None, int | None, int | None, int | None] | None = None,
    jobs: int | None = 12_000,
    description: str = "",
) -> Estimate:
    """An estimate around ``median``: 10th at 60 %, 25th at 80 %, 75th at 125 %, 90th at 160 %."""
    if spread is None and median is not None:
        spread = (median * 6 // 10, median * 8 // 10, median * 125 // 100, median * 16 // 10)
    p10, p25, p75, p90 = spread or (None, None, None, None)
    percentiles = {
        10: p10,
        20: None,
        25: p25,
        30: None,
        40: None,
        60: None,
        70: None,
        75: p75,
        80: None,
        90: p90,
    }
    return Estimate(
        soc_code=soc_code,
        description=description or f"Occupation {soc_code}",
        region=region,
        table="Table 14.7a" if region is UK else "Table 15.7a",
        median=median,
        mean=median,
        job_count=jobs,
        percentiles=percentiles,
        cv=Decimal(cv) if cv is not None else None,
    )


def tables(*estimates: Estimate, year: int = 2026, release: str = "provisional") -> EarningsTables:
    result = EarningsTables(
        year=year, release=release, tables={"occupation": "Table 14.7a", "region": "Table 15.7a"}
    )
    for item in estimates:
        result.add(item)
    return result
