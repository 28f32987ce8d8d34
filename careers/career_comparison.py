"""2–4 careers side by side: the rows of the career comparison, from prefetched data only.

:func:`comparison_prefetches` loads, in a fixed number of queries for any number of careers,
everything the rows read: the salary figures and skills in the editors' order, the progression
steps (each knowing whether its career is public), the public courses that prepare for each
career with their skill coverage, and the facts in ``careers/comparison_facts.py``.
:func:`build_comparison` then reads only that, plus each article's body (already on the page row).

Nothing here produces HTML: each cell holds plain words (``text``) and, where a row needs more,
structured parts the template draws (a salary bar, marked skills, a day section's rich text).
This module takes the career model from its caller; it never imports the models.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

from careers import comparison_facts as facts_text
from careers.salary_scale import SalaryRow, salary_rows
from portal.money import gbp
from portal.visibility import is_public

if TYPE_CHECKING:
    from careers.models import CareerPage

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
class DaySection:
    """One career's section of the typical day: its own heading, and rich text, tasks or a quote."""

    heading: str
    bodies: tuple[Any, ...] = ()
    tasks: tuple[str, ...] = ()
    quote: str = ""
    who: str = ""


@dataclass(frozen=True)
class Cell:
    text: str
    missing: bool = False
    items: tuple[Item, ...] = ()
    salary: SalaryRow | None = None
    day: DaySection | None = None


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: tuple[Cell, ...]
    kind: str = "text"  # how the template draws the cells: text, list, salary or day
    detail: str = ""


@dataclass(frozen=True)
class RowGroup:
    key: str
    label: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Column:
    slug: str
    title: str
    url: str
    summary: str
    sector: str


@dataclass
class CareerComparison:
    careers: list[CareerPage]
    columns: list[Column]
    groups: list[RowGroup]
    shared_by_all: list[str] = field(default_factory=list)

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


def build_comparison(careers: list[CareerPage], request: HttpRequest | None = None) -> CareerComparison:
    """The rows for ``careers`` (loaded with :func:`with_comparison_data`), in the order given."""
    essentials = [_essential_skills(career) for career in careers]
    counts = Counter(name for names in essentials for name in {skill.name for skill in names})
    shared_by_all = sorted((name for name, n in counts.items() if n == len(careers)), key=str.lower)
    facts = [facts_text.values(career) for career in careers]
    groups = [
        RowGroup("pay", "Pay", (_salary_row(careers),)),
        RowGroup(
            "hours",
            "Hours and pattern",
            (
                _text_row("hours", "Hours per week", [f["hours"] for f in facts]),
                _text_row("pattern", "Working pattern", [f["pattern"] for f in facts]),
            ),
        ),
        RowGroup("skills", "Skills", (_skills_row(essentials, counts, len(careers)),)),
        RowGroup(
            "getting_on",
            "Getting in and getting on",
            (_routes_row(facts), _ladder_row(careers, request)),
        ),
        RowGroup("day", "A typical day", _day_rows(careers)),
        RowGroup("courses", "Courses", (_courses_row(careers, request),)),
    ]
    columns = [
        Column(
            slug=career.slug,
            title=career.title,
            url=career.get_url(request) or "",
            summary=career.summary,
            sector=career.sector.name if career.sector else "",
        )
        for career in careers
    ]
    return CareerComparison(
        careers=careers,
        columns=columns,
        groups=[group for group in groups if group.rows],
        shared_by_all=shared_by_all,
    )


def _text_row(key: str, label: str, texts: list[str]) -> Row:
    cells = tuple(Cell(text=text, missing=text == facts_text.NOT_GIVEN) for text in texts)
    return Row(key=key, label=label, cells=cells)


def _salary_row(careers: list[CareerPage]) -> Row:
    # The headline each career page shows (never an unreliable estimate), all on one scale.
    headlines = [career.headline_salary for career in careers]
    bars = iter(salary_rows([figure for figure in headlines if figure is not None]))
    cells = []
    for figure in headlines:
        if figure is None:
            cells.append(Cell(text="No salary figures yet", missing=True))
        else:
            cells.append(Cell(text=figure.band_text, salary=next(bars)))
    return Row(key="salary", label="Salary", cells=tuple(cells), kind="salary", detail=SALARY_DETAIL)


def _essential_skills(career: CareerPage) -> list[Any]:
    essential = type(career)._meta.get_field("career_skills").related_model.Importance.ESSENTIAL
    return [link.skill for link in career.skills_in_order if link.importance == essential]


def _skills_row(essentials: list[list[Any]], counts: Counter, total: int) -> Row:
    def item(skill: Any) -> Item:
        n = counts[skill.name]
        if n == total:
            return Item(
                skill.name, note="shared by both" if total == 2 else f"shared by all {total}", shared="all"
            )
        if n > 1:
            return Item(skill.name, note=f"shared by {n} of {total}", shared="some")
        return Item(skill.name)

    cells = []
    for skills in essentials:
        # Shared skills first, so the common ground lines up across the columns.
        ordered = sorted(skills, key=lambda skill: -counts[skill.name])
        items = tuple(item(skill) for skill in ordered)
        text = ", ".join(entry.text for entry in items) or "None listed"
        cells.append(Cell(text=text, missing=not items, items=items))
    return Row(key="essential_skills", label="Essential skills", cells=tuple(cells), kind="list")


def _routes_row(facts: list[dict[str, Any]]) -> Row:
    cells = []
    for fact in facts:
        routes = fact["routes"]
        items = tuple(Item(text) for text in routes)
        cells.append(Cell(text="; ".join(routes) or facts_text.NOT_GIVEN, missing=not routes, items=items))
    return Row(key="routes", label="Routes in", cells=tuple(cells), kind="list")


def _ladder_row(careers: list[CareerPage], request: HttpRequest | None) -> Row:
    cells = []
    for career in careers:
        steps = career.steps_in_order
        if not steps:
            cells.append(Cell(text="No progression given", missing=True))
            continue
        top = steps[-1]
        url = ""
        if top.linked_career_id and top.links_to_public_career:
            url = top.linked_career.get_url(request) or ""
        note = _step_salary(top.salary_min, top.salary_max)
        after = f"after {len(steps) - 1} step{'s' if len(steps) != 2 else ''}" if len(steps) > 1 else ""
        note = ", ".join(part for part in (note, after) if part)
        text = f"{top.title} ({note})" if note else top.title
        cells.append(Cell(text=text, items=(Item(top.title, url=url, note=note),)))
    return Row(key="ladder_top", label="Top of the ladder", cells=tuple(cells), kind="list")


def _step_salary(low: int | None, high: int | None) -> str:
    if low and high:
        return f"{gbp(low)}–{gbp(high)}"
    if low:
        return f"from {gbp(low)}"
    if high:
        return f"up to {gbp(high)}"
    return ""


def _day_sections(career: CareerPage) -> dict[str, DaySection]:
    """The body's day sections by key. raw_data picks the blocks, so the rest (a course chooser)
    is never converted, which would cost a query."""
    wanted = {(block_type, period): key for key, _, block_type, period in DAY_SECTIONS}
    found: dict[str, list[Any]] = {}
    for index, raw in enumerate(career.body.raw_data):
        block_type = raw.get("type")
        period = (raw.get("value") or {}).get("period") if block_type == "time_of_day" else None
        key = wanted.get((block_type, period))
        if key is not None:
            found.setdefault(key, []).append(career.body[index].value)
    sections = {}
    for key, values in found.items():
        first = values[0]
        if key == "tasks":
            tasks = tuple(task for value in values for task in value["tasks"])
            heading = "" if first["heading"] == DEFAULT_TASKS_HEADING else first["heading"]
            sections[key] = DaySection(heading=heading, tasks=tasks)
        elif key == "quote":
            who = ", ".join(part for part in (first["role"], first["sector"], first["place"]) if part)
            sections[key] = DaySection(heading="", quote=first["quote"], who=who)
        else:
            # The period is the row's label: only a heading the editor wrote adds anything.
            sections[key] = DaySection(
                heading=first["heading"], bodies=tuple(value["body"] for value in values)
            )
    return sections


def _day_rows(careers: list[CareerPage]) -> tuple[Row, ...]:
    per_career = [_day_sections(career) for career in careers]
    rows = []
    for key, label, _, _ in DAY_SECTIONS:
        if not any(key in sections for sections in per_career):
            continue
        cells = []
        for sections in per_career:
            section = sections.get(key)
            if section is None:
                cells.append(Cell(text="Not described", missing=True))
            else:
                cells.append(Cell(text=section.heading or section.quote, day=section))
        rows.append(Row(key=f"day-{key}", label=label, cells=tuple(cells), kind="day"))
    return tuple(rows)


def _courses_row(careers: list[CareerPage], request: HttpRequest | None) -> Row:
    cells = []
    for career in careers:
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
        text = ", ".join(item.text for item in items) or "None of our courses yet"
        cells.append(Cell(text=text, missing=not items, items=tuple(items)))
    return Row(key="courses", label="Courses that prepare you", cells=tuple(cells), kind="list")
