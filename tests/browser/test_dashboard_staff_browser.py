"""Staff open a career from the dashboard without a permission error, download the salaries and
content health, and every dashboard table fits a 1280 px screen."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from careers.factories import CareerIndexPageFactory, CareerPageFactory, SalaryFigureFactory
from courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.browser.test_dashboard_browser import sign_in

pytestmark = pytest.mark.browser

VIEWS = [
    "/admin/comparison/",
    "/admin/comparison/salaries/",
    "/admin/comparison/content-health/",
    "/admin/comparison/audience/",
]


@pytest.fixture
def catalogue(home_page):
    careers = CareerIndexPageFactory(parent=home_page)
    courses = CourseIndexPageFactory(parent=home_page)
    analyst = CareerPageFactory(parent=careers, title="Data Analyst", soc_code="", body=[])
    SalaryFigureFactory(career=analyst, minimum=24_000, typical=34_000, maximum=50_000)
    CoursePageFactory(parent=courses, title="Analytics Foundations", careers=[analyst])
    draft = CoursePageFactory(parent=courses, title="Advanced Analytics", careers=[analyst])
    draft.unpublish()


def download(page: Page, name: str) -> bytes:
    with page.expect_download() as started:
        page.get_by_role("link", name=name, exact=True).click()
    return Path(started.value.path()).read_bytes()


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
    sheet = load_workbook(io.BytesIO(download(page, "XLSX"))).active
    heading, row = list(sheet.values)[:2]
    assert dict(zip(heading, row, strict=True))["Typical (GBP)"] == 34_000
    rows = list(csv.DictReader(io.StringIO(download(page, "CSV").decode("utf-8"))))
    assert (rows[0]["Career"], rows[0]["Minimum (GBP)"], rows[0]["Maximum (GBP)"]) == (
        "Data Analyst",
        "24000",
        "50000",
    )

    page.goto(live_server.url + "/admin/comparison/content-health/")
    text = download(page, "CSV").decode("utf-8")
    assert "Careers missing a part,Data Analyst" in text
    sheet = load_workbook(io.BytesIO(download(page, "XLSX"))).active
    checks = {row[0] for row in list(sheet.values)[1:]}
    assert {"Careers missing a part", "Careers with broken course links"} <= checks


def test_staff_read_a_draft_course_from_content_health(live_server, page: Page, staff, catalogue):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, "staff")
    page.goto(live_server.url + "/admin/comparison/content-health/")
    broken = page.locator(
        "section", has=page.get_by_role("heading", name="Careers with broken course links (1)")
    )
    broken.get_by_role("link", name="Advanced Analytics").click()
    expect(page).to_have_url(re.compile(r"/admin/comparison/read/\d+/$"))
    expect(page.get_by_role("heading", level=1, name="Advanced Analytics")).to_be_visible()
    expect(page.get_by_text("do not have permission")).to_have_count(0)
