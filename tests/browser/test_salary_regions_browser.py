"""The career page's region selector in a real browser: chosen with the keyboard, sent without
script, the figure changes with its provenance and spread, and axe finds nothing."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from careers.factories import (
    CareerIndexPageFactory,
    CareerPageFactory,
    OfficialSalaryFigureFactory,
    SalaryFigureFactory,
    SalarySourceFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def developer(home_page):
    index = CareerIndexPageFactory(parent=home_page, show_in_menus=True)
    page = CareerPageFactory(
        parent=index, title="Software Developer", slug="software-developer", soc_code="2134"
    )
    OfficialSalaryFigureFactory(career=page, region="UK", minimum=26_000, typical=41_000, maximum=68_000)
    OfficialSalaryFigureFactory(
        career=page, region="London", minimum=33_000, typical=52_000, maximum=91_000, cv=Decimal("15")
    )
    SalaryFigureFactory(
        career=page,
        region="London",
        minimum=40_000,
        typical=60_000,
        maximum=95_000,
        override_reason="The figures our article was written with.",
        source=SalarySourceFactory(name="Employer survey 2026", url=""),
    )
    OfficialSalaryFigureFactory(
        career=page,
        region="North East",
        minimum=24_000,
        typical=36_000,
        maximum=58_000,
        soc_code="213",
        soc_description="Information technology professionals",
    )
    return page


@pytest.mark.parametrize("width", [1280, 320])
def test_choose_a_region_with_the_keyboard(live_server, page: Page, developer, axe_clean, width):
    page.set_viewport_size({"width": width, "height": 900})
    url = live_server.url + "/careers/software-developer/"
    page.goto(url)
    salary = page.locator("#salary")
    expect(salary.locator(".salary__typical").first).to_have_text("UK median £41,000")
    expect(salary.get_by_role("table", name="Spread of annual pay, UK")).to_contain_text("£54,500")
    expect(salary).to_contain_text("Office for National Statistics, Annual Survey of Hours and Earnings")
    axe_clean(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # Keyboard only: focus the list, pick London, then tab to the button and press it.
    region = page.get_by_label("Show pay in")
    region.focus()
    region.select_option("london")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Show pay")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/careers/software-developer/\?region=london#salary$"))
    expect(salary.locator(".salary__typical").first).to_have_text("London average £60,000")
    expect(salary).to_contain_text("Our figure: The figures our article was written with.")
    expect(salary.get_by_role("heading", name="The official estimate for comparison")).to_be_visible()
    expect(salary).to_contain_text("treat it as a rough guide")
    expect(page.get_by_label("Show pay in")).to_have_value("london")
    axe_clean(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_regions_work_without_javascript(live_server, browser, developer):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/careers/software-developer/")
    page.get_by_label("Show pay in").select_option(label="North East")
    page.get_by_role("button", name="Show pay").click()
    salary = page.locator("#salary")
    expect(salary.locator(".salary__typical").first).to_have_text("North East median £36,000")
    expect(salary).to_contain_text("this is the figure for the wider group 213 Information technology")

    page.get_by_label("Show pay in").select_option(label="Wales")
    page.get_by_role("button", name="Show pay").click()
    expect(salary).to_contain_text("The ONS publishes no reliable figure for this career in Wales")
    expect(salary.locator(".salary__typical").first).to_have_text("UK median £41,000")
    # axe needs script to run: the same page was checked with it above.
    context.close()
