"""An editor renames a salary source and submits it; readers see the old one until a moderator
approves it in the admin. And the Careers and Courses menus' page listings, checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from careers.factories import CareerPageFactory, SalaryFigureFactory, SalarySourceFactory
from careers.models import SalarySource
from courses.factories import CoursePageFactory
from courses.roles import WORKFLOW_NAME
from tests.browser.test_dashboard_browser import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def career(career_index, editor, moderator):
    source = SalarySourceFactory(name="Employer survey 2024", url="https://survey.example/2024")
    page = CareerPageFactory(parent=career_index, title="Data Analyst", slug="data-analyst")
    SalaryFigureFactory(career=page, source=source)
    page.save_revision().publish()
    return page


def source_edit_url(base: str, source: SalarySource) -> str:
    return f"{base}/admin/snippets/careers/salarysource/edit/{source.pk}/"


def test_a_salary_source_change_waits_for_a_moderator(live_server, page: Page, career, axe_clean):
    source = SalarySource.objects.get()
    base = live_server.url
    sign_in(page, base, "editor")
    page.goto(source_edit_url(base, source))
    axe_clean(page, context="main")
    page.get_by_role("textbox", name="Name*").fill("Employer survey 2025")
    page.get_by_role("textbox", name="Url").fill("https://survey.example/2025")
    page.get_by_role("button", name="More actions").click()
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    page.get_by_role("button", name=f"Submit to {WORKFLOW_NAME}").click()
    expect(page.get_by_text("has been submitted for moderation")).to_be_visible()
    assert SalarySource.objects.get().name == "Employer survey 2024"

    page.context.clear_cookies()
    page.goto(f"{base}/careers/data-analyst/")
    expect(page.get_by_text("Employer survey 2024").first).to_be_visible()
    expect(page.get_by_text("Employer survey 2025")).to_have_count(0)

    sign_in(page, base, "moderator")
    page.goto(source_edit_url(base, source))
    expect(page.get_by_role("textbox", name="Name*")).to_have_value("Employer survey 2025")
    axe_clean(page, context="main")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve").first.click()
    expect(page.get_by_text("Salary source 'Employer survey 2025' updated.")).to_be_visible()
    page.goto(f"{base}/admin/snippets/careers/salarysource/workflow_history/{source.pk}/")
    axe_clean(page, context="main")

    source.refresh_from_db()
    assert source.name == "Employer survey 2025" and not source.workflow_in_progress
    page.context.clear_cookies()
    page.goto(f"{base}/careers/data-analyst/")
    expect(page.get_by_text("Employer survey 2025").first).to_be_visible()
    expect(page.locator('a[href="https://survey.example/2025"]').first).to_be_attached()


def test_the_page_listings_read_well(live_server, page: Page, career, course_index, editor, axe_clean):
    CoursePageFactory(parent=course_index, title="Data Bootcamp")
    base = live_server.url
    sign_in(page, base, "editor")
    page.get_by_role("button", name="Careers").click()
    page.get_by_role("link", name="Career pages").click()
    expect(page).to_have_url(f"{base}/admin/career-pages/")
    expect(page.get_by_role("link", name="Data Analyst").first).to_be_visible()
    axe_clean(page, context="main")
    page.goto(f"{base}/admin/career-pages/?status=live&salary_age=12")
    expect(page.get_by_role("button", name="Status: Live")).to_be_visible()
    expect(page.get_by_role("link", name="Data Analyst")).to_have_count(0)  # its figures are recent
    axe_clean(page, context="main")
    page.goto(f"{base}/admin/course-pages/?ordering=provider_name")
    expect(page.get_by_role("link", name="Data Bootcamp").first).to_be_visible()
    axe_clean(page, context="main")
