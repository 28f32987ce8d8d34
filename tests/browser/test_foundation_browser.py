"""The home page and navigation in a real browser, on a desktop and a 320 px phone."""

import pytest
from playwright.sync_api import Page, expect

from portal.factories import StandardPageFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def about_page(home_page):
    return StandardPageFactory(
        parent=home_page,
        title="About us",
        slug="about",
        body=[("paragraph", "<p>We publish honest career guides.</p>")],
    )


@pytest.mark.parametrize("width", [1280, 320])
def test_home_navigates_to_standard_page_and_passes_axe(
    live_server, page: Page, about_page, axe_clean, width
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Find your career")
    axe_clean(page)
    # Nothing may force sideways scrolling on a narrow phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("navigation", name="Main").get_by_role("link", name="About us").click()
    expect(page).to_have_url(live_server.url + "/about/")
    expect(page.get_by_role("heading", level=1)).to_have_text("About us")
    expect(page.get_by_text("We publish honest career guides.")).to_be_visible()
    axe_clean(page)


def test_skip_link_is_first_and_moves_focus_to_main(live_server, page: Page, home_page, axe_clean):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
