"""The side-by-side comparison matrix of courses, for the public compare page and its CSV.

The public compare route and its CSV download render the same :class:`Comparison`,
so what a student sees and what they download cannot drift apart. The staff
dashboard's course report does not build one: it lists every course in a Wagtail
report with columns of its own, written with the same text helpers
(courses/course_text.py) from the same prefetches (courses/course_outlook.py).
Nothing here produces HTML: every cell carries plain display text, a raw value to
sort and compare on, and a sentence for screen readers; templates and writers
decide how to show them.

Typical use (the query-string rules are in courses/course_selection.py)::

    selection = select_courses(request.GET.getlist("courses"), index.courses())
    comparison = build_comparison(selection.courses, career=career, only_differences=True)
    for group in comparison.visible_groups:
        for row in group.rows:
            row.label, [cell.text for cell in row.cells]

A fixed number of queries for any number of courses: :func:`with_comparison_data` prefetches.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet, prefetch_related_objects
from django.http import HttpRequest

from careers.models import CareerPage
from courses.course_outlook import best_paid_career, course_prefetches, skill_coverage, upcoming_start_dates
from courses.course_text import count_text, price_text, salary_band_text, short_uk_date
from portal import content_version
from portal.money import gbp

if TYPE_CHECKING:
    from courses.models import CourseFeature, CoursePage


# --------------------------------------------------------------------------- the matrix


@dataclass(frozen=True)
class Cell:
    """One course's value in one row.

    ``text`` is what sighted readers and the CSV see, ``value`` is what rows are
    compared and sorted on, ``sr_text`` is a full phrase for screen readers and
    ``mark`` is "yes"/"no" for tick-or-cross rows (None elsewhere).
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

    @property
    def differs(self) -> bool:
        """True when at least two courses differ in this row."""
        return len({_hashable(cell.value) for cell in self.cells}) > 1


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

    courses: list[CoursePage]
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


def _hashable(value: Any) -> Any:
    if isinstance(value, list | set):
        return tuple(value)
    return value


# --------------------------------------------------------------------------- loading courses


def with_comparison_data(queryset: QuerySet[CoursePage]) -> QuerySet[CoursePage]:
    """What the matrix reads, in a fixed number of queries; not the syllabus nor careers' articles."""
    prefetches = course_prefetches(queryset.model, without_bodies=True)
    return queryset.defer("syllabus").select_related("provider").prefetch_related(*prefetches)


def _loaded(courses: Iterable[CoursePage]) -> list[CoursePage]:
    if isinstance(courses, QuerySet):
        return list(with_comparison_data(courses))
    courses = list(courses)
    # Prefetched relations are skipped; kept courses (course_selection.slim) have all it reads.
    if courses and not all(getattr(course, "slimmed", False) for course in courses):
        prefetch_related_objects(courses, "provider", *course_prefetches(type(courses[0])))
    return courses


# --------------------------------------------------------------------------- building


def build_comparison(
    courses: Iterable[CoursePage],
    career: CareerPage | None = None,
    only_differences: bool = False,
    features: Iterable[CourseFeature] | None = None,
    today: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Comparison:
    """The comparison matrix for ``courses`` (a queryset or a list), in their given order.

    ``career`` adds a group showing how much of that career's skill list each course
    covers (prefetch its ``career_skills__skill``). ``features`` defaults to every
    published CourseFeature, so editors add a feature row by adding a snippet. ``request``
    lets page URLs be worked out once per request.
    """
    courses = _loaded(courses)
    if features is None and courses:
        # Every published feature is a row, whether or not any of these courses has it; kept until
        # content next changes (a feature is a snippet: saving one bumps the version).
        model = type(courses[0])._meta.get_field("features").related_model
        features = content_version.remember(
            content_version.key_for(request, "features"), lambda: list(model.objects.filter(live=True))
        )
    feature_list = list(features or ())
    groups = [
        _overview_group(courses, today),
        _features_group(courses, feature_list),
        _skills_group(courses),
        _careers_group(courses, request),
    ]
    if career is not None:
        groups.insert(3, _coverage_group(courses, career))
    columns = [
        Column(
            slug=course.slug,
            title=course.title,
            url=course.get_url(request) or "",
            provider=course.provider.name,
        )
        for course in courses
    ]
    return Comparison(
        courses=courses, columns=columns, groups=groups, career=career, only_differences=only_differences
    )


def _row(key: str, label: str, cells: Iterable[Cell], detail: str = "", url: str = "") -> Row:
    return Row(key=key, label=label, cells=tuple(cells), detail=detail, url=url)


def _tick(included: bool, yes: str, no: str) -> Cell:
    return Cell(
        text="Yes" if included else "No",
        value=included,
        sr_text=yes if included else no,
        mark="yes" if included else "no",
    )


def _overview_group(courses: list[CoursePage], today: datetime.date | None) -> RowGroup:
    def text_cell(text: str, value: Any = None, sr_text: str | None = None) -> Cell:
        return Cell(text=text, value=text if value is None else value, sr_text=sr_text or text)

    def starts(course: CoursePage) -> Cell:
        dates = upcoming_start_dates(course, today)
        if not dates:
            return text_cell("No dates announced", value=())
        return text_cell(", ".join(short_uk_date(day) for day in dates), value=tuple(dates))

    def certification(course: CoursePage) -> Cell:
        if not course.certification:
            return text_cell("None", value="")
        text = course.certification
        # A provider awarding its own certificate is already named in the Provider row.
        if course.awarding_body and course.awarding_body != course.provider.name:
            text = f"{text}, awarded by {course.awarding_body}"
        return text_cell(text)

    def salary_outlook(course: CoursePage) -> Cell:
        best = best_paid_career(course)
        if best is None:
            return Cell(text="No salary figures yet", value=None, sr_text="No salary figures yet")
        return text_cell(f"{gbp(best.headline_salary.typical)}, {best.title}", best.headline_salary.typical)

    rows = [
        _row("provider", "Provider", (text_cell(c.provider.name, c.provider_id) for c in courses)),
        _row("level", "Level", (text_cell(c.get_level_display(), c.level) for c in courses)),
        _row(
            "study_mode", "Study mode", (text_cell(c.get_study_mode_display(), c.study_mode) for c in courses)
        ),
        _row(
            "duration",
            "Duration",
            (text_cell(count_text(c.duration_weeks, "week"), c.duration_weeks) for c in courses),
        ),
        _row(
            "hours_per_week",
            "Hours per week",
            (
                text_cell(
                    count_text(c.hours_per_week, "hour"),
                    c.hours_per_week,
                    f"{count_text(c.hours_per_week, 'hour')} a week",
                )
                for c in courses
            ),
        ),
        _row(
            "total_hours",
            "Total study hours",
            (
                text_cell(
                    count_text(c.duration_weeks * c.hours_per_week, "hour"),
                    c.duration_weeks * c.hours_per_week,
                )
                for c in courses
            ),
        ),
        _row("price", "Price", (text_cell(price_text(c.price), c.price) for c in courses)),
        _row(
            "salary_outlook",
            "Salary outlook",
            (salary_outlook(c) for c in courses),
            detail="Typical pay in the best-paid career it prepares for",
        ),
        _row("start_dates", "Start dates", (starts(c) for c in courses)),
        _row("certification", "Certification", (certification(c) for c in courses)),
    ]
    return RowGroup("overview", "Overview", tuple(rows))


def _features_group(courses: list[CoursePage], features: list[CourseFeature]) -> RowGroup:
    included = [{feature.pk for feature in course.features.all()} for course in courses]
    rows = [
        _row(
            f"feature-{feature.slug}",
            feature.name,
            (
                _tick(feature.pk in has, f"{feature.name}: included", f"{feature.name}: not included")
                for has in included
            ),
            detail=feature.description,
        )
        for feature in features
    ]
    return RowGroup("features", "Features", tuple(rows))


def _skills_group(courses: list[CoursePage]) -> RowGroup:
    taught = [{skill.pk: skill for skill in course.skills.all()} for course in courses]
    every_skill = {pk: skill for skills in taught for pk, skill in skills.items()}
    count_row = _row(
        "skills_count",
        "Skills taught",
        (
            Cell(
                text=str(len(skills)),
                value=len(skills),
                sr_text=f"Teaches {len(skills)} of the skills listed",
            )
            for skills in taught
        ),
    )
    rows = [count_row] + [
        _row(
            f"skill-{skill.slug}",
            skill.name,
            (
                _tick(skill.pk in skills, f"Teaches {skill.name}", f"Does not teach {skill.name}")
                for skills in taught
            ),
        )
        for skill in sorted(every_skill.values(), key=lambda skill: skill.name.lower())
    ]
    return RowGroup("skills", "Skills covered", tuple(rows))


def _coverage_group(courses: list[CoursePage], career: CareerPage) -> RowGroup:
    coverages = [skill_coverage(course, career) for course in courses]
    summary = _row(
        "coverage",
        f"Skills for {career.title}",
        (
            Cell(
                text=f"{c.covered} of {c.total}",
                value=c.covered,
                sr_text=f"{c.text} needed by {career.title}",
            )
            for c in coverages
        ),
    )
    taught = [{skill.pk for skill in course.skills.all()} for course in courses]
    rows = [summary] + [
        _row(
            f"career-skill-{link.skill.slug}",
            link.skill.name,
            (
                _tick(
                    link.skill_id in skills, f"Teaches {link.skill.name}", f"Does not teach {link.skill.name}"
                )
                for skills in taught
            ),
            detail=link.get_importance_display(),
        )
        for link in career.career_skills.all()
    ]
    return RowGroup("career_coverage", f"Coverage of {career.title}", tuple(rows))


def _careers_group(courses: list[CoursePage], request: HttpRequest | None) -> RowGroup:
    prepares = [{link.career_id for link in course.all_career_links.all()} for course in courses]
    careers: dict[int, CareerPage] = {}
    for course in courses:
        for link in course.all_career_links.all():
            careers.setdefault(link.career_id, link.career)
    rows = [
        _row(
            f"career-{career.slug}",
            career.title,
            (
                _tick(
                    career.pk in ids, f"Prepares for {career.title}", f"Does not prepare for {career.title}"
                )
                for ids in prepares
            ),
            detail=salary_band_text(career.headline_salary),
            url=career.get_url(request) or "",
        )
        for career in sorted(careers.values(), key=lambda career: career.title.lower())
    ]
    return RowGroup("careers", "Careers it prepares for", tuple(rows))
