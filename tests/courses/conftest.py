"""Fixtures for the courses tests: features, skills, a career that needs them, a whole catalogue."""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from careers.factories import (
    CareerPageFactory,
    CareerSkillFactory,
    SalaryFigureFactory,
    SkillFactory,
)
from courses.factories import CourseFeatureFactory, CoursePageFactory
from portal.factories import StandardPageFactory
from portal.models import SiteSettings


@pytest.fixture(autouse=True)
def clear_cache():
    """Content health and the sitemap keep what they build under the content version: a test
    starts with none of another test's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def features(db):
    return [
        CourseFeatureFactory(name="Hands-on labs", slug="hands-on-labs", sort_order=1),
        CourseFeatureFactory(name="Tutor support", slug="tutor-support", sort_order=2),
        CourseFeatureFactory(name="Job matching", slug="job-matching", sort_order=3),
    ]


@pytest.fixture
def skills(db):
    names = ["Python", "SQL", "Statistics", "Machine learning", "Communication"]
    return {name: SkillFactory(name=name) for name in names}


@pytest.fixture
def data_scientist(career_index, skills):
    career = CareerPageFactory(parent=career_index, title="Data Scientist", slug="data-scientist")
    SalaryFigureFactory(career=career, minimum=30_000, typical=52_000, maximum=80_000)
    for name in ["Python", "SQL", "Statistics", "Machine learning"]:
        CareerSkillFactory(career=career, skill=skills[name])
    return career


def future(days: int) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=days)


def make_catalogue(course_index, career_index, count: int, prefix: str = "Catalogue course") -> list:
    """`count` courses with every relation the comparison reads filled in, varying per course."""
    features = [CourseFeatureFactory() for _ in range(4)]
    skills = [SkillFactory() for _ in range(6)]
    courses = []
    for n in range(count):
        careers = []
        for _ in range(2):
            career = CareerPageFactory(parent=career_index)
            SalaryFigureFactory(career=career)
            SalaryFigureFactory(career=career, region="London")
            for skill in skills[:3]:
                CareerSkillFactory(career=career, skill=skill)
            careers.append(career)
        courses.append(
            CoursePageFactory(
                parent=course_index,
                title=f"{prefix} {n:02d}",
                price=Decimal(500 + 100 * n),
                duration_weeks=4 + n,
                features=features[: 1 + n % 4],
                skills=skills[: 1 + n % 6],
                careers=careers,
                start_dates=[future(30 + n), future(120 + n)],
            )
        )
    return courses


@pytest.fixture
def enquiry_setup(site, career_index, course_index):
    """A career leading to a course with two start dates, and the settings the enquiry form reads."""
    career = CareerPageFactory(parent=career_index, title="Data Scientist", slug="data-scientist")
    course = CoursePageFactory(
        parent=course_index,
        title="Data Bootcamp",
        slug="data-bootcamp",
        careers=[career],
        start_dates=[future(-10), future(40), future(130)],
    )
    privacy = StandardPageFactory(parent=site.root_page, title="Privacy notice", slug="privacy")
    site_settings = SiteSettings.for_site(site)
    site_settings.admissions_email = "admissions@example.org"
    site_settings.privacy_page = privacy
    site_settings.save()
    return SimpleNamespace(career=career, course=course, privacy=privacy, site_settings=site_settings)
