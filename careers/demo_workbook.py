"""The demo's ONS earnings workbooks: made-up figures in the published layout, marked illustrative.

``make run`` imports two of them (2025 revised, then 2026 provisional) so the career pages show
official-style provenance, regions and the spread of pay, and leaves all three under var/demo/
for an editor to upload at "Import ONS earnings": the third, 2026 revised, shows in the dry run
as revisions of the provisional figures. Every figure here is invented
for the demo; the workbook's cover sheet and the salary source both say so.

The regional rows follow what the ONS really does with thin samples: London and the South East
have their own 4-digit estimates; most regions only the 3-digit group; Northern Ireland only the
2-digit group; Wales nothing it would publish. :func:`synthetic_workbook` builds the benchmark's
full-size workbook the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from careers.earnings_workbook_writer import OccupationRow, write_earnings_workbook
from careers.ons_estimates import PUBLISHED_PERCENTILES
from careers.regions import BY_SLUG, REGIONS, UK, Region

# Each percentile as a share of the median: a typical right-skewed spread of pay.
SPREAD = {10: 0.6, 20: 0.7, 25: 0.78, 30: 0.83, 40: 0.93, 60: 1.08, 70: 1.17, 75: 1.24, 80: 1.32, 90: 1.55}
# Regional pay as a share of the UK's, roughly as the regions differ.
REGIONAL_PAY = {
    "england": 1.02,
    "wales": 0.9,
    "scotland": 0.97,
    "northern-ireland": 0.88,
    "north-east": 0.89,
    "north-west": 0.94,
    "yorkshire-and-the-humber": 0.91,
    "east-midlands": 0.92,
    "west-midlands": 0.93,
    "east": 0.99,
    "london": 1.26,
    "south-east": 1.07,
    "south-west": 0.94,
}
# Where the 4-digit estimate is published; elsewhere only wider groups are.
FOUR_DIGIT_REGIONS = {"england", "london", "south-east", "scotland"}
TWO_DIGIT_ONLY_REGIONS = {"northern-ireland"}
NOTHING_PUBLISHED_REGIONS = {"wales"}

GROUPS = {
    "2": "Professional occupations",
    "21": "Science, research, engineering and technology professionals",
    "213": "Information technology professionals",
    "214": "Web and multimedia design professionals",
    "3": "Associate professional occupations",
    "35": "Business and public service associate professionals",
    "354": "Business, finance and related associate professionals",
}
# The demo careers' occupations and their 2026 UK medians (made up).
OCCUPATIONS: dict[str, tuple[str, int]] = {
    "2133": ("IT business analysts, architects and systems designers", 56_200),
    "2134": ("Programmers and software development professionals", 49_800),
    "2135": ("Cyber security professionals", 52_400),
    "2136": ("IT quality and testing professionals", 41_900),
    "2137": ("IT network professionals", 45_100),
    "2139": ("Information technology professionals n.e.c.", 47_300),
    "2141": ("Web design professionals", 35_600),
    "2142": ("Graphic and multimedia designers", 30_900),
    "3544": ("Data analysts", 34_700),
}
# The 2026 table suppressed Graphic and multimedia designers, so UI designers keep their 2025
# figure (content health flags it), and its Web design estimate is too imprecise to use.
SUPPRESSED_IN_2026 = {"2142"}
UNRELIABLE_IN_2026 = {"2141"}
# The demo imports the first two; the third (as the ONS will revise 2026) waits under var/demo/
# for an editor to upload, so the dry run shows revisions of provisional figures.
DEMO_RELEASES = ((2025, "revised", 0.96), (2026, "provisional", 1.0), (2026, "revised", 1.006))
IMPORTED_RELEASES = 2


def _pounds(amount: float) -> int:
    return int(round(amount / 10) * 10)


def _row(code: str, description: str, median: float, jobs: int, cv: float) -> OccupationRow:
    return OccupationRow(
        soc_code=code,
        description=description,
        job_count=jobs,
        median=_pounds(median),
        mean=_pounds(median * 1.12),
        percentiles={point: _pounds(median * SPREAD[point]) for point in PUBLISHED_PERCENTILES},
        cv=Decimal(str(round(cv, 1))),
    )


def _suppressed(code: str, description: str, jobs: int) -> OccupationRow:
    return OccupationRow(
        code, description, job_count=jobs, median="x", mean="x", percentiles=dict.fromkeys(SPREAD, "x")
    )


def _groups(medians: dict[str, float]) -> dict[str, float]:
    """Each wider group's median: the mean of its members', which is plausible enough for a demo."""
    groups: dict[str, list[float]] = {}
    for code, median in medians.items():
        for length in (1, 2, 3):
            groups.setdefault(code[:length], []).append(median)
    return {code: sum(values) / len(values) for code, values in groups.items()}


def _rows(
    occupations: dict[str, tuple[str, float]],
    scale: float,
    region: Region,
    *,
    suppressed: Iterable[str] = (),
    unreliable: Iterable[str] = (),
) -> list[OccupationRow]:
    suppressed, unreliable = set(suppressed), set(unreliable)
    pay = REGIONAL_PAY.get(region.slug, 1.0) * scale
    medians = {code: median * pay for code, (_, median) in occupations.items()}
    group_medians = _groups(medians)
    rows = []
    for code in sorted({*group_medians, *medians}, key=lambda code: (code[:1], code)):
        jobs = 2_000 * 10 ** (4 - len(code)) if region is UK else 300 * 10 ** (4 - len(code))
        description = GROUPS.get(code) or (
            occupations[code][0] if code in occupations else f"SOC group {code}"
        )
        if len(code) < 4:
            if region.slug in NOTHING_PUBLISHED_REGIONS or (
                region.slug in TWO_DIGIT_ONLY_REGIONS and len(code) > 2
            ):
                rows.append(_suppressed(code, description, jobs))
            else:
                rows.append(_row(code, description, group_medians[code], jobs, 3.5 if region is UK else 9.0))
            continue
        published = region is UK or region.slug in FOUR_DIGIT_REGIONS
        if code in suppressed or not published:
            rows.append(_suppressed(code, description, jobs))
        else:
            cv = 24.0 if code in unreliable else (2.5 if region is UK else 7.5)
            if region.slug == "scotland":
                cv = 14.0  # "acceptable": the page adds a caution
            rows.append(_row(code, description, medians[code], jobs + int(medians[code]) % 997, cv))
    return rows


def build_workbook(
    occupations: dict[str, tuple[str, float]],
    *,
    year: int,
    release: str,
    scale: float = 1.0,
    regions: Iterable[Region] = REGIONS[1:],
    suppressed: Iterable[str] = (),
    unreliable: Iterable[str] = (),
) -> bytes:
    suppressed, unreliable = set(suppressed), set(unreliable)
    return write_earnings_workbook(
        _rows(occupations, scale, UK, suppressed=suppressed, unreliable=unreliable),
        year=year,
        release=release,
        regional={
            region: _rows(occupations, scale, region, suppressed=suppressed, unreliable=unreliable)
            for region in regions
        },
        illustrative=True,
    )


def demo_workbooks() -> list[tuple[str, bytes]]:
    """The demo's workbooks, oldest first, each with the file name an editor would see."""
    workbooks = []
    for year, release, scale in DEMO_RELEASES:
        latest = year == DEMO_RELEASES[-1][0]
        data = build_workbook(
            OCCUPATIONS,
            year=year,
            release=release,
            scale=scale,
            suppressed=SUPPRESSED_IN_2026 if latest else (),
            unreliable=UNRELIABLE_IN_2026 if latest else (),
        )
        workbooks.append((f"ashe-table14-15-{year}-{release}-illustrative.xlsx", data))
    return workbooks


def synthetic_workbook(occupations: int, regions: int = 12, year: int = 2026) -> bytes:
    """A full-size workbook for the benchmark: ``occupations`` 4-digit codes in ``regions`` regions.

    Codes come four or five to a 3-digit group, as in SOC 2020 (412 unit groups in 104 minor groups).
    """
    groups = [group for group in range(111, 1000) if "0" not in str(group)]
    codes = {
        f"{groups[index // 5]}{index % 5 + 1}": (f"Occupation {index}", 22_000 + (index * 977) % 60_000)
        for index in range(occupations)
    }
    chosen = [region for region in REGIONS[1:] if region is not BY_SLUG["england"]][:regions]
    return build_workbook(codes, year=year, release="provisional", regions=chosen)
