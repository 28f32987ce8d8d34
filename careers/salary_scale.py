"""Salary bars on one shared scale, so bands compare at a glance.

The career page draws its figures as percentages of the scale; the admin's salary chart
(courses/salary_chart.py) draws every career's headline band in SVG units. Both round the
top of the scale the same way, with :func:`scale_top`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careers.models import SalaryFigure

# The career page's scale ends on a whole £10,000.
CAREER_PAGE_STEP = 10_000


def scale_top(highest: int, step: int) -> int:
    """The highest salary rounded up to a whole number of steps, and never less than one step."""
    return max(step, -(-highest // step) * step)


@dataclass(frozen=True)
class SalaryRow:
    """A salary figure placed on a scale shared by every figure on the page, in percent."""

    figure: SalaryFigure
    start: float
    width: float
    marker: float


def salary_rows(figures: list[SalaryFigure]) -> list[SalaryRow]:
    if not figures:
        return []
    top = scale_top(max(figure.maximum for figure in figures), CAREER_PAGE_STEP)

    def percent(amount: int) -> float:
        return round(amount / top * 100, 2)

    rows = []
    for figure in figures:
        start, end = percent(figure.minimum), percent(figure.maximum)
        rows.append(
            SalaryRow(
                figure=figure,
                start=start,
                # A band of one salary still shows as a sliver.
                width=round(max(end - start, 0.5), 2),
                marker=percent(figure.typical),
            )
        )
    return rows
