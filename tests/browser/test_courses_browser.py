"""Choosing and comparing courses in a real browser: with the shortlist script, without it, and on a phone."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from careers.factories import CareerIndexPageFactory, CareerPageFactory, SalaryFigureFactory, SkillFactory
from courses.factories import CourseFeatureFactory, CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def catalogue(home_page):
    index = CourseIndexPageFactory(parent=home_page)
    careers = CareerIndexPageFactory(parent=home_page)
    career = CareerPageFactory(parent=careers, title="Data Analyst", slug="data-analyst")
    SalaryFigureFactory(career=career)
    labs = CourseFeatureFactory(name="Hands-on labs")
    tutor = CourseFeatureFactory(name="Tutor support")
    sql = SkillFactory(name="SQL")
    courses = [
        CoursePageFactory(parent=index, title="Data Foundations", price=Decimal(900), features=[labs, tutor],
                          skills=[sql], careers=[career]),
        CoursePageFactory(parent=index, title="Evening SQL", price=Decimal(450), features=[tutor],
                          skills=[sql], careers=[career]),
        CoursePageFactory(parent=index, title="Spreadsheet Skills", price=Decimal(0), features=[tutor]),
    ]  # fmt: skip
    for n in range(13):
        courses.append(
            CoursePageFactory(
                parent=index,
                title=f"Option {n:02d} with a long course title",
                price=Decimal(1000 + 50 * n),
                duration_weeks=6 + n,
                features=[labs] if n % 2 else [],
            )
        )
    return courses


def test_pick_three_compare_show_differences_remove_one(live_server, page: Page, catalogue, axe_clean):
    page.goto(live_server.url + "/courses/")
    axe_clean(page)
    for title in ("Data Foundations", "Evening SQL", "Spreadsheet Skills"):
        page.get_by_label(f"Add to comparison: {title}").check()
    shortlist = page.get_by_role("complementary", name="Your comparison shortlist")
    expect(shortlist.get_by_role("status")).to_have_text("3 courses chosen")
    axe_clean(page)

    # The shortlist survives moving to another page and back.
    page.get_by_role("link", name="Evening SQL").click()
    toggle = page.get_by_role("button", name="Remove from comparison")
    expect(toggle).to_be_visible()
    expect(
        page.get_by_role("complementary", name="Your comparison shortlist").get_by_role("status")
    ).to_have_text("3 courses chosen")
    axe_clean(page)
    toggle.click()
    expect(page.get_by_role("button", name="Add to comparison")).to_be_visible()
    expect(
        page.get_by_role("complementary", name="Your comparison shortlist").get_by_role("status")
    ).to_have_text("2 courses chosen")
    page.get_by_role("button", name="Add to comparison").click()
    page.get_by_role("link", name="Compare the courses in your shortlist").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Compare 3 courses")
    table = page.get_by_role("table", name=re.compile("Comparison of"))
    expect(table.locator("thead").get_by_role("columnheader")).to_have_count(4)
    level_row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Level"))
    expect(level_row).to_be_visible()
    axe_clean(page)

    page.get_by_label("Show only differences").check()
    expect(level_row).to_be_hidden()  # every course is Beginner
    expect(table.get_by_role("rowheader", name="Price")).to_be_visible()
    expect(page).to_have_url(re.compile(r"only_differences=1"))
    expect(page.get_by_text(re.compile(r"Hiding \d+ rows where every course is the same"))).to_be_visible()
    axe_clean(page)

    # Printing leaves out the controls and lets the table run its full width.
    page.emulate_media(media="print")
    expect(page.get_by_label("Show only differences")).to_be_hidden()
    expect(page.get_by_role("button", name="Remove Spreadsheet Skills")).to_be_hidden()
    assert page.locator(".compare-scroll").evaluate("el => getComputedStyle(el).overflowX") == "visible"
    page.emulate_media(media="screen")

    page.get_by_role("button", name="Remove Spreadsheet Skills").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare 2 courses")
    expect(page.get_by_label("Show only differences")).to_be_checked()
    expect(table.get_by_role("columnheader", name=re.compile("Spreadsheet Skills"))).to_have_count(0)
    axe_clean(page)

    page.goto(live_server.url + "/courses/")
    expect(page.get_by_label("Add to comparison: Spreadsheet Skills")).not_to_be_checked()
    expect(page.get_by_label("Add to comparison: Evening SQL")).to_be_checked()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_the_list_is_a_form_that_submits_to_the_comparison(
    live_server, page_without_js: Page, catalogue
):
    # axe needs JavaScript in the page, so this test checks behaviour only; the others scan.
    page = page_without_js
    page.goto(live_server.url + "/courses/")
    page.get_by_label("Add to comparison: Data Foundations").check()
    page.get_by_label("Add to comparison: Evening SQL").check()
    page.get_by_role("button", name="Compare selected courses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare 2 courses")
    page.get_by_label("Show only differences").check()
    page.get_by_role("button", name="Update table").click()
    expect(page).to_have_url(re.compile(r"only_differences=1"))
    expect(page.get_by_role("rowheader", name="Level")).to_be_hidden()
    expect(page.get_by_role("rowheader", name="Price")).to_be_visible()


def test_sixteen_courses_on_a_phone_keep_the_first_column_in_view(
    live_server, page: Page, catalogue, axe_clean
):
    page.set_viewport_size({"width": 375, "height": 740})
    slugs = ",".join(course.slug for course in catalogue)
    page.goto(f"{live_server.url}/courses/compare/?courses={slugs}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare 16 courses")
    # The page itself does not scroll sideways; the table scrolls inside its labelled region.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    region = page.get_by_role("region", name=re.compile("Comparison of 16 courses"))
    region.focus()
    expect(region).to_be_focused()
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # keyboard users can scroll to the far columns
    expect(region).not_to_have_js_property("scrollLeft", 0)
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    assert region.evaluate("el => el.scrollLeft") > 1000

    region_box = region.bounding_box()
    price_header = page.get_by_role("rowheader", name="Price")
    header_box = price_header.bounding_box()
    assert abs(header_box["x"] - region_box["x"]) <= 2, (header_box, region_box)
    # The last course's column is on screen beside the sticky labels.
    last = page.get_by_role("columnheader", name=re.compile("Option 12"))
    last_box = last.bounding_box()
    assert last_box["x"] >= header_box["x"] + header_box["width"] - 1
    assert last_box["x"] + last_box["width"] <= region_box["x"] + region_box["width"] + 1
    # The header row sticks to the top of the region as it scrolls down.
    region.evaluate("el => { el.scrollTop = 600; }")
    assert abs(last.bounding_box()["y"] - region_box["y"]) <= 2
    axe_clean(page)


def test_with_storage_blocked_the_comparison_controls_still_work(
    live_server, page: Page, catalogue, axe_clean
):
    # Some privacy settings make any use of localStorage throw.
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked'); }});"
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    slugs = ",".join(course.slug for course in catalogue[:3])
    page.goto(f"{live_server.url}/courses/compare/?courses={slugs}")
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    page.get_by_label("Show only differences").check()
    expect(page.get_by_role("rowheader", name="Level")).to_be_hidden()  # hidden without a reload
    expect(page).to_have_url(re.compile(r"only_differences=1"))
    axe_clean(page)

    # The course list falls back to its plain form: ticking boxes and submitting compares them.
    page.goto(live_server.url + "/courses/")
    page.get_by_label("Add to comparison: Data Foundations").check()
    page.get_by_label("Add to comparison: Evening SQL").check()
    page.get_by_role("button", name="Compare selected courses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare 2 courses")
    assert errors == []


def test_the_list_pages_with_links_that_keep_the_sort(live_server, page: Page, catalogue, axe_clean):
    index = catalogue[0].get_parent()
    for n in range(10):
        CoursePageFactory(parent=index, title=f"Zeta {n}", price=Decimal(5000 + n))
    page.goto(live_server.url + "/courses/?sort=price")
    expect(page.get_by_text("26 courses, page 1 of 2.")).to_be_visible()
    pages = page.get_by_role("navigation", name="Pages of courses")
    axe_clean(page)
    pages.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"\?sort=price&page=2$"))
    expect(page.get_by_role("heading", name="Zeta 9")).to_be_visible()
    expect(page.get_by_label("Sort by")).to_have_value("price")
    expect(pages.get_by_text("Page 2")).to_have_attribute("aria-current", "page")
    axe_clean(page)
