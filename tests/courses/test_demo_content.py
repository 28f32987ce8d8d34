"""The courses demo content that `seed_demo` loads, and how it is wired to careers and the home page."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from careers.models import CareerPage
from courses.models import (
    CourseCareer,
    CourseCareerLink,
    CourseFeature,
    CourseIndexPage,
    CoursePage,
    Provider,
)
from portal.models import HomePage, Promotion, SiteSettings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def _call_to_action_course(career: CareerPage):
    blocks = [block.value for block in career.body if block.block_type == "call_to_action"]
    assert len(blocks) == 1, career.slug
    return blocks[0]["course"]


def test_sixteen_live_courses_from_several_providers_each_lead_to_a_career():
    courses = list(CoursePage.objects.live().select_related("provider"))
    assert len(courses) == 16
    assert len({course.provider_id for course in courses}) >= 3
    assert any(course.is_free for course in courses)
    assert len({course.price for course in courses}) >= 10
    assert {course.level for course in courses} == {"beginner", "intermediate", "advanced"}
    assert {course.study_mode for course in courses} == {"online", "in_person", "blended"}
    for course in courses:
        assert course.career_links.exists(), course.slug
        assert course.skills.exists(), course.slug
        assert course.features.exists(), course.slug
        assert course.start_dates.exists(), course.slug
        assert all(start.starts_on.year == 2027 for start in course.start_dates.all()), course.slug
        assert any(block.block_type == "module" for block in course.syllabus), course.slug
    assert CourseIndexPage.objects.get().url == "/courses/"
    assert (
        CourseFeature.objects.filter(slug__in=["hands-on-labs", "job-matching", "interview-coaching"]).count()
        == 3
    )


def test_courses_teach_the_skills_careers_ask_for():
    ai_course = CoursePage.objects.get(slug="artificial-intelligence")
    career = CareerPage.objects.get(slug="ai-specialist")
    needed = set(career.career_skills.values_list("skill_id", flat=True))
    taught = set(ai_course.skills.values_list("id", flat=True))
    assert needed <= taught
    # Shorter courses cover only part of a career's skills, so "covers N of M" means something.
    partial = [
        course
        for course in CoursePage.objects.filter(career_links__career=career)
        if 0 < len(needed & set(course.skills.values_list("id", flat=True))) < len(needed)
    ]
    assert partial


def test_career_calls_to_action_point_at_a_course_that_prepares_for_them():
    ai_specialist = CareerPage.objects.get(slug="ai-specialist")
    live_course = _call_to_action_course(ai_specialist)
    assert live_course.slug == "artificial-intelligence"
    draft_course = _call_to_action_course(ai_specialist.get_latest_revision_as_object())
    assert draft_course.pk == live_course.pk
    for career in CareerPage.objects.all():
        course = _call_to_action_course(career)
        assert course is not None, career.slug
        assert CourseCareer.objects.filter(course=course, career=career).exists(), career.slug


def test_some_courses_are_linked_from_the_careers_own_editor_and_shown_once(client):
    scientist = CareerPage.objects.get(slug="data-scientist")
    linked = [link.course.slug for link in scientist.get_latest_revision_as_object().linked_courses.all()]
    assert linked == ["natural-language-processing"]
    assert not CourseCareer.objects.filter(career=scientist, course__slug="natural-language-processing")
    html = client.get(scientist.url).content.decode()
    assert html.count('href="/courses/natural-language-processing/?from=') == 1
    engineer = CareerPage.objects.get(slug="machine-learning-engineer")
    html = client.get(engineer.url).content.decode()
    # Linked from both sides, listed once.
    assert html.count('href="/courses/natural-language-processing/?from=') == 1


def test_home_page_and_promotion_lead_to_courses():
    home = HomePage.objects.get()
    featured = [link.page.specific for link in home.featured_courses.all()]
    assert len(featured) == 3 and all(isinstance(page, CoursePage) for page in featured)
    promotion = Promotion.objects.get(name="Beyond the certificate")
    assert promotion.link_page.specific == CourseIndexPage.objects.get()
    assert SiteSettings.for_site(Site.objects.get(is_default_site=True)).promotion == promotion


def test_a_second_seed_changes_no_course_pages_or_links():
    def snapshot() -> dict:
        return {
            "pages": sorted(Page.objects.values_list("id", "url_path", "latest_revision_id")),
            "providers": Provider.objects.count(),
            "features": CourseFeature.objects.count(),
            "career_links": sorted(CourseCareerLink.objects.values_list("course_id", "career_id")),
            "skills": sorted(CoursePage.skills.through.objects.values_list("coursepage_id", "skill_id")),
            "home": HomePage.objects.values_list("latest_revision_id", "cta_page_id").get(),
            "promotion": Promotion.objects.values_list("link_page_id", flat=True).get(),
        }

    first = snapshot()
    call_command("seed_demo", stdout=StringIO())
    assert snapshot() == first


def test_course_pages_render(client):
    for url in ("/", "/courses/", "/courses/artificial-intelligence/", "/courses/introduction-to-python/"):
        assert client.get(url).status_code == 200, url
