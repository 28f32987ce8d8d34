"""2–4 careers side by side: each career's column of plain data, and the rows built from them.

:func:`comparison_prefetches` loads, in a fixed number of queries for any number of careers,
everything a column reads: the salary figures and skills in the editors' order, the progression
steps (each knowing whether its career is public), the public courses that prepare for each
career with their skill coverage, and the facts in ``careers/comparison_facts.py``.
:func:`career_column` turns one loaded career into a :class:`CareerColumn`: strings, numbers and
tuples only (its typical day already rendered as HTML), so it is kept under the content version
and read back fast. :func:`build_comparison` then sets the columns against each other (the one
salary scale, the shared skills) and writes the cells (careers/compare_cells.py).
This module takes the career model from its caller; it never imports the models.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.template.defaultfilters import date as format_date
from django.utils.safestring import SafeString, mark_safe

from careers import compare_cells
from careers import comparison_facts as facts_text
from careers.salary_scale import salary_rows, spread_points
from portal.money import gbp
from portal.visibility import is_public

if TYPE_CHECKING:
    from careers.models import CareerPage, SalaryFigure

# The typical-day sections set against each other, in reading order: (key, label, block type, period).
DAY_SECTIONS = (
    ("morning", "Morning", "time_of_day", "morning"),
    ("afternoon", "Afternoon", "time_of_day", "afternoon"),
    ("evening", "Evening", "time_of_day", "evening"),
    ("tasks", "Daily tasks", "tasks", None),
    ("quote", "In their words", "quote", None),
    ("challenges", "The hard parts", "challenges", None),
    ("suitability", "Who it suits", "suitability", None),
)
DEFAULT_TASKS_HEADING = "Core daily tasks"
SALARY_DETAIL = "Headline figures, on one scale"


@dataclass(frozen=True)
class Item:
    """One entry in a list cell: a skill, a course, a route. ``shared`` is "all", "some" or ""."""

    text: str
    url: str = ""
    note: str = ""
    shared: str = ""


@dataclass(frozen=True)
class Pay:
    """A career's headline salary figure as plain data: what its cell says, and what
    :func:`careers.salary_scale.salary_rows` reads to place it on the comparison's scale."""

    minimum: int
    typical: int
    maximum: int
    percentile_10: int | None
    percentile_25: int | None
    percentile_75: int | None
    percentile_90: int | None
    has_spread: bool
    typical_label: str  # "UK median"
    kind: str  # "median" or "average"
    source: str
    gathered: str  # "April 2025"

    @classmethod
    def of(cls, figure: SalaryFigure) -> Pay:
        return cls(
            minimum=figure.minimum,
            typical=figure.typical,
            maximum=figure.maximum,
            percentile_10=figure.percentile_10,
            percentile_25=figure.percentile_25,
            percentile_75=figure.percentile_75,
            percentile_90=figure.percentile_90,
            has_spread=figure.has_spread,
            typical_label=figure.typical_label,
            kind=figure.get_typical_kind_display(),
            source=figure.source.name,
            gathered=format_date(figure.gathered_on, "F Y"),
        )

    @property
    def percentiles(self) -> tuple[int | None, ...]:
        return (self.percentile_10, self.percentile_25, self.percentile_75, self.percentile_90)

    def spread_points(self) -> list[tuple[str, int | None]]:
        return spread_points(self)


@dataclass(frozen=True)
class CareerColumn:
    """What the comparison shows of one career, whichever careers it is compared with."""

    slug: str
    title: str
    url: str
    sector: str
    pay: Pay | None
    essentials: tuple[str, ...]  # the essential skills' names, in the editors' order
    hours: str
    pattern: str
    routes: tuple[str, ...]
    ladder: Item | None  # the top of the progression ladder
    day: tuple[tuple[str, str], ...]  # (section key, its cell's HTML), for the sections it has
    courses: tuple[Item, ...]


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: SafeString  # the row's <td>s, one a career
    detail: str = ""


@dataclass(frozen=True)
class RowGroup:
    key: str
    label: str
    rows: tuple[Row, ...]


@dataclass
class CareerComparison:
    columns: list[CareerColumn]
    groups: list[RowGroup]
    shared_by_all: list[str]

    @property
    def slugs(self) -> list[str]:
        return [column.slug for column in self.columns]

    @property
    def shared_summary(self) -> str:
        """One sentence on the essential skills every compared career asks for."""
        count = len(self.columns)
        together = "Both careers" if count == 2 else f"All {count} careers"
        if not self.shared_by_all:
            return f"{together} share no essential skill."
        return f"{together} need: {', '.join(self.shared_by_all)}."


def comparison_prefetches(career_model: type[CareerPage]) -> list[str | Prefetch]:
    """What the rows read, for a queryset of ``career_model`` pages: one query per relation."""
    steps = career_model._meta.get_field("progression_steps").related_model
    links = career_model._meta.get_field("all_course_links").related_model
    return [
        *career_model.listed_rows(),
        Prefetch(
            "progression_steps",
            queryset=steps.objects.select_related("linked_career")
            .annotate(links_to_public_career=is_public("linked_career__"))
            .order_by("sort_order", "pk"),
            to_attr="steps_in_order",
        ),
        Prefetch(
            "all_course_links",
            queryset=career_model.preparing_course_links(links.objects.all()),
            to_attr="preparing_links",
        ),
        *facts_text.fact_prefetches(career_model),
    ]


def with_comparison_data(queryset: QuerySet[CareerPage]) -> QuerySet[CareerPage]:
    return queryset.select_related("sector").prefetch_related(*comparison_prefetches(queryset.model))


def career_column(career: CareerPage, request: HttpRequest | None = None) -> CareerColumn:
    """One career (loaded with :func:`with_comparison_data`) as plain data."""
    headline = career.headline_salary
    facts = facts_text.values(career)
    return CareerColumn(
        slug=career.slug,
        title=career.title,
        url=career.get_url(request) or "",
        sector=career.sector.name if career.sector else "",
        pay=Pay.of(headline) if headline is not None else None,
        essentials=tuple(_essential_skills(career)),
        hours=facts["hours"],
        pattern=facts["pattern"],
        routes=tuple(facts["routes"]),
        ladder=_ladder_top(career, request),
        day=tuple(_day_cells(career).items()),
        courses=_courses(career, request),
    )


def build_comparison(columns: list[CareerColumn]) -> CareerComparison:
    """The rows for ``columns``, in the order given."""
    counts = Counter(name for column in columns for name in set(column.essentials))
    shared_by_all = sorted((name for name, n in counts.items() if n == len(columns)), key=str.lower)
    groups = [
        RowGroup("pay", "Pay", (_salary_row(columns),)),
        RowGroup(
            "hours",
            "Hours and pattern",
            (
                _text_row("hours", "Hours per week", [column.hours for column in columns]),
                _text_row("pattern", "Working pattern", [column.pattern for column in columns]),
            ),
        ),
        RowGroup("skills", "Skills", (_skills_row(columns, counts),)),
        RowGroup("getting_on", "Getting in and getting on", (_routes_row(columns), _ladder_row(columns))),
        RowGroup("day", "A typical day", _day_rows(columns)),
        RowGroup("courses", "Courses", (_courses_row(columns),)),
    ]
    return CareerComparison(
        columns=columns, groups=[group for group in groups if group.rows], shared_by_all=shared_by_all
    )


def _row(key: str, label: str, cells: list[str], detail: str = "") -> Row:
    return Row(key=key, label=label, cells=mark_safe("".join(cells)), detail=detail)  # noqa: S308 - compare_cells escapes


def _text_row(key: str, label: str, texts: list[str]) -> Row:
    cells = [
        compare_cells.missing_cell(text) if text == facts_text.NOT_GIVEN else compare_cells.text_cell(text)
        for text in texts
    ]
    return _row(key, label, cells)


def _salary_row(columns: list[CareerColumn]) -> Row:
    # The headline each career page shows (never an unreliable estimate), all on one scale.
    bars = iter(salary_rows([column.pay for column in columns if column.pay is not None]))  # type: ignore[misc]
    cells = [
        compare_cells.salary_cell(next(bars))
        if column.pay is not None
        else compare_cells.missing_cell("No salary figures yet")
        for column in columns
    ]
    return _row("salary", "Salary", cells, detail=SALARY_DETAIL)


def _essential_skills(career: CareerPage) -> list[str]:
    essential = type(career)._meta.get_field("career_skills").related_model.Importance.ESSENTIAL
    return [link.skill.name for link in career.skills_in_order if link.importance == essential]


def _skills_row(columns: list[CareerColumn], counts: Counter) -> Row:
    total = len(columns)

    def item(name: str) -> Item:
        n = counts[name]
        if n == total:
            return Item(name, note="shared by both" if total == 2 else f"shared by all {total}", shared="all")
        if n > 1:
            return Item(name, note=f"shared by {n} of {total}", shared="some")
        return Item(name)

    cells = []
    for column in columns:
        # Shared skills first, so the common ground lines up across the columns.
        ordered = sorted(column.essentials, key=lambda name: -counts[name])
        if ordered:
            cells.append(compare_cells.list_cell(item(name) for name in ordered))
        else:
            cells.append(compare_cells.missing_cell("None listed"))
    return _row("essential_skills", "Essential skills", cells)


def _routes_row(columns: list[CareerColumn]) -> Row:
    cells = [
        compare_cells.list_cell(Item(text) for text in column.routes)
        if column.routes
        else compare_cells.missing_cell(facts_text.NOT_GIVEN)
        for column in columns
    ]
    return _row("routes", "Routes in", cells)


def _ladder_top(career: CareerPage, request: HttpRequest | None) -> Item | None:
    steps = career.steps_in_order
    if not steps:
        return None
    top = steps[-1]
    url = ""
    if top.linked_career_id and top.links_to_public_career:
        url = top.linked_career.get_url(request) or ""
    note = _step_salary(top.salary_min, top.salary_max)
    after = f"after {len(steps) - 1} step{'s' if len(steps) != 2 else ''}" if len(steps) > 1 else ""
    note = ", ".join(part for part in (note, after) if part)
    return Item(top.title, url=url, note=note)


def _ladder_row(columns: list[CareerColumn]) -> Row:
    cells = [
        compare_cells.list_cell((column.ladder,))
        if column.ladder is not None
        else compare_cells.missing_cell("No progression given")
        for column in columns
    ]
    return _row("ladder_top", "Top of the ladder", cells)


def _step_salary(low: int | None, high: int | None) -> str:
    if low and high:
        return f"{gbp(low)}–{gbp(high)}"
    if low:
        return f"from {gbp(low)}"
    if high:
        return f"up to {gbp(high)}"
    return ""


def _day_cells(career: CareerPage) -> dict[str, str]:
    """The body's day sections by key, each as its cell's HTML. raw_data picks the blocks, so the
    rest (a course chooser) is never converted, which would cost a query."""
    wanted = {(block_type, period): key for key, _, block_type, period in DAY_SECTIONS}
    labels = {key: label for key, label, _, _ in DAY_SECTIONS}
    found: dict[str, list[Any]] = {}
    for index, raw in enumerate(career.body.raw_data):
        block_type = raw.get("type")
        period = (raw.get("value") or {}).get("period") if block_type == "time_of_day" else None
        key = wanted.get((block_type, period))
        if key is not None:
            found.setdefault(key, []).append(career.body[index].value)
    cells = {}
    for key, values in found.items():
        first = values[0]
        if key == "tasks":
            tasks = [task for value in values for task in value["tasks"]]
            heading = "" if first["heading"] == DEFAULT_TASKS_HEADING else first["heading"]
            cells[key] = compare_cells.day_cell(labels[key], heading, (), tasks)
        elif key == "quote":
            who = ", ".join(part for part in (first["role"], first["sector"], first["place"]) if part)
            cells[key] = compare_cells.quote_cell(first["quote"], who)
        else:
            # The period is the row's label: only a heading the editor wrote adds anything.
            bodies = [value["body"] for value in values]
            cells[key] = compare_cells.day_cell(labels[key], first["heading"], bodies, ())
    return {key: str(html) for key, html in cells.items()}


def _day_rows(columns: list[CareerColumn]) -> tuple[Row, ...]:
    per_column = [dict(column.day) for column in columns]
    rows = []
    for key, label, _, _ in DAY_SECTIONS:
        if not any(key in cells for cells in per_column):
            continue
        cells = [day.get(key) or compare_cells.missing_cell("Not described") for day in per_column]
        rows.append(_row(f"day-{key}", label, cells))
    return tuple(rows)


def _courses(career: CareerPage, request: HttpRequest | None) -> tuple[Item, ...]:
    total = len(career.skills_in_order)
    items = []
    for link in career.preparing_links:
        course = link.course
        note = course.provider.name
        if total and link.skills_covered:
            note += f", covers {link.skills_covered} of {total} skill{'s' if total != 1 else ''}"
        # ?from= records the career that led to the course, as the career page's links do.
        url = f"{course.get_url(request) or ''}?from={career.pk}"
        items.append(Item(course.title, url=url, note=note))
    return tuple(items)


def _courses_row(columns: list[CareerColumn]) -> Row:
    cells = [
        compare_cells.list_cell(column.courses)
        if column.courses
        else compare_cells.missing_cell("None of our courses yet")
        for column in columns
    ]
    return _row("courses", "Courses that prepare you", cells)
