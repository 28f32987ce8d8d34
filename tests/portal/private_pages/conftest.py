"""A public career beside private ones (restricted on themselves or under a restricted
section), and courses linking to both."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from careers.factories import (
    CareerIndexPageFactory,
    CareerSkillFactory,
    ProgressionStepFactory,
    RelatedCareerFactory,
    SectorFactory,
    SkillFactory,
)
from courses.factories import CoursePageFactory
from tests.portal.private_pages.site import career, restrict


@pytest.fixture(autouse=True)
def cold_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def skills(db):
    return {name: SkillFactory(name=name) for name in ("SQL", "Lock picking")}


@pytest.fixture
def public_career(career_index, skills):
    page = career(career_index, "Data Analyst", "Turns raw numbers into decisions.", 41_500)
    CareerSkillFactory(career=page, skill=skills["SQL"])
    return page


@pytest.fixture
def sibling(career_index):
    return career(career_index, "Data Engineer", "Builds the pipelines analysts use.", 47_000)


@pytest.fixture
def private_career(career_index, skills):
    """Restricted itself (password), in a sector and with a skill no public career has."""
    page = career(
        career_index,
        "Secret Operative",
        "Works where nobody may look.",
        88_800,
        sector=SectorFactory(name="Covert work", slug="covert-work"),
    )
    CareerSkillFactory(career=page, skill=skills["Lock picking"])
    restrict(page)
    return page


@pytest.fixture
def partner_career(home_page):
    """Not restricted itself: the section above it is (signed-in users only)."""
    section = CareerIndexPageFactory(parent=home_page, title="Partner careers", slug="partner-careers")
    restrict(section, PageViewRestriction.LOGIN)
    return career(section, "Partner Liaison", "Only partners should read this.", 66_600)


@pytest.fixture
def all_careers(public_career, sibling, private_career, partner_career):
    return public_career, sibling, private_career, partner_career


@pytest.fixture
def courses(course_index, all_careers, skills):
    public, sibling, private, partner = all_careers
    first = CoursePageFactory(
        parent=course_index,
        title="Data Foundations",
        slug="data-foundations",
        careers=[public, private, partner],
        skills=[skills["SQL"], skills["Lock picking"]],
    )
    second = CoursePageFactory(
        parent=course_index, title="Cloud Basics", slug="cloud-basics", careers=[sibling, private]
    )
    return first, second


@pytest.fixture
def private_course(course_index, public_career):
    course = CoursePageFactory(
        parent=course_index,
        title="Covert Methods",
        slug="covert-methods",
        summary="A course for insiders only.",
        careers=[public_career],
    )
    restrict(course)
    return course


@pytest.fixture
def linked_career(public_career, sibling, private_career, partner_career):
    """The public career links to its public sibling and to both private careers."""
    for order, related in enumerate((private_career, sibling, partner_career)):
        RelatedCareerFactory(career=public_career, related=related, sort_order=order)
    ProgressionStepFactory(career=public_career, title="Lead investigator", linked_career=private_career)
    ProgressionStepFactory(career=public_career, title="Partner lead", linked_career=partner_career)
    ProgressionStepFactory(career=public_career, title="Pipeline lead", linked_career=sibling)
    return public_career
