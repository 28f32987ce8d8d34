"""Build a side-by-side comparison of courses: one matrix for the public page, the CSV and the dashboard.

The public compare route, its CSV download and the staff dashboard all render
the same :class:`Comparison`, so what a student sees, what they download and
what staff review cannot drift apart. Nothing here produces HTML: every cell
carries plain display text, a raw value to sort and compare on, and a sentence
for screen readers; templates and writers decide how to show them.

Typical use::

    selection = select_courses(request.GET.getlist("courses"), index.courses())
    comparison = build_comparison(selection.courses, career=career, only_differences=True)
    for group in comparison.visible_groups:
        for row in group.rows:
            row.label, [cell.text for cell in row.cells]

The cost is a fixed number of SQL queries whatever the number of courses:
:func:`with_comparison_data` prefetches every relation the matrix reads.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils import dateformat, timezone

from careers.models import CareerPage, CareerSkill, SalaryFigure
from courses.models import CourseCareer, CourseFeature, CoursePage
from portal.templatetags.portal_tags import gbp
from portal.visibility import public_pages, public_q

MIN_COURSES = 2
MAX_COURSES = 16
# How many comma-separated entries of a query string are read at all: enough for a
# generous shortlist with mistakes, small enough that a hostile URL costs nothing.
MAX_ENTRIES_READ = 64
MAX_SLUG_LENGTH = 255
UK_DATE = "j F Y"

# Wagtail allows Unicode slugs; anything else cannot name a page and never reaches the database.
_SLUG_RE = re.compile(r"^[-\w]+\Z")
_TRUTHY = {"1", "true", "on", "yes"}


def _course_prefetches(career_links: Q) -> tuple[str | Prefetch, ...]:
    return (
        "features",
        "skills",
        "start_dates",
        Prefetch(
            "career_links",
            queryset=CourseCareer.objects.filter(career_links)
            .select_related("career")
            .order_by("sort_order", "pk"),
        ),
        Prefetch(
            "career_links__career__salary_figures",
            queryset=SalaryFigure.objects.select_related("source"),
        ),
        Prefetch(
            "career_links__career__career_skills",
            queryset=CareerSkill.objects.select_related("skill"),
        ),
    )


# What the matrix reads from each course, prefetched once for any number of courses. Links to
# careers that are unpublished or private are left out: readers could not follow them.
COURSE_PREFETCHES = _course_prefetches(public_q("career__"))
# The same for the staff dashboard (admin only), which lists private careers too.
STAFF_COURSE_PREFETCHES = _course_prefetches(Q(career__live=True))


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


def write_csv(comparison: Comparison, stream: IO[str]) -> None:
    """Write the same rows the page shows; cells that a spreadsheet would run as formulas are defused."""
    writer = csv.writer(stream)
    for line in comparison.as_rows():
        writer.writerow([csv_safe(text) for text in line])


def csv_safe(text: str) -> str:
    """Editor-written text for a CSV cell: a leading quote stops spreadsheets running it as a formula."""
    # A leading = + - @ (or tab, carriage return) makes Excel and friends evaluate the cell.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _hashable(value: Any) -> Any:
    if isinstance(value, list | set):
        return tuple(value)
    return value


# --------------------------------------------------------------------------- text helpers


def salary_band_text(figure: SalaryFigure | None) -> str:
    """'£28,000–£75,000, UK average £45,000', or a plain statement that there is no figure."""
    if figure is None:
        return "No salary figures yet"
    return f"{gbp(figure.minimum)}–{gbp(figure.maximum)}, {figure.typical_label} {gbp(figure.typical)}"


def price_text(price: Decimal) -> str:
    """'Free', '£4,500' or '£49.99': the site's money format, with a word for no charge."""
    return "Free" if price == 0 else gbp(price)


def count_text(number: int, word: str) -> str:
    """'1 week', '12 weeks'."""
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def uk_date(day: datetime.date) -> str:
    return dateformat.format(day, UK_DATE)


def upcoming_start_dates(course: CoursePage, today: datetime.date | None = None) -> list[datetime.date]:
    """Start dates from today on, earliest first, read from the prefetched start dates."""
    today = today or timezone.localdate()
    return sorted(start.starts_on for start in course.start_dates.all() if start.starts_on >= today)


@dataclass(frozen=True)
class Coverage:
    """How many of a career's skills a course teaches ("covers 6 of 9 skills")."""

    covered: int
    total: int
    missing: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        if self.total == 0:
            return "No skills listed for this career"
        return f"Covers {self.covered} of {self.total} skills"


def skill_coverage(course: CoursePage, career: CareerPage) -> Coverage:
    """Coverage from prefetched data: course.skills and career.career_skills."""
    taught = {skill.pk for skill in course.skills.all()}
    career_skills = list(career.career_skills.all())
    missing = tuple(link.skill.name for link in career_skills if link.skill_id not in taught)
    return Coverage(covered=len(career_skills) - len(missing), total=len(career_skills), missing=missing)


# --------------------------------------------------------------------------- loading courses


def load_career(raw_slug: str | None) -> CareerPage | None:
    """The public career a ``career=`` parameter names, ready for coverage rows; None if there is none."""
    if not is_valid_slug(raw_slug):
        return None
    return (
        public_pages(CareerPage.objects.filter(slug=raw_slug))
        .prefetch_related(Prefetch("career_skills", queryset=CareerSkill.objects.select_related("skill")))
        .first()
    )


def with_comparison_data(queryset: QuerySet[CoursePage]) -> QuerySet[CoursePage]:
    """The queryset with everything the matrix reads, in a fixed number of queries."""
    return queryset.select_related("provider").prefetch_related(*COURSE_PREFETCHES)


def _loaded(courses: Iterable[CoursePage]) -> list[CoursePage]:
    if isinstance(courses, QuerySet):
        return list(with_comparison_data(courses))
    courses = list(courses)
    # Already-prefetched relations are skipped, so passing a prepared list costs nothing extra.
    prefetch_related_objects(courses, "provider", *COURSE_PREFETCHES)
    return courses


def parse_course_slugs(raw_values: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """Turn ``courses=a,b`` and/or repeated ``courses=a&courses=b`` into slugs.

    Returns ``(slugs, invalid, duplicates)``: ``slugs`` in the order given, each once;
    ``invalid`` holds entries that cannot be a slug (never looked up); ``duplicates``
    the slugs that were asked for more than once.
    """
    entries: list[str] = []
    for raw in raw_values:
        entries.extend(part.strip() for part in str(raw).split(","))
    entries = [entry for entry in entries if entry][:MAX_ENTRIES_READ]
    slugs: list[str] = []
    invalid: list[str] = []
    duplicates: list[str] = []
    for entry in entries:
        if len(entry) > MAX_SLUG_LENGTH or not _SLUG_RE.match(entry):
            if entry not in invalid:
                invalid.append(entry)
        elif entry in slugs:
            if entry not in duplicates:
                duplicates.append(entry)
        else:
            slugs.append(entry)
    return slugs, invalid, duplicates


def parse_flag(raw: str | None) -> bool:
    """A query-string switch such as only_differences=1; anything unrecognised means off."""
    return (raw or "").strip().lower() in _TRUTHY


def is_valid_slug(raw: str | None) -> bool:
    return bool(raw) and len(raw) <= MAX_SLUG_LENGTH and bool(_SLUG_RE.match(raw))


@dataclass
class CourseSelection:
    """The courses a query string asked for, and what went wrong on the way."""

    courses: list[CoursePage]
    unknown: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    dropped: list[CoursePage] = field(default_factory=list)

    @property
    def slugs(self) -> list[str]:
        return [course.slug for course in self.courses]

    @property
    def is_enough(self) -> bool:
        return len(self.courses) >= MIN_COURSES

    @property
    def notices(self) -> list[str]:
        """Plain-text messages for the reader, one per problem."""
        messages = []
        if self.unknown:
            names = ", ".join(f"“{shorten(name)}”" for name in self.unknown)
            noun = "a course called" if len(self.unknown) == 1 else "courses called"
            messages.append(f"We could not find {noun} {names}, so it is left out.")
        if self.duplicates:
            names = ", ".join(f"“{name}”" for name in self.duplicates)
            messages.append(f"{names} was asked for more than once; it is compared once.")
        if self.dropped:
            names = ", ".join(course.title for course in self.dropped)
            messages.append(
                f"You can compare up to {MAX_COURSES} courses at a time, so we show the first "
                f"{MAX_COURSES}. Left out: {names}."
            )
        return messages


def shorten(text: str, limit: int = 60) -> str:
    """Reader-supplied text cut to a length a notice can quote."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def select_courses(raw_values: Sequence[str], queryset: QuerySet[CoursePage]) -> CourseSelection:
    """Apply the query-string rules: unknown slugs are named, duplicates count once, at most 16 kept.

    ``queryset`` limits what may be compared (e.g. live, public courses under one index)
    and is loaded with :func:`with_comparison_data`, in the order the slugs were given.
    """
    slugs, invalid, duplicates = parse_course_slugs(raw_values)
    found = {course.slug: course for course in with_comparison_data(queryset.filter(slug__in=slugs))}
    ordered = [found[slug] for slug in slugs if slug in found]
    unknown = invalid + [slug for slug in slugs if slug not in found]
    return CourseSelection(
        courses=ordered[:MAX_COURSES],
        unknown=unknown,
        duplicates=duplicates,
        dropped=ordered[MAX_COURSES:],
    )


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
    CourseFeature, so editors add a feature row by adding a snippet. ``request``
    lets page URLs be worked out once per request.
    """
    courses = _loaded(courses)
    feature_list = list(CourseFeature.objects.all() if features is None else features)
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
        return text_cell(", ".join(uk_date(day) for day in dates), value=tuple(dates))

    def certification(course: CoursePage) -> Cell:
        if not course.certification:
            return text_cell("None", value="")
        text = course.certification
        if course.awarding_body:
            text = f"{text}, awarded by {course.awarding_body}"
        return text_cell(text)

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
    prepares = [{link.career_id for link in course.career_links.all()} for course in courses]
    careers: dict[int, CareerPage] = {}
    for course in courses:
        for link in course.career_links.all():
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


# --------------------------------------------------------------------------- one course's careers


@dataclass(frozen=True)
class CareerOutlook:
    """A career a course leads to, with its headline salary band and the course's skill coverage."""

    career: CareerPage
    url: str
    salary_text: str
    coverage: Coverage


def career_outlooks(course: CoursePage, request: HttpRequest | None = None) -> list[CareerOutlook]:
    """The course's public careers in editor order; prefetch with ``COURSE_PREFETCHES`` first."""
    return [
        CareerOutlook(
            career=link.career,
            url=link.career.get_url(request) or "",
            salary_text=salary_band_text(link.career.headline_salary),
            coverage=skill_coverage(course, link.career),
        )
        for link in course.career_links.all()
    ]
