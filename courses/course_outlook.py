"""What a course offers and leads to, read from prefetched relations.

:func:`course_prefetches` fetches, in a fixed number of queries for any number of
courses, everything a course profile (the comparison), a course page and the staff dashboard
read: features, skills, start dates and the careers a course leads to with their
salary figures and skills. The functions below then read only that prefetched data.

This module sits below ``courses.models`` (the page models build their context
from it), so it takes the course model from its callers instead of importing it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.utils import timezone

from careers.models import CareerPage, CareerSkill, SalaryFigure
from courses.course_text import salary_band_text
from portal.visibility import public_q

if TYPE_CHECKING:
    from courses.models import CoursePage


def course_prefetches(
    course_model: type[CoursePage], staff: bool = False, without_bodies: bool = False
) -> tuple[str | Prefetch, ...]:
    """The prefetches for a queryset or list of ``course_model`` pages.

    Links to careers that are unpublished or private are left out (readers could not
    follow them) unless ``staff``: the admin dashboard lists private careers too.
    ``without_bodies`` leaves out the careers' articles, for what never shows them.
    """
    return (
        *published_snippet_prefetches(course_model),
        "start_dates",
        career_links_prefetch(course_model, staff, without_bodies),
        Prefetch(
            "all_career_links__career__salary_figures",
            queryset=SalaryFigure.objects.select_related("source"),
        ),
        Prefetch(
            "all_career_links__career__career_skills",
            queryset=CareerSkill.objects.filter(skill__live=True).select_related("skill"),
        ),
    )


def published_snippet_prefetches(course_model: type[CoursePage]) -> tuple[Prefetch, Prefetch]:
    """A course's features and skills as readers see them: only those a moderator has published."""
    return tuple(
        Prefetch(name, queryset=course_model._meta.get_field(name).related_model.objects.filter(live=True))
        for name in ("features", "skills")
    )


def career_links_prefetch(
    course_model: type[CoursePage], staff: bool = False, without_bodies: bool = False
) -> Prefetch:
    """A course's links to the careers its readers may follow, made from either side (each pair once,
    ``courses/linked_careers.py``): its own in its editor's order, then the careers that link it."""
    career_links = course_model._meta.get_field("all_career_links").related_model
    shown = Q(career__live=True) if staff else public_q("career__")
    links = career_links.objects.filter(shown).select_related("career__sector").order_by("sort_order", "pk")
    return Prefetch("all_career_links", queryset=links.defer("career__body") if without_bodies else links)


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


@dataclass(frozen=True)
class CareerOutlook:
    """A career a course leads to, with its headline salary band and the course's skill coverage."""

    career: CareerPage
    url: str
    salary_text: str
    coverage: Coverage


def career_outlooks(course: CoursePage, request: HttpRequest | None = None) -> list[CareerOutlook]:
    """The course's public careers in editor order; prefetch with :func:`course_prefetches` first."""
    return [
        CareerOutlook(
            career=link.career,
            url=link.career.get_url(request) or "",
            salary_text=salary_band_text(link.career.headline_salary),
            coverage=skill_coverage(course, link.career),
        )
        for link in course.all_career_links.all()
    ]
