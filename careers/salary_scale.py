"""Salary bars on one shared scale, so bands compare at a glance.

The career page draws its figures as percentages of the scale; the admin's salary chart
(courses/salary_chart.py) draws every career's headline band in SVG units. Both round the
top of the scale the same way, with :func:`scale_top`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careers.models import SalaryFigure

# The career page's scale ends on a whole £10,000.
CAREER_PAGE_STEP = 10_000


def spread_points(figure: SalaryFigure | Any) -> list[tuple[str, int | None]]:
    """The spread in order: ("10", £), ("25", £), ("median", £), ("75", £), ("90", £), of a salary
    figure or of the plain copy the career comparison keeps."""
    return [
        ("10", figure.percentile_10),
        ("25", figure.percentile_25),
        ("median", figure.typical),
        ("75", figure.percentile_75),
        ("90", figure.percentile_90),
    ]


def scale_top(highest: int, step: int) -> int:
    """The highest salary rounded up to a whole number of steps, and never less than one step."""
    return max(step, -(-highest // step) * step)


@dataclass(frozen=True)
class Spread:
    """Where the 10th, 25th, median, 75th and 90th percentiles fall on the scale, in percent."""

    p10: float
    p25: float
    median: float
    p75: float
    p90: float

    @property
    def right_cap(self) -> float:
        # Drawn inside the 90th percentile, so a figure at the top of the scale keeps its cap.
        return round(max(self.p90 - 0.6, 0), 2)

    @property
    def whisker_width(self) -> float:
        return round(max(self.p90 - self.p10, 0.5), 2)

    @property
    def box_width(self) -> float:
        # A box of one salary still shows as a sliver, as a bar does.
        return round(max(self.p75 - self.p25, 0.5), 2)


@dataclass(frozen=True)
class SalaryRow:
    """A salary figure placed on a scale shared by every figure on the page, in percent."""

    figure: SalaryFigure
    start: float
    width: float
    marker: float
    spread: Spread | None = None


def salary_rows(figures: list[SalaryFigure], scale_over: list[SalaryFigure] | None = None) -> list[SalaryRow]:
    """``figures`` placed on a scale reaching the highest of ``scale_over`` (by default, of themselves):
    the career page scales one region's figures over all the career's, so regions compare too."""
    if not figures:
        return []
    everything = [*figures, *(scale_over or [])]
    highest = max(max(figure.maximum, figure.percentile_90 or 0) for figure in everything)
    top = scale_top(highest, CAREER_PAGE_STEP)

    def percent(amount: int) -> float:
        return round(amount / top * 100, 2)

    rows = []
    for figure in figures:
        start, end = percent(figure.minimum), percent(figure.maximum)
        spread = None
        if figure.has_spread:
            spread = Spread(*(percent(amount) for _, amount in figure.spread_points()))
        rows.append(
            SalaryRow(
                figure=figure,
                start=start,
                # A band of one salary still shows as a sliver.
                width=round(max(end - start, 0.5), 2),
                marker=percent(figure.typical),
                spread=spread,
            )
        )
    return rows
