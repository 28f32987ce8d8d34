"""A visitor reads a career and answers "Was this helpful?"; staff then find the view and the answer
in the dashboard's Audience view. axe is clean on every page. (The form is plain HTML posting to the
server; tests/careers/test_helpful_votes.py sends it as a browser without JavaScript would.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from careers.factories import CareerIndexPageFactory, CareerPageFactory
from courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.browser.test_dashboard_browser import sign_in

pytestmark = pytest.mark.browser

# Headless Chromium names itself as such, and counting leaves robots out: this one says "Chrome".
DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
)


@pytest.fixture
def career(home_page, settings):
    settings.AUDIENCE_COUNTING_ENABLED = True
    careers = CareerIndexPageFactory(parent=home_page)
    analyst = CareerPageFactory(parent=careers, title="Data Analyst", slug="data-analyst")
    CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="SQL Basics", careers=[analyst])
    return analyst


def test_a_reader_answers_and_staff_see_it_in_the_audience_view(
    live_server, browser: Browser, page: Page, career, staff, axe_clean
):
    reader = browser.new_context(user_agent=DESKTOP_CHROME)
    article = reader.new_page()
    article.goto(live_server.url + "/careers/data-analyst/")
    form = article.get_by_role("region", name="Was this helpful?")
    expect(form).to_be_visible()
    axe_clean(article)
    form.get_by_label("Anything to add? (optional)").fill("More about the first year, please.")
    form.get_by_role("button", name="No").click()
    expect(article.get_by_role("heading", level=1)).to_have_text("Thank you")
    axe_clean(article)
    article.get_by_role("link", name="Back to “Data Analyst”").click()
    expect(article).to_have_url(live_server.url + "/careers/data-analyst/")
    reader.close()

    sign_in(page, live_server.url, "staff")
    page.get_by_role("button", name="Comparison").click()
    page.get_by_role("link", name="Audience").click()
    expect(page).to_have_url(live_server.url + "/admin/comparison/audience/")
    row = page.locator("section", has=page.get_by_role("heading", name="Views and answers per career"))
    expect(row.locator("tbody tr").first).to_contain_text("Data Analyst")
    expect(row.locator("tbody tr").first.locator("td")).to_have_text(["2", "0", "1", "1"])
    expect(page.get_by_text("More about the first year, please.")).to_be_visible()
    axe_clean(page)

    page.get_by_label("From", exact=True).fill("2026-01-31")
    page.get_by_label("To", exact=True).fill("2026-01-01")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("alert")).to_contain_text("The start date is after the end date.")
    axe_clean(page)
