"""A moderator imports the ONS earnings workbook in a real browser: uploads it, reads the dry run,
applies it, and a student then sees the official figures with their provenance for two regions."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from careers.factories import CareerIndexPageFactory, CareerPageFactory, SalaryFigureFactory
from careers.models import SalaryFigure
from tests.browser.test_dashboard_browser import sign_in
from tests.careers.earnings_workbooks import workbook

pytestmark = pytest.mark.browser


@pytest.fixture
def programmer(home_page, moderator):
    index = CareerIndexPageFactory(parent=home_page, show_in_menus=True)
    page = CareerPageFactory(
        parent=index, title="Software Developer", slug="software-developer", soc_code="2134"
    )
    SalaryFigureFactory(career=page, region="UK", minimum=25_000, typical=38_000, maximum=60_000)
    CareerPageFactory(parent=index, title="Mystery role", slug="mystery")
    return page


def test_upload_read_the_dry_run_apply_and_see_the_figures_by_region(
    live_server, page: Page, programmer, tmp_path, axe_clean
):
    file = tmp_path / "ashe-2026-provisional.xlsx"
    file.write_bytes(workbook())
    sign_in(page, live_server.url, "moderator")
    page.goto(live_server.url + "/admin/salary-import/ons/")
    axe_clean(page)

    page.get_by_label("ONS earnings workbook (.xlsx)").set_input_files(file)
    page.get_by_role("button", name="Check the workbook").click()

    plan = page.get_by_test_id("import-plan")
    expect(plan).to_contain_text("Dry run: what importing ashe-2026-provisional.xlsx would change")
    expect(plan).to_contain_text("Replace the editor's figure")
    expect(plan).to_contain_text("+£14,000 (+36.8 %)")  # the UK median, £38,000 → £52,000
    expect(page.get_by_test_id("import-unusable")).to_contain_text("No SOC code")
    assert not SalaryFigure.objects.filter(origin="ons").exists(), "the dry run wrote nothing"
    axe_clean(page)

    page.get_by_role("button", name="Import these figures").click()
    expect(page.get_by_test_id("import-run")).to_have_attribute("data-status", "done")
    expect(page.get_by_test_id("import-run")).to_contain_text("Salary figures imported")
    axe_clean(page)

    page.context.clear_cookies()  # now as a student, signed out
    page.goto(live_server.url + "/careers/software-developer/")
    salary = page.locator("#salary")
    expect(salary.locator(".salary__typical").first).to_have_text("UK median £52,000")
    expect(salary).to_contain_text("Annual Survey of Hours and Earnings 2026 (provisional), Table 14.7a")
    expect(salary).to_contain_text("Based on about 45,000 jobs")
    axe_clean(page)

    page.get_by_label("Show pay in").select_option("london")
    page.get_by_role("button", name="Show pay").click()
    expect(page).to_have_url(re.compile(r"\?region=london"))
    expect(salary.locator(".salary__typical").first).to_have_text("London median £65,000")
    expect(salary).to_contain_text("Table 15.7a")
    axe_clean(page)
