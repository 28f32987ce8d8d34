"""Reading a comparison's query string: which courses, which career, which switches.

Every rule a hostile or mistyped URL meets lives here: entries that cannot be slugs
are never looked up, duplicates count once, at most :data:`MAX_COURSES` courses are
kept, and each problem becomes a plain notice for the reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

from careers.models import CareerPage, CareerSkill
from courses.course_profile import CourseProfile, profile_of, with_comparison_data
from portal import content_version
from portal.visibility import public_pages

if TYPE_CHECKING:
    from courses.models import CoursePage

MIN_COURSES = 2
MAX_COURSES = 16
# Pinned columns stay beside the row labels while the rest scroll past: more would leave no room.
MAX_PINNED = 3
# How many comma-separated entries of a query string are read at all: enough for a
# generous shortlist with mistakes, small enough that a hostile URL costs nothing.
MAX_ENTRIES_READ = 64
MAX_SLUG_LENGTH = 255

# Wagtail allows Unicode slugs; anything else cannot name a page and never reaches the database.
_SLUG_RE = re.compile(r"^[-\w]+\Z")
_TRUTHY = {"1", "true", "on", "yes"}


def load_career(raw_slug: str | None) -> CareerPage | None:
    """The public career a ``career=`` parameter names, ready for coverage rows; None if there is none."""
    if not is_valid_slug(raw_slug):
        return None
    return (
        public_pages(CareerPage.objects.filter(slug=raw_slug))
        .prefetch_related(
            Prefetch(
                "career_skills", queryset=CareerSkill.objects.filter(skill__live=True).select_related("skill")
            )
        )
        .first()
    )


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

    courses: list[CourseProfile]
    unknown: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    dropped: list[CourseProfile] = field(default_factory=list)

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


def select_courses(
    raw_values: Sequence[str],
    queryset: QuerySet[CoursePage] | Callable[[], QuerySet[CoursePage]],
    kept_as: str = "",
    request: HttpRequest | None = None,
) -> CourseSelection:
    """Apply the query-string rules: unknown slugs are named, duplicates count once, at most 16 kept.

    ``queryset`` (or a function making it: building the public-pages filter costs more than
    reading kept courses back, so it is made only when some are not kept) limits what may be
    compared (e.g. live, public courses under one index)
    and is loaded with :func:`with_comparison_data` into course profiles (their URLs as ``request``
    links them), in the order the slugs were given. With ``kept_as`` (a name for ``queryset`` and
    the site the URLs are for), each profile is kept until content next changes, so comparing
    courses compared before makes no query.
    """
    slugs, invalid, duplicates = parse_course_slugs(raw_values)

    def load(missing: list[str]) -> dict[str, CourseProfile]:  # one query and the prefetches
        courses = queryset if isinstance(queryset, QuerySet) else queryset()
        loaded = with_comparison_data(courses.filter(slug__in=missing))
        return {course.slug: profile_of(course, request) for course in loaded}

    found = (content_version.remember_many(kept_as, slugs, load) if kept_as else load(slugs)) if slugs else {}
    ordered = [found[slug] for slug in slugs if slug in found]
    unknown = invalid + [slug for slug in slugs if slug not in found]
    return CourseSelection(
        courses=ordered[:MAX_COURSES],
        unknown=unknown,
        duplicates=duplicates,
        dropped=ordered[MAX_COURSES:],
    )


@dataclass(frozen=True)
class Pins:
    """The compared courses a ``pinned=`` parameter keeps in view, in the comparison's order."""

    slugs: list[str]
    notices: list[str]

    def first(self, courses: list[CourseProfile]) -> list[CourseProfile]:
        """The courses with the pinned ones moved to the front, each group in its own order."""
        return [c for c in courses if c.slug in self.slugs] + [c for c in courses if c.slug not in self.slugs]


def parse_pinned(raw_values: Sequence[str], compared: Sequence[CourseProfile]) -> Pins:
    """``pinned=a,b`` (or repeated) read against the compared courses: at most :data:`MAX_PINNED`,
    anything not compared named in a notice and left out."""
    asked, invalid, _duplicates = parse_course_slugs(raw_values)
    order = [course.slug for course in compared]
    strays = invalid + [slug for slug in asked if slug not in order]
    kept = [slug for slug in asked if slug in order]
    notices = []
    if strays:
        names = ", ".join(f"“{shorten(name)}”" for name in strays)
        notices.append(f"{names} is not in this comparison, so it is not pinned.")
    if len(kept) > MAX_PINNED:
        notices.append(f"You can pin up to {MAX_PINNED} courses, so we pinned the first {MAX_PINNED}.")
        kept = kept[:MAX_PINNED]
    return Pins(slugs=[slug for slug in order if slug in kept], notices=notices)
