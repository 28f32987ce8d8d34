"""The side-by-side comparison matrix of courses, for the public compare page and its CSV.

The public compare route and its CSV download render the same :class:`Comparison`,
so what a student sees and what they download cannot drift apart. The staff
dashboard's course report does not build one: it lists every course in a Wagtail
report with columns of its own, written with the same text helpers
(courses/course_text.py) from the same prefetches (courses/course_outlook.py).
Nothing here produces HTML: every cell carries plain display text, a raw value to
sort and compare on, and a sentence for screen readers; templates and writers
decide how to show them. It is built from plain-data course profiles
(courses/course_profile.py), never from the pages themselves, so a kept course costs
microseconds to read back.

Typical use (the query-string rules are in courses/course_selection.py)::

    selection = select_courses(request.GET.getlist("courses"), index.courses())
    comparison = build_comparison(selection.courses, career=career, only_differences=True)
    for group in comparison.visible_groups:
        for row in group.rows:
            row.label, [cell.text for cell in row.cells]

A fixed number of queries for any number of courses: pages given are loaded with
:func:`courses.course_profile.with_comparison_data`'s prefetches; profiles cost none.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from django.apps import apps
from django.http import HttpRequest
from django.utils import timezone

from careers.models import CareerPage
from courses.course_outlook import Coverage
from courses.course_profile import CareerLink, CourseProfile, FeatureRow, course_profiles, feature_row
from courses.course_text import count_text, price_text
from portal import content_version
from portal.money import gbp

if TYPE_CHECKING:
    from courses.models import CourseFeature, CoursePage


# --------------------------------------------------------------------------- the matrix


class Cell(NamedTuple):
    """One course's value in one row.

    ``text`` is what sighted readers and the CSV see, ``value`` is what rows are
    compared and sorted on, ``sr_text`` is a full phrase for screen readers and
    ``mark`` is "yes"/"no" for tick-or-cross rows (None elsewhere). A tuple, not a
    dataclass: a comparison of 16 courses makes about a thousand.
    """

    text: str
    value: Any
    sr_text: str
    mark: str | None = None


@dataclass(frozen=True)
class Row:
    """One line of the comparison: a label, an optional detail and one cell per course."""

    key: str
    label: str
    cells: tuple[Cell, ...]
    detail: str = ""
    url: str = ""

    @cached_property  # read for the row, its group and the count of identical rows
    def differs(self) -> bool:
        """True when at least two courses differ in this row."""
        # Values are plain (str, numbers, None, tuples): "differs" is "not all equal to the first".
        first = self.cells[0].value if self.cells else None
        return any(cell.value != first for cell in self.cells)


@dataclass(frozen=True)
class RowGroup:
    """A titled block of rows: overview, features, skills, careers, career coverage."""

    key: str
    label: str
    rows: tuple[Row, ...]

    @property
    def has_differences(self) -> bool:
        return any(row.differs for row in self.rows)

    def only_differences(self) -> RowGroup:
        return RowGroup(self.key, self.label, tuple(row for row in self.rows if row.differs))


@dataclass(frozen=True)
class Column:
    """One compared course, as a column heading."""

    slug: str
    title: str
    url: str
    provider: str


@dataclass
class Comparison:
    """The whole matrix. ``groups`` holds every row; ``visible_groups`` honours only_differences."""

    courses: list[CourseProfile]
    columns: list[Column]
    groups: list[RowGroup]
    career: CareerPage | None = None
    only_differences: bool = False

    @property
    def visible_groups(self) -> list[RowGroup]:
        if not self.only_differences:
            return self.groups
        trimmed = [group.only_differences() for group in self.groups]
        return [group for group in trimmed if group.rows]

    @property
    def row_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def identical_row_count(self) -> int:
        """Rows in which every course is the same: what "show only differences" hides."""
        return sum(1 for group in self.groups for row in group.rows if not row.differs)

    @property
    def slugs(self) -> list[str]:
        return [column.slug for column in self.columns]

    def as_rows(self) -> list[list[str]]:
        """The visible matrix as plain strings: a header, then one line per row (for CSV or XLSX)."""
        lines = [["Group", "Row", "Detail", *(column.title for column in self.columns)]]
        for group in self.visible_groups:
            for row in group.rows:
                lines.append([group.label, row.label, row.detail, *(cell.text for cell in row.cells)])
        return lines


# --------------------------------------------------------------------------- building


def build_comparison(
    courses: Iterable[CoursePage | CourseProfile],
    career: CareerPage | None = None,
    only_differences: bool = False,
    features: Iterable[CourseFeature | FeatureRow] | None = None,
    today: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Comparison:
    """The comparison matrix for ``courses`` (a queryset, pages or their profiles), in their order.

    ``career`` adds a group showing how much of that career's skill list each course
    covers (prefetch its ``career_skills__skill``). ``features`` defaults to every
    published CourseFeature, so editors add a feature row by adding a snippet. ``request``
    lets page URLs be worked out once per request.
    """
    profiles = course_profiles(courses, request)
    if features is None and profiles:
        # Every published feature is a row, whether or not any of these courses has it; kept until
        # content next changes (a feature is a snippet: saving one bumps the version).
        features = content_version.remember(
            content_version.key_for(request, "feature-rows"),
            lambda: [
                feature_row(f) for f in apps.get_model("courses", "CourseFeature").objects.filter(live=True)
            ],
        )
    feature_list = [feature_row(feature) for feature in features or ()]
    groups = [
        _overview_group(profiles, today or timezone.localdate()),
        _features_group(profiles, feature_list),
        _skills_group(profiles),
        _careers_group(profiles),
    ]
    if career is not None:
        groups.insert(3, _coverage_group(profiles, career))
    columns = [Column(slug=c.slug, title=c.title, url=c.url, provider=c.provider) for c in profiles]
    return Comparison(
        courses=profiles, columns=columns, groups=groups, career=career, only_differences=only_differences
    )


def _row(key: str, label: str, cells: Iterable[Cell], detail: str = "", url: str = "") -> Row:
    return Row(key=key, label=label, cells=tuple(cells), detail=detail, url=url)


def _ticks(included: Iterable[bool], yes: str, no: str) -> tuple[Cell, ...]:
    """A tick-or-cross row's cells: the two possible cells are made once and shared."""
    ticked, crossed = Cell("Yes", True, yes, "yes"), Cell("No", False, no, "no")
    return tuple(ticked if has else crossed for has in included)


def _text_cell(text: str, value: Any = None, sr_text: str | None = None) -> Cell:
    return Cell(text=text, value=text if value is None else value, sr_text=sr_text or text)


def _starts(course: CourseProfile, today: datetime.date) -> Cell:
    dates = course.upcoming_start_dates(today)
    if not dates:
        return _text_cell("No dates announced", value=())
    return _text_cell(", ".join(text for _day, text in dates), value=tuple(day for day, _text in dates))


def _certification(course: CourseProfile) -> Cell:
    if not course.certification:
        return _text_cell("None", value="")
    text = course.certification
    # A provider awarding its own certificate is already named in the Provider row.
    if course.awarding_body and course.awarding_body != course.provider:
        text = f"{text}, awarded by {course.awarding_body}"
    return _text_cell(text)


def _salary_outlook(course: CourseProfile) -> Cell:
    best = course.best_paid_career()
    if best is None:
        return Cell(text="No salary figures yet", value=None, sr_text="No salary figures yet")
    return _text_cell(f"{gbp(best.typical)}, {best.title}", best.typical)


def _overview_group(courses: list[CourseProfile], today: datetime.date) -> RowGroup:
    def hours(c: CourseProfile) -> Cell:
        text = count_text(c.hours_per_week, "hour")
        return _text_cell(text, c.hours_per_week, f"{text} a week")

    def total(c: CourseProfile) -> Cell:
        return _text_cell(
            count_text(c.duration_weeks * c.hours_per_week, "hour"), c.duration_weeks * c.hours_per_week
        )

    rows = [
        _row("provider", "Provider", (_text_cell(c.provider, c.provider_id) for c in courses)),
        _row("level", "Level", (_text_cell(c.level_display, c.level) for c in courses)),
        _row("study_mode", "Study mode", (_text_cell(c.study_mode_display, c.study_mode) for c in courses)),
        _row(
            "duration",
            "Duration",
            (_text_cell(count_text(c.duration_weeks, "week"), c.duration_weeks) for c in courses),
        ),
        _row("hours_per_week", "Hours per week", (hours(c) for c in courses)),
        _row("total_hours", "Total study hours", (total(c) for c in courses)),
        _row("price", "Price", (_text_cell(price_text(c.price), c.price) for c in courses)),
        _row(
            "salary_outlook",
            "Salary outlook",
            (_salary_outlook(c) for c in courses),
            detail="Typical pay in the best-paid career it prepares for",
        ),
        _row("start_dates", "Start dates", (_starts(c, today) for c in courses)),
        _row("certification", "Certification", (_certification(c) for c in courses)),
    ]
    return RowGroup("overview", "Overview", tuple(rows))


def _features_group(courses: list[CourseProfile], features: list[FeatureRow]) -> RowGroup:
    rows = [
        _row(
            f"feature-{feature.slug}",
            feature.name,
            _ticks(
                (feature.pk in c.feature_pks for c in courses),
                f"{feature.name}: included",
                f"{feature.name}: not included",
            ),
            detail=feature.description,
        )
        for feature in features
    ]
    return RowGroup("features", "Features", tuple(rows))


def _skills_group(courses: list[CourseProfile]) -> RowGroup:
    taught = [course.skill_pks for course in courses]
    every_skill = {skill.pk: skill for course in courses for skill in course.skills}
    count_row = _row(
        "skills_count",
        "Skills taught",
        (
            Cell(text=str(len(pks)), value=len(pks), sr_text=f"Teaches {len(pks)} of the skills listed")
            for pks in taught
        ),
    )
    rows = [count_row] + [
        _row(
            f"skill-{skill.slug}",
            skill.name,
            _ticks(
                (skill.pk in pks for pks in taught), f"Teaches {skill.name}", f"Does not teach {skill.name}"
            ),
        )
        for skill in sorted(every_skill.values(), key=lambda skill: skill.name.lower())
    ]
    return RowGroup("skills", "Skills covered", tuple(rows))


def _coverage_group(courses: list[CourseProfile], career: CareerPage) -> RowGroup:
    taught = [course.skill_pks for course in courses]
    links = list(career.career_skills.all())
    needed = [link.skill_id for link in links]

    def coverage(pks: frozenset[int]) -> Cell:
        covered = sum(1 for pk in needed if pk in pks)
        text = Coverage(covered=covered, total=len(needed)).text
        return Cell(
            text=f"{covered} of {len(needed)}", value=covered, sr_text=f"{text} needed by {career.title}"
        )

    summary = _row("coverage", f"Skills for {career.title}", (coverage(pks) for pks in taught))
    rows = [summary] + [
        _row(
            f"career-skill-{link.skill.slug}",
            link.skill.name,
            _ticks(
                (link.skill_id in pks for pks in taught),
                f"Teaches {link.skill.name}",
                f"Does not teach {link.skill.name}",
            ),
            detail=link.get_importance_display(),
        )
        for link in links
    ]
    return RowGroup("career_coverage", f"Coverage of {career.title}", tuple(rows))


def _careers_group(courses: list[CourseProfile]) -> RowGroup:
    prepares = [{link.pk for link in course.careers} for course in courses]
    careers: dict[int, CareerLink] = {}
    for course in courses:
        for link in course.careers:
            careers.setdefault(link.pk, link)
    rows = [
        _row(
            f"career-{career.slug}",
            career.title,
            _ticks(
                (career.pk in ids for ids in prepares),
                f"Prepares for {career.title}",
                f"Does not prepare for {career.title}",
            ),
            detail=career.salary_text,
            url=career.url,
        )
        for career in sorted(careers.values(), key=lambda career: career.title.lower())
    ]
    return RowGroup("careers", "Careers it prepares for", tuple(rows))
