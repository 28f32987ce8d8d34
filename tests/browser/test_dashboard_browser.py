"""Staff sign in, open each comparison dashboard view, sort it, and every view passes axe."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from careers.factories import CareerIndexPageFactory, CareerPageFactory, SalaryFigureFactory
from courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def catalogue(home_page):
    careers = CareerIndexPageFactory(parent=home_page)
    courses = CourseIndexPageFactory(parent=home_page)
    analyst = CareerPageFactory(parent=careers, title="Data Analyst")
    SalaryFigureFactory(career=analyst, minimum=24_000, typical=34_000, maximum=50_000)
    engineer = CareerPageFactory(parent=careers, title="ML Engineer")
    SalaryFigureFactory(career=engineer, minimum=35_000, typical=60_000, maximum=95_000)
    stale = CareerPageFactory(parent=careers, title="Web Designer")
    SalaryFigureFactory(
        career=stale, minimum=22_000, typical=30_000, maximum=45_000, gathered_on=datetime.date(2022, 1, 1)
    )
    CoursePageFactory(parent=courses, title="Analytics Foundations", price=Decimal("900"), careers=[analyst])
    CoursePageFactory(parent=courses, title="Deep Learning", price=Decimal("3200"), careers=[engineer])
    CoursePageFactory(parent=courses, title="Budget Basics", price=Decimal("150"), careers=[])


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base_url + "/admin/")


def course_titles(page: Page):
    return page.locator("table.listing tbody tr td:first-child a")


def test_staff_open_sort_and_scan_every_dashboard_view(live_server, page: Page, staff, catalogue, axe_clean):
    sign_in(page, live_server.url, "staff")
    expect(page.get_by_role("heading", name="Content health")).to_be_visible()
    axe_clean(page)  # the home page with the content health panel

    page.get_by_role("button", name="Comparison").click()
    page.get_by_role("link", name="Courses", exact=True).click()
    expect(page).to_have_url(live_server.url + "/admin/comparison/")
    expect(course_titles(page)).to_have_text(["Analytics Foundations", "Budget Basics", "Deep Learning"])
    axe_clean(page)

    page.locator("table.listing thead").get_by_role("link", name="Price").click()
    expect(page).to_have_url(live_server.url + "/admin/comparison/?ordering=price")
    expect(course_titles(page)).to_have_text(["Budget Basics", "Analytics Foundations", "Deep Learning"])
    page.locator("table.listing thead").get_by_role("link", name="Price").click()
    expect(page).to_have_url(live_server.url + "/admin/comparison/?ordering=-price")
    expect(course_titles(page)).to_have_text(["Deep Learning", "Analytics Foundations", "Budget Basics"])
    axe_clean(page)

    page.goto(live_server.url + "/admin/comparison/salaries/")
    chart = page.get_by_role("img", name="Salary bands of 3 careers, highest typical salary first")
    expect(chart).to_be_visible()
    table_rows = page.get_by_test_id("salary-table").locator("tbody th")
    expect(table_rows).to_have_text(["ML Engineer", "Data Analyst", "Web Designer"])
    axe_clean(page)
    page.get_by_role("link", name="Lowest typical salary first").click()
    expect(page.get_by_role("link", name="Lowest typical salary first")).to_have_attribute(
        "aria-current", "true"
    )
    expect(table_rows).to_have_text(["Web Designer", "Data Analyst", "ML Engineer"])
    axe_clean(page)

    page.goto(live_server.url + "/admin/comparison/content-health/")
    stale = page.locator(
        "section", has=page.get_by_role("heading", name="Salary figures older than 18 months (1)")
    )
    expect(stale.get_by_role("link", name="Web Designer")).to_be_visible()
    axe_clean(page)
    # The age is a form that works without JavaScript.
    page.get_by_label("Flag salary figures and pages older than (months)").fill("60")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Salary figures older than 60 months (0)")).to_be_visible()
