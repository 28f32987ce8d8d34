"""A compared course as plain data: what the comparison reads of it, and nothing else.

A comparison of 16 courses reads back each course every time it is shown. Kept as a loaded page
with its prefetched features, skills, start dates and careers, a course took milliseconds to
unpickle; kept as a :class:`CourseProfile` (strings, numbers and tuples of them) it takes
microseconds. Profiles are kept under the content version (course_selection.select_courses), so
a published course, a saved feature or skill snippet or a new salary figure shows on the next
comparison. Nothing here renders HTML; courses/comparison.py builds the matrix from profiles.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import QuerySet, prefetch_related_objects
from django.http import HttpRequest

from courses.course_outlook import course_prefetches
from courses.course_text import salary_band_text, short_uk_date

if TYPE_CHECKING:
    from courses.models import CoursePage


class CareerLink(NamedTuple):
    """A career a course prepares for, as its careers row and the salary outlook show it."""

    pk: int
    slug: str
    title: str
    url: str
    salary_text: str  # the headline band, or a plain statement that there is none
    typical: int | Decimal | None  # the headline typical salary, None without figures


class SkillTaught(NamedTuple):
    pk: int
    slug: str
    name: str


class FeatureRow(NamedTuple):
    """A published course feature: one tick-or-cross row of every comparison."""

    pk: int
    slug: str
    name: str
    description: str


class CourseProfile(NamedTuple):
    """Everything a comparison shows of one course, read from a loaded page once."""

    pk: int
    slug: str
    title: str
    url: str
    provider_id: int
    provider: str
    level: str
    level_display: str
    study_mode: str
    study_mode_display: str
    duration_weeks: int
    hours_per_week: int
    price: Decimal
    certification: str
    awarding_body: str
    # Every start date, earliest first, with its text: which are still to come depends on the day.
    start_dates: tuple[tuple[datetime.date, str], ...]
    feature_pks: frozenset[int]
    skills: tuple[SkillTaught, ...]
    careers: tuple[CareerLink, ...]  # in the course's own order

    @property
    def skill_pks(self) -> frozenset[int]:
        return frozenset(skill.pk for skill in self.skills)

    def upcoming_start_dates(self, today: datetime.date) -> tuple[tuple[datetime.date, str], ...]:
        return tuple(start for start in self.start_dates if start[0] >= today)

    def best_paid_career(self) -> CareerLink | None:
        """The career with the highest typical headline salary (the first of equals): its outlook."""
        paid = [career for career in self.careers if career.typical is not None]
        return max(paid, key=lambda career: career.typical, default=None)


def feature_row(feature: object) -> FeatureRow:
    return FeatureRow(feature.pk, feature.slug, feature.name, feature.description)


def profile_of(course: CoursePage, request: HttpRequest | None = None) -> CourseProfile:
    """The profile of a course loaded with :func:`with_comparison_data` (or its prefetches)."""
    careers = []
    for link in course.all_career_links.all():
        career = link.career
        headline = career.headline_salary
        careers.append(
            CareerLink(
                pk=career.pk,
                slug=career.slug,
                title=career.title,
                url=career.get_url(request) or "",
                salary_text=salary_band_text(headline),
                typical=None if headline is None else headline.typical,
            )
        )
    return CourseProfile(
        pk=course.pk,
        slug=course.slug,
        title=course.title,
        url=course.get_url(request) or "",
        provider_id=course.provider_id,
        provider=course.provider.name,
        level=course.level,
        level_display=course.get_level_display(),
        study_mode=course.study_mode,
        study_mode_display=course.get_study_mode_display(),
        duration_weeks=course.duration_weeks,
        hours_per_week=course.hours_per_week,
        price=course.price,
        certification=course.certification,
        awarding_body=course.awarding_body,
        start_dates=tuple(
            (day, short_uk_date(day)) for day in sorted(start.starts_on for start in course.start_dates.all())
        ),
        feature_pks=frozenset(feature.pk for feature in course.features.all()),
        skills=tuple(SkillTaught(skill.pk, skill.slug, skill.name) for skill in course.skills.all()),
        careers=tuple(careers),
    )


def with_comparison_data(queryset: QuerySet[CoursePage]) -> QuerySet[CoursePage]:
    """What a profile reads, in a fixed number of queries; not the syllabus nor careers' articles."""
    prefetches = course_prefetches(queryset.model, without_bodies=True)
    return queryset.defer("syllabus").select_related("provider").prefetch_related(*prefetches)


def course_profiles(
    courses: Iterable[CoursePage | CourseProfile], request: HttpRequest | None = None
) -> list[CourseProfile]:
    """Profiles of ``courses`` (a queryset, pages or profiles already made), in their given order."""
    if isinstance(courses, QuerySet):
        return [profile_of(course, request) for course in with_comparison_data(courses)]
    courses = list(courses)
    pages = [course for course in courses if not isinstance(course, CourseProfile)]
    if pages:
        prefetch_related_objects(pages, "provider", *course_prefetches(type(pages[0])))
    return [
        course if isinstance(course, CourseProfile) else profile_of(course, request) for course in courses
    ]
