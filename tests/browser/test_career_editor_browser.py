"""An editor writes a new career from the skeleton, adds a skill from the chooser and links a course
from the career's side, then submits it; a moderator compares a salary edit with the live page,
sees only that change, and publishes it for readers. axe checks every admin page on the way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from careers.career_skeleton import PROMPT
from careers.factories import CareerIndexPageFactory, CareerPageFactory, SalaryFigureFactory, full_body
from careers.models import CareerPage, Skill
from courses.factories import CourseIndexPageFactory, CoursePageFactory
from courses.roles import WORKFLOW_NAME, ensure_editorial_workflow
from tests.browser.test_dashboard_browser import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def sections(home_page, editor, moderator):
    careers = CareerIndexPageFactory(parent=home_page)
    courses = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=courses, title="Data Analytics Bootcamp", slug="data-analytics")
    ensure_editorial_workflow()  # the indexes were made after the roles: put them under review
    return careers, course


def _replace_prompts(page: Page) -> None:
    """Write over every "Replace this:" prompt the skeleton put in the body, as an editor would."""
    for editor in page.locator(".Draftail-Editor [contenteditable='true']").all():
        if PROMPT in editor.inner_text():
            editor.click()
            page.keyboard.press("ControlOrMeta+A")
            page.keyboard.type("Stand-up with the team, then the overnight reports.")
    for field in page.locator("main input[type='text'], main textarea").all():
        if field.input_value().startswith(PROMPT):
            field.fill("Clean a data set" if field.evaluate("el => el.tagName") == "INPUT" else "I love it.")
            field.blur()
    # The fields, not the block headings: Wagtail refreshes those only when a block is collapsed.
    left = page.evaluate(
        """prompt => [...document.querySelectorAll("main input[type=text], main textarea")]
            .map(field => field.value)
            .concat([...document.querySelectorAll("main [contenteditable=true]")].map(box => box.innerText))
            .filter(text => text.includes(prompt))""",
        PROMPT,
    )
    assert left == []


def test_an_editor_writes_a_career_from_the_skeleton_and_submits_it(
    live_server, page: Page, sections, axe_clean
):
    careers, course = sections
    sign_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/admin/pages/add/careers/careerpage/{careers.pk}/")
    axe_clean(page, context="main")
    page.get_by_role("textbox", name="Title*").fill("Insight Analyst")
    page.get_by_role("textbox", name="Summary*").fill("Turns a company's data into decisions.")
    expect(page.locator("main").get_by_text(PROMPT).first).to_be_attached()
    _replace_prompts(page)

    page.get_by_role("tab", name="Skills and progression").click()
    page.get_by_role("button", name="Add skill").click()
    page.get_by_role("button", name=re.compile("Choose (a )?skill")).first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Add a skill").click()
    modal.get_by_label("Name*").fill("Storytelling with data")
    axe_clean(page, context=".modal-dialog")
    modal.get_by_role("button", name="Add this skill").click()
    expect(page.locator("main").get_by_text("Storytelling with data")).to_be_visible()

    page.get_by_role("tab", name="Related").click()
    page.get_by_role("button", name="Add course").click()
    page.get_by_role("button", name=re.compile("Choose (a )?(course )?page")).first.click()
    modal.get_by_role("textbox", name="Search term").fill("Data Analytics")
    modal.get_by_role("link", name="Data Analytics Bootcamp").click()
    expect(page.locator("main").get_by_text("Data Analytics Bootcamp")).to_be_visible()
    axe_clean(page, context="main")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=f"Submit to {WORKFLOW_NAME}").click()
    expect(page.get_by_text(re.compile("submitted for moderation"))).to_be_visible()
    # Wagtail's messages fade in: mid-fade, the colours are not the ones readers get.
    page.wait_for_timeout(1500)
    axe_clean(page, context="main")

    career = CareerPage.objects.get(slug="insight-analyst")
    draft = career.get_latest_revision_as_object()
    assert career.workflow_in_progress and not career.live
    assert [link.course_id for link in draft.linked_courses.all()] == [course.pk]
    assert [row.skill.name for row in draft.career_skills.all()] == ["Storytelling with data"]
    assert Skill.objects.filter(name="Storytelling with data").exists()
    assert PROMPT not in str(draft.body.raw_data)

    # The course's editor lists the link the career made, read-only, with a way to the career.
    page.goto(f"{live_server.url}/admin/pages/{course.pk}/edit/")
    page.get_by_role("tab", name="Features, skills and careers").click()
    listed = page.locator("main .other-side-links")
    expect(listed.get_by_role("link", name="Insight Analyst")).to_have_attribute(
        "href", f"/admin/pages/{career.pk}/edit/"
    )
    axe_clean(page, context="main")


def test_a_moderator_compares_a_salary_edit_with_the_live_page_and_publishes_it(
    live_server, page: Page, sections, axe_clean
):
    careers, course = sections
    body = full_body(course_page_id=course.pk)
    career = CareerPageFactory(parent=careers, title="Data Analyst", slug="data-analyst", body=body)
    SalaryFigureFactory(career=career, minimum=24_000, typical=34_000, maximum=50_000)
    career.save_revision().publish()

    sign_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/admin/pages/{career.pk}/edit/")
    axe_clean(page, context="main")
    page.get_by_role("tab", name="Salary").click()
    page.get_by_role("textbox", name="Typical*").fill("36,500")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=f"Submit to {WORKFLOW_NAME}").click()
    expect(page.get_by_text("Page 'Data Analyst' has been submitted for moderation.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server.url, "moderator")
    page.get_by_role("link", name="Data Analyst").first.click()
    axe_clean(page, context="main")
    page.goto(f"{live_server.url}/admin/pages/{career.pk}/revisions/compare/live...latest/")
    axe_clean(page, context="main")
    changed = page.locator("main table.listing td.title")
    expect(changed).to_have_count(1)
    expect(changed).to_have_text("Salary figures:")
    expect(page.locator("main td.comparison .addition").first).to_contain_text("36500")

    page.goto(f"{live_server.url}/admin/pages/{career.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve").first.click()
    expect(page.get_by_text("Page 'Data Analyst' has been updated.")).to_be_visible()

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/careers/data-analyst/")
    expect(page.get_by_text("£36,500").first).to_be_visible()
