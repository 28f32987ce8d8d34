"""Staff open a career from the dashboard without a permission error, download the salaries and
content health, and every dashboard table fits a 1280 px screen."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from careers.factories import CareerIndexPageFactory, CareerPageFactory, SalaryFigureFactory
from courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.browser.test_dashboard_browser import sign_in

pytestmark = pytest.mark.browser

VIEWS = ["/admin/comparison/", "/admin/comparison/salaries/", "/admin/comparison/content-health/"]


@pytest.fixture
def catalogue(home_page):
    careers = CareerIndexPageFactory(parent=home_page)
    courses = CourseIndexPageFactory(parent=home_page)
    analyst = CareerPageFactory(parent=careers, title="Data Analyst", soc_code="", body=[])
    SalaryFigureFactory(career=analyst, minimum=24_000, typical=34_000, maximum=50_000)
    CoursePageFactory(parent=courses, title="Analytics Foundations", careers=[analyst])


def test_staff_open_a_career_and_download_salaries_and_content_health(
    live_server, page: Page, staff, catalogue, axe_clean
):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, "staff")
    for view in VIEWS:
        page.goto(live_server.url + view)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{view} scrolls sideways by {overflow}px at 1280 px"
        wider = page.evaluate(
            "[...document.querySelectorAll('main table')]"
            ".filter(t => t.scrollWidth > t.parentElement.clientWidth + 1).length"
        )
        assert wider == 0, f"{view} has a table wider than its box at 1280 px"
        axe_clean(page)

    page.goto(live_server.url + "/admin/comparison/content-health/")
    missing = page.locator("section", has=page.get_by_role("heading", name="Careers missing a part (1)"))
    missing.get_by_role("link", name="Data Analyst").click()
    expect(page).to_have_url(live_server.url + "/careers/data-analyst/")
    expect(page.get_by_role("heading", level=1, name="Data Analyst")).to_be_visible()
    expect(page.get_by_text("do not have permission")).to_have_count(0)

    page.goto(live_server.url + "/admin/comparison/salaries/")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    heading, row = list(sheet.values)[:2]
    assert dict(zip(heading, row, strict=True))["Typical (GBP)"] == 34_000

    page.goto(live_server.url + "/admin/comparison/content-health/")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Careers missing a part,Data Analyst" in text
