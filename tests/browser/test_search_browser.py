"""Site search in a real browser: from the header by keyboard, results and the no-match page."""

import pytest
from playwright.sync_api import Page, expect

from careers.factories import CareerIndexPageFactory, CareerPageFactory, SalaryFigureFactory
from courses.factories import CourseIndexPageFactory, CoursePageFactory, ProviderFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def content(home_page):
    careers = CareerIndexPageFactory(parent=home_page)
    courses = CourseIndexPageFactory(parent=home_page)
    career = CareerPageFactory(
        parent=careers, title="Data Engineer", summary="Builds the pipes data flows through."
    )
    SalaryFigureFactory(career=career)
    provider = ProviderFactory(name="Harbourside College", slug="harbourside")
    CoursePageFactory(parent=courses, title="Data Pipelines", provider=provider)
    return career


@pytest.mark.parametrize("width", [1280, 320])
def test_search_from_the_header_by_keyboard(live_server, page: Page, content, axe_clean, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/")

    page.get_by_role("search").first.get_by_label("Search careers and courses").focus()
    page.keyboard.type("data")
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_server.url + "/search/?q=data")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search results")
    expect(page.get_by_role("heading", level=2, name="Careers")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Courses")).to_be_visible()
    expect(page.get_by_text("£28,000–£75,000, UK average £45,000")).to_be_visible()
    expect(page.get_by_text("Harbourside College", exact=False)).to_be_visible()
    axe_clean(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_no_match_page_offers_a_way_on(live_server, page: Page, content, axe_clean):
    page.goto(live_server.url + "/search/?q=xylophone")

    expect(page.get_by_role("heading", level=2)).to_have_text("Nothing matched “xylophone”")
    page.get_by_role("link", name="Every career, A–Z").click()
    expect(page).to_have_url(live_server.url + "/careers/")


def test_empty_and_overlong_searches_pass_axe(live_server, page: Page, content, axe_clean):
    page.goto(live_server.url + "/search/?q=")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search careers and courses")
    axe_clean(page)

    page.goto(live_server.url + "/search/?q=" + "data%20" + "x" * 250)
    expect(page.get_by_role("status").first).to_contain_text("Searches can be up to 200 characters")
    axe_clean(page)
