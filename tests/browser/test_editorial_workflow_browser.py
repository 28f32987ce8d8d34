"""An editor changes a career's salary and submits it to Editorial review; a moderator publishes it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from careers.factories import CareerIndexPageFactory, CareerPageFactory, SalaryFigureFactory
from careers.models import CareerPage
from courses.roles import WORKFLOW_NAME, ensure_editorial_workflow
from tests.browser.test_dashboard_browser import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def career(home_page, editor, moderator):
    index = CareerIndexPageFactory(parent=home_page)
    page = CareerPageFactory(parent=index, title="Data Analyst", slug="data-analyst")
    SalaryFigureFactory(career=page, minimum=24_000, typical=34_000, maximum=50_000)
    ensure_editorial_workflow()  # the index was made after the roles: put it under Editorial review
    assert page.get_workflow().name == WORKFLOW_NAME
    return page


def test_editor_submits_a_salary_change_and_a_moderator_publishes_it(
    live_server, page: Page, career, axe_clean
):
    sign_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/admin/pages/{career.pk}/edit/")
    page.get_by_role("tab", name="Salary").click()
    typical = page.get_by_role("textbox", name="Typical*")
    expect(typical).to_have_value("34000")
    typical.fill("36500")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=f"Submit to {WORKFLOW_NAME}").click()
    expect(page.get_by_text("Page 'Data Analyst' has been submitted for moderation.")).to_be_visible()

    live = CareerPage.objects.get(pk=career.pk)
    assert live.salary_figures.get().typical == 34_000, "nothing is published before review"
    assert live.workflow_in_progress
    # The editor cannot publish: no publish button anywhere in the editor.
    page.goto(f"{live_server.url}/admin/pages/{career.pk}/edit/")
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)

    page.context.clear_cookies()
    sign_in(page, live_server.url, "moderator")
    axe_clean(page, context="main")
    awaiting = page.get_by_role("link", name="Data Analyst").first
    expect(awaiting).to_be_visible()
    page.goto(f"{live_server.url}/admin/pages/{career.pk}/edit/")
    page.get_by_role("tab", name="Salary").click()
    expect(page.get_by_role("textbox", name="Typical*")).to_have_value("36500")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve").first.click()
    expect(page.get_by_text("Page 'Data Analyst' has been updated.")).to_be_visible()

    published = CareerPage.objects.get(pk=career.pk)
    assert published.salary_figures.get().typical == 36_500
    assert not published.has_unpublished_changes and not published.workflow_in_progress
    page.goto(f"{live_server.url}/careers/data-analyst/")
    expect(page.get_by_text("£36,500").first).to_be_visible()
