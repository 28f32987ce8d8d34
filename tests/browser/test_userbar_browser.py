"""An editor signed in to the admin reads the public site with Wagtail's userbar on each page;
the page stays as accessible as it is for anonymous readers."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from careers.factories import CareerIndexPageFactory, CareerPageFactory
from tests.browser.test_dashboard_browser import sign_in

pytestmark = pytest.mark.browser


def test_signed_in_editor_reads_a_career_with_the_userbar(
    live_server, page: Page, editor, home_page, axe_clean
):
    careers = CareerIndexPageFactory(parent=home_page)
    career = CareerPageFactory(parent=careers, title="Paramedic")
    sign_in(page, live_server.url, "editor")
    for url in (home_page.url, careers.url, career.url):
        page.goto(live_server.url + url)
        expect(page.locator("wagtail-userbar")).to_be_attached()
        axe_clean(page)
    page.goto(live_server.url + career.url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
