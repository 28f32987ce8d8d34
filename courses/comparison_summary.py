"""Ways to read a comparison other than the full table: the bars at the top, one attribute at a time.

Both are read from a built :class:`~courses.comparison.Comparison` (its cells' raw values),
so they cost no SQL and can never disagree with the table below them.

- :func:`summary` gives, for every compared course, price, length, weekly hours and salary
  outlook as short text with a bar scaled to the largest value among the chosen courses,
  so the differences stand out at a glance.
- :func:`attribute_view` gives one row of the table (``attribute=price``) or one group
  (``attribute=features``) as a list across every course: what a phone can show readably.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from courses.comparison import Column, Comparison, Row, RowGroup
from courses.course_text import count_text, price_text
from portal.money import gbp


@dataclass(frozen=True)
class Bar:
    """A value as text, and its length as a share (0–100) of the largest; None draws no bar."""

    text: str
    width: float | None

    @property
    def length_class(self) -> str:
        """The bar's CSS class, its length rounded to a whole percent: "w44" (static/css/courses.css)."""
        return f"w{round(self.width)}" if self.width is not None else ""


def _bars(values: list[Any], texts: list[str]) -> list[Bar]:
    numbers = [float(value) if isinstance(value, int | float | Decimal) else None for value in values]
    top = max((number for number in numbers if number is not None), default=0)
    return [
        Bar(text, None if number is None else (round(100 * number / top, 1) if top > 0 else 0))
        for text, number in zip(texts, numbers, strict=True)
    ]


def _short_salary(value: Any) -> str:
    return gbp(value) if isinstance(value, int | Decimal) else "No figures"


# Each summary column: the overview row it reads, its heading, and its short text per value.
SUMMARY_COLUMNS: tuple[tuple[str, str, Callable[[Any], str]], ...] = (
    ("price", "Price", price_text),
    ("duration", "Length", lambda weeks: count_text(weeks, "week")),
    ("hours_per_week", "Hours a week", lambda hours: count_text(hours, "hour")),
    ("salary_outlook", "Salary outlook", _short_salary),
)
# Overview rows whose values are amounts, so a bar says something.
MEASURED_ROWS = {"price", "duration", "hours_per_week", "total_hours", "salary_outlook"}


@dataclass(frozen=True)
class SummaryRow:
    column: Column
    pinned: bool
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Summary:
    keys: tuple[str, ...]  # the overview rows shown, which are also ``attribute=`` values
    headings: tuple[str, ...]
    rows: tuple[SummaryRow, ...]


def _overview(comparison: Comparison) -> dict[str, Row]:
    return {row.key: row for group in comparison.groups if group.key == "overview" for row in group.rows}


def summary(comparison: Comparison, pinned: list[str] | tuple[str, ...] = ()) -> Summary:
    """Price, length, weekly hours and salary outlook of every compared course, as bars."""
    rows = _overview(comparison)
    columns = []
    for key, _heading, short in SUMMARY_COLUMNS:
        values = [cell.value for cell in rows[key].cells]
        columns.append(_bars(values, [short(value) for value in values]))
    return Summary(
        keys=tuple(key for key, _heading, _short in SUMMARY_COLUMNS),
        headings=tuple(heading for _key, heading, _short in SUMMARY_COLUMNS),
        rows=tuple(
            SummaryRow(column=column, pinned=column.slug in pinned, bars=tuple(bars[n] for bars in columns))
            for n, column in enumerate(comparison.columns)
        ),
    )


# --------------------------------------------------------------------------- one attribute


@dataclass(frozen=True)
class AttributeItem:
    """One course's value: text, a bar where the value is an amount, and the names it includes."""

    column: Column
    pinned: bool
    bar: Bar
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttributeView:
    key: str
    label: str
    detail: str
    items: tuple[AttributeItem, ...]


def attribute_choices(comparison: Comparison) -> list[tuple[str, str]]:
    """What ``attribute=`` may name, in table order: every overview row, then every other group."""
    choices = [(row.key, row.label) for row in _overview(comparison).values()]
    choices += [(group.key, group.label) for group in comparison.groups if group.key != "overview"]
    return choices


def _group_items(group: RowGroup, comparison: Comparison) -> list[tuple[Bar, tuple[str, ...]]]:
    ticked = [row for row in group.rows if all(cell.mark for cell in row.cells)]
    counts = []
    for n in range(len(comparison.columns)):
        names = tuple(row.label for row in ticked if row.cells[n].mark == "yes")
        counts.append((len(names), names))
    bars = _bars([count for count, _ in counts], [f"{count} of {len(ticked)}" for count, _ in counts])
    return [(bar, names) for bar, (_count, names) in zip(bars, counts, strict=True)]


def attribute_view(
    comparison: Comparison, key: str, pinned: list[str] | tuple[str, ...] = ()
) -> AttributeView | None:
    """One attribute across every course, or None when ``key`` is not one of :func:`attribute_choices`."""
    columns = comparison.columns
    row = _overview(comparison).get(key)
    if row is not None:
        cells = row.cells
        if key in MEASURED_ROWS:
            bars = _bars([cell.value for cell in cells], [cell.text for cell in cells])
        else:
            bars = [Bar(cell.text, None) for cell in cells]
        items = [AttributeItem(c, c.slug in pinned, bar) for c, bar in zip(columns, bars, strict=True)]
        return AttributeView(key, row.label, row.detail, tuple(items))
    group = next((g for g in comparison.groups if g.key == key and g.key != "overview"), None)
    if group is None:
        return None
    items = [
        AttributeItem(column, column.slug in pinned, bar, names)
        for column, (bar, names) in zip(columns, _group_items(group, comparison), strict=True)
    ]
    return AttributeView(key, group.label, "", tuple(items))
