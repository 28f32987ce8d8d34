"""Careers in a real browser: the list, its filters without JavaScript help, and one article."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from careers.factories import (
    CareerIndexPageFactory,
    CareerPageFactory,
    CareerSkillFactory,
    ProgressionStepFactory,
    RelatedCareerFactory,
    SalaryFigureFactory,
    SalarySourceFactory,
    SectorFactory,
    SkillFactory,
    SpecialisationFactory,
    full_body,
)
from courses.factories import CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def careers_site(home_page):
    index = CareerIndexPageFactory(parent=home_page, show_in_menus=True)
    data = SectorFactory(name="Data and AI", slug="data-and-ai")
    security = SectorFactory(name="Cyber security", slug="cyber-security")
    courses = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=courses, title="Applied Machine Learning")
    ai = CareerPageFactory(
        parent=index,
        title="AI Specialist",
        slug="ai-specialist",
        sector=data,
        summary="Builds and trains the models behind AI products.",
        body=full_body(course_page_id=course.pk),
    )
    analyst = CareerPageFactory(parent=index, title="Data Analyst", sector=data)
    CareerPageFactory(parent=index, title="Penetration Tester", sector=security)
    source = SalarySourceFactory(name="ONS ASHE 2025", url="https://www.ons.gov.uk/")
    SalaryFigureFactory(career=ai, minimum=28_000, typical=45_000, maximum=75_000, source=source)
    SalaryFigureFactory(
        career=ai,
        region="Scotland",
        minimum=26_000,
        typical=41_000,
        maximum=68_000,
        source=source,
        gathered_on=datetime.date(2023, 6, 1),
    )
    python = SkillFactory(name="Python")
    CareerSkillFactory(career=ai, skill=python)
    CareerSkillFactory(career=ai, skill=SkillFactory(name="Cloud platforms"), importance="optional")
    ProgressionStepFactory(
        career=ai, title="Junior analyst", linked_career=analyst, salary_min=24_000, salary_max=30_000
    )
    SpecialisationFactory(career=ai, name="Computer vision")
    RelatedCareerFactory(career=ai, related=analyst)
    course.skills.set([python])
    course.skills.commit()
    from courses.models import CourseCareer

    CourseCareer.objects.create(course=course, career=ai)
    return index


@pytest.mark.parametrize("width", [1280, 320])
def test_filter_the_list_then_read_a_career(live_server, page: Page, careers_site, axe_clean, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/careers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Careers")
    expect(page.locator(".career-card")).to_have_count(3)
    axe_clean(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # The filters are a plain GET form: choosing and submitting needs no script.
    page.get_by_label("Sector").select_option(label="Data and AI")
    page.get_by_role("button", name="Show careers").click()
    expect(page).to_have_url(live_server.url + "/careers/?q=&sector=data-and-ai&skill=&salary_min=")
    expect(page.locator(".career-card")).to_have_count(2)
    expect(page.get_by_label("Sector")).to_have_value("data-and-ai")

    # A–Z keeps the sector.
    page.get_by_role("navigation", name="Careers A to Z").get_by_role(
        "link", name="Careers starting with D"
    ).click()
    expect(page.locator(".career-card")).to_have_count(1)
    expect(page.locator(".career-card")).to_contain_text("Data Analyst")

    page.goto(live_server.url + "/careers/?salary_min=abc&sector=data-and-ai")
    expect(page.get_by_role("status")).to_contain_text("We ignored the minimum salary filter")
    axe_clean(page)

    page.get_by_role("link", name="AI Specialist").click()
    expect(page).to_have_url(live_server.url + "/careers/ai-specialist/")
    expect(page.get_by_role("heading", level=1)).to_have_text("AI Specialist")
    salary = page.locator("#salary")
    expect(salary).to_contain_text("£28,000–£75,000")
    expect(salary).to_contain_text("UK average £45,000")
    expect(salary).to_contain_text("as of")
    expect(salary.locator(".salary__stale")).to_have_count(0)
    expect(page.get_by_role("heading", name="The morning")).to_be_visible()
    expect(page.get_by_role("heading", name="Courses that prepare you")).to_be_visible()
    expect(page.get_by_text("Covers 1 of 2 skills")).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile(r"^View the course\s*: Applied Machine Learning$"))
    ).to_be_visible()
    axe_clean(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # Scotland's figure dates from 2023: chosen, it is flagged as possibly out of date.
    page.get_by_label("Show pay in").select_option(label="Scotland")
    page.get_by_role("button", name="Show pay").click()
    expect(salary).to_contain_text("Scotland average £41,000")
    expect(salary.locator(".salary__stale")).to_have_count(1)
    axe_clean(page)


def test_filters_work_with_javascript_disabled(live_server, browser, careers_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/careers/")
    page.get_by_label("Sector").select_option(label="Cyber security")
    page.get_by_role("button", name="Show careers").click()
    expect(page.locator(".career-card")).to_have_count(1)
    expect(page.locator(".career-card")).to_contain_text("Penetration Tester")
    context.close()
