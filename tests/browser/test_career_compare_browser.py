"""Shortlisting and comparing careers in a real browser, on a phone and a desktop, with and without
JavaScript, and in print."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from courses.factories import CoursePageFactory
from courses.models import CourseIndexPage
from tests.careers.compare_site import build_compare_site

pytestmark = pytest.mark.browser

WIDTHS = [375, 1280]


@pytest.fixture
def site(home_page, career_index):
    return build_compare_site(home_page, career_index)


def shortlist(page: Page):
    return page.get_by_role("complementary", name="Your comparison shortlist")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_shortlist_from_the_list_lasts_and_compares_three_careers(
    live_server, page: Page, site, axe_clean, width
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/careers/")
    for title in ("Analyst", "Builder", "Checker"):
        page.get_by_label(f"Compare: {title}").check()
    expect(shortlist(page).get_by_role("status")).to_have_text("3 careers chosen")
    axe_clean(page)

    # localStorage keeps it across a reload and onto a career page.
    page.reload()
    expect(page.get_by_label("Compare: Builder")).to_be_checked()
    expect(shortlist(page).get_by_role("status")).to_have_text("3 careers chosen")
    page.get_by_role("link", name="Builder", exact=True).click()
    toggle = page.get_by_role("button", name="Remove from comparison")
    expect(toggle).to_be_visible()
    expect(page.get_by_role("link", name="Add to comparison")).to_be_hidden()
    axe_clean(page)

    # The bar lists each career with a remove button; removing one is announced.
    shortlist(page).get_by_text("Show and share your shortlist").click()
    shortlist(page).get_by_role("button", name="Remove Checker from your shortlist").click()
    expect(shortlist(page).get_by_role("status")).to_have_text("2 careers chosen")
    expect(page.locator("[data-shortlist-announce]")).to_have_text(
        "Removed Checker. 2 careers left in your shortlist."
    )
    axe_clean(page)
    page.goto(live_server.url + "/careers/checker/")
    page.get_by_role("button", name="Add to comparison").click()
    expect(shortlist(page).get_by_role("status")).to_have_text("3 careers chosen")

    page.get_by_role("link", name="Compare the careers in your shortlist").click()
    expect(page).to_have_url(
        re.compile(r"/careers/compare/\?careers=analyst&careers=builder&careers=checker$")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare 3 careers")
    table = page.get_by_role("table", name=re.compile("Comparison of 3 careers"))
    expect(table.locator("thead").get_by_role("columnheader")).to_have_count(4)
    expect(table.get_by_role("rowheader", name="Top of the ladder")).to_be_visible()
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    axe_clean(page)
    # The page itself never scrolls sideways: on a phone the table scrolls inside its region.
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # Printing leaves out the site's navigation and the controls, and the table fits the page.
    page.emulate_media(media="print")
    expect(page.get_by_role("banner")).to_be_hidden()
    expect(page.get_by_label("Link to this comparison")).to_be_hidden()
    expect(page.get_by_role("link", name="Remove Builder")).to_be_hidden()
    expect(table).to_be_visible()
    expect(table.get_by_role("rowheader", name="Essential skills")).to_be_visible()
    table_width = table.evaluate("table => table.scrollWidth")
    assert table_width <= table.evaluate("table => table.parentElement.clientWidth")
    page.emulate_media(media="screen")

    # Removing a column also takes it off the shortlist.
    page.get_by_role("link", name="Remove Checker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare 2 careers")
    page.goto(live_server.url + "/careers/")
    expect(page.get_by_label("Compare: Checker")).not_to_be_checked()
    expect(page.get_by_label("Compare: Analyst")).to_be_checked()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_the_forms_and_links_lead_to_the_comparison(
    live_server, page_without_js: Page, site, width
):
    # axe needs JavaScript in the page, so this test checks behaviour only; the one above scans.
    page = page_without_js
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/careers/")
    expect(page.get_by_role("complementary", name="Your comparison shortlist")).to_be_hidden()
    page.get_by_label("Compare: Analyst").check()
    page.get_by_label("Compare: Dreamer").check()
    page.get_by_role("button", name="Compare selected careers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare 2 careers")

    page.get_by_label("Add a career (up to 4)").select_option(label="Builder")
    page.get_by_role("button", name="Add to the comparison").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare 3 careers")
    expect(page.get_by_role("columnheader", name=re.compile("Builder"))).to_be_visible()

    # From a career page: the link carries the career to a form to choose the rest.
    page.goto(live_server.url + "/careers/checker/")
    page.get_by_role("link", name="Add to comparison").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose at least 2 careers to compare")
    expect(page.get_by_label("Checker")).to_be_checked()
    page.get_by_label("Builder").check()
    page.get_by_role("button", name="Compare careers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare 2 careers")


def test_careers_and_courses_share_one_shortlist_with_links_to_compare_and_share_each(
    live_server, page: Page, site, axe_clean
):
    CoursePageFactory(parent=CourseIndexPage.objects.get(), title="Evening SQL", slug="evening-sql")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/courses/")
    page.get_by_label("Add to comparison: Data Foundations").check()
    page.get_by_label("Add to comparison: Evening SQL").check()
    page.goto(live_server.url + "/careers/")
    page.get_by_label("Compare: Analyst").check()
    page.get_by_label("Compare: Builder").check()
    bar = shortlist(page)
    expect(bar.get_by_role("status")).to_have_text("2 careers and 2 courses chosen")
    bar.get_by_text("Show and share your shortlist").click()
    courses = bar.get_by_role("region", name="Courses")
    expect(courses.get_by_role("link", name="Compare these courses")).to_have_attribute(
        "href", "/courses/compare/?courses=data-foundations,evening-sql"
    )
    share = bar.get_by_role("region", name="Careers").get_by_role(
        "link", name=re.compile("Copy a link to share")
    )
    expect(share).to_have_attribute(
        "href", live_server.url + "/careers/compare/?careers=analyst&careers=builder"
    )
    axe_clean(page)

    # A shared link opened with nothing shortlisted becomes the shortlist.
    page.evaluate("localStorage.removeItem('portal.careerShortlist')")
    page.goto(live_server.url + "/careers/compare/?careers=checker&careers=dreamer")
    expect(shortlist(page).get_by_role("status")).to_have_text("2 careers and 2 courses chosen")
    page.goto(live_server.url + "/careers/")
    expect(page.get_by_label("Compare: Checker")).to_be_checked()
    expect(page.get_by_label("Compare: Analyst")).not_to_be_checked()
