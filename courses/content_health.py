"""Content health: what in the catalogue needs an editor's attention, for the staff dashboard.

Each check is one query returning the rows to fix (each row knows its admin edit
URL), and :func:`summarise` counts them all for the admin home panel. The age
limit comes from ``settings.SALARY_STALE_AFTER_MONTHS`` (18, as on career pages) unless
the caller passes its own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from careers.models import CareerPage, CareerSkill, SalaryFigure, Skill
from careers.salary_age import months_before
from courses.content_health_careers import (
    broken_course_links,
    careers_missing_parts,
    questionable_salary_sources,
)
from courses.models import CourseCareerLink, CoursePage

MAX_MONTHS = 120


def default_months() -> int:
    # The age after which career pages call a figure possibly out of date: "stale" means one thing.
    return settings.SALARY_STALE_AFTER_MONTHS


def stale_salary_figures(months: int, today: datetime.date | None = None) -> QuerySet[SalaryFigure]:
    """Figures gathered more than ``months`` months ago, oldest first."""
    cutoff = months_before(today or timezone.localdate(), months)
    return (
        SalaryFigure.objects.filter(gathered_on__lt=cutoff)
        .select_related("career", "source")
        .order_by("gathered_on", "career__title", "region")
    )


def older_official_figures() -> QuerySet[SalaryFigure]:
    """Official figures from an older survey year than the newest one imported, oldest first, each
    annotated with ``newest_year``: once a newer table is in, these careers still show an old one
    (the new table had no usable row for them, or their new revision awaits a moderator)."""
    official = SalaryFigure.objects.filter(origin=SalaryFigure.Origin.ONS, year__isnull=False)
    newest = Subquery(official.order_by("-year").values("year")[:1])
    return (
        official.annotate(newest_year=newest)
        .filter(year__lt=F("newest_year"))
        .select_related("career", "source")
        .order_by("year", "career__title", "region")
    )


def careers_without_course() -> QuerySet[CareerPage]:
    """Careers linked to no course (draft or live) from either side."""
    return (
        CareerPage.objects.filter(~Exists(CourseCareerLink.objects.filter(career=OuterRef("pk"))))
        .order_by("title")
        .only("id", "title", "live")
    )


def courses_without_career() -> QuerySet[CoursePage]:
    """Courses linked to no career from either side."""
    return (
        CoursePage.objects.filter(~Exists(CourseCareerLink.objects.filter(course=OuterRef("pk"))))
        .select_related("provider")
        .order_by("title")
    )


def untaught_skills() -> QuerySet[Skill]:
    """Skills some career needs that no course teaches."""
    needed = CareerSkill.objects.filter(skill=OuterRef("pk"))
    taught = CoursePage._meta.get_field("skills").remote_field.through.objects.filter(skill=OuterRef("pk"))
    return Skill.objects.filter(Exists(needed), ~Exists(taught)).order_by("name")


def unrevised_pages(months: int, today: datetime.date | None = None) -> QuerySet[Page]:
    """Pages (below the root) whose last revision, or publication, is older than ``months`` months."""
    cutoff = months_before(today or timezone.localdate(), months)
    start = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return (
        Page.objects.filter(depth__gt=1)
        .annotate(
            last_change=Coalesce("latest_revision_created_at", "last_published_at", "first_published_at")
        )
        .filter(last_change__lt=start)
        .select_related("content_type")
        .order_by("last_change", "title")
    )


@dataclass(frozen=True)
class HealthCheck:
    """One check on the dashboard: a heading, how many rows need work, and where they are listed."""

    key: str
    label: str
    count: int

    @property
    def anchor(self) -> str:
        return f"{reverse('comparison:content_health')}#{self.key}"


def summarise(months: int | None = None, today: datetime.date | None = None) -> list[HealthCheck]:
    """The count for every check, eleven queries in all."""
    months = default_months() if months is None else months
    return [
        HealthCheck(
            "stale-salaries",
            f"Salary figures older than {months} months",
            stale_salary_figures(months, today).count(),
        ),
        HealthCheck(
            "older-official-figures",
            "Official salary figures from an older survey year",
            older_official_figures().count(),
        ),
        HealthCheck(
            "questionable-sources",
            "Salary sources that are illustrative or give no link",
            questionable_salary_sources().count(),
        ),
        HealthCheck("careers-missing-parts", "Careers missing a part", len(careers_missing_parts())),
        HealthCheck("broken-course-links", "Careers with broken course links", len(broken_course_links())),
        HealthCheck("careers-without-course", "Careers with no course", careers_without_course().count()),
        HealthCheck("courses-without-career", "Courses with no career", courses_without_career().count()),
        HealthCheck(
            "untaught-skills", "Skills careers need that no course teaches", untaught_skills().count()
        ),
        HealthCheck(
            "unrevised-pages",
            f"Pages not revised for {months} months",
            unrevised_pages(months, today).count(),
        ),
    ]
