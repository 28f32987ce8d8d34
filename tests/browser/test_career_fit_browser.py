"""A career's "At a glance" panel (beside the article and in view while reading at 1280 px, under
the title at 375 px) and the "Is this role for you?" self-check with JavaScript switched off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from careers.factories import (
    CareerIndexPageFactory,
    CareerPageFactory,
    CareerRouteFactory,
    CareerSkillFactory,
    SalaryFigureFactory,
    SelfCheckStatementFactory,
    SkillFactory,
    full_body,
    working_patterns,
)
from courses.factories import CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.browser
URL = "/careers/data-scientist/"


@pytest.fixture
def scientist(home_page):
    index = CareerIndexPageFactory(parent=home_page, show_in_menus=True)
    courses = CourseIndexPageFactory(parent=home_page)
    python, sql, stats = (SkillFactory(name=name) for name in ("Python", "SQL", "Statistics"))
    page = CareerPageFactory(
        parent=index,
        title="Data Scientist",
        slug="data-scientist",
        summary="Finds patterns in data and builds models that predict what happens next.",
        body=full_body(),
        hours_min=37,
        hours_max=40,
    )
    page.working_patterns.set(working_patterns("office-hours", "hybrid", "remote"))
    page.working_patterns.commit()
    SalaryFigureFactory(career=page, minimum=32_000, typical=52_000, maximum=85_000)
    for skill in (python, sql, stats):
        CareerSkillFactory(career=page, skill=skill)
    course = CoursePageFactory(
        parent=courses, title="Data Science", skills=[python, sql, stats], careers=[page]
    )
    CoursePageFactory(parent=courses, title="SQL for Analysts", skills=[sql])
    CareerRouteFactory(career=page, kind="university", title="A numerate degree")
    CareerRouteFactory(career=page, course=course, entry_requirements="Some Python and school maths.")
    CareerRouteFactory(career=page, kind="apprenticeship", title="Level 6 degree apprenticeship")
    for text, skill, trait in [
        ("I enjoy finding patterns in data", stats, ""),
        ("I am willing to write code every day", python, ""),
        ("I am comfortable pulling my own data", sql, ""),
        ("I can say I don't know yet", None, "Honesty about uncertainty"),
        ("I keep going when experiments fail", None, "Patience"),
    ]:
        SelfCheckStatementFactory(career=page, text=text, skill=skill, trait=trait)
    return page


def _box(page: Page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def test_at_a_glance_sits_beside_the_article_and_stays_in_view_at_1280(
    live_server, page: Page, scientist, axe_clean
):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + URL)
    panel = page.get_by_role("complementary", name="At a glance")
    expect(panel).to_contain_text("£32,000–£85,000")
    expect(panel).to_contain_text("37–40 hours a week")
    expect(panel).to_contain_text("Office hours, Hybrid, Remote")
    expect(panel.get_by_role("link", name="One of our courses, University, Apprenticeship")).to_be_visible()
    expect(panel.get_by_role("link", name="See the Data Science course")).to_be_visible()
    axe_clean(page)

    body, glance = _box(page, ".career__body"), _box(page, ".at-a-glance")
    assert glance["x"] >= body["x"] + body["width"], "the panel sits to the right of the article"
    # Read down to the routes in: the panel is still in view, stuck near the top of the window.
    page.locator("#routes-in").scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 1000
    stuck = _box(page, ".at-a-glance")
    assert 0 <= stuck["y"] <= 40 and stuck["y"] + stuck["height"] <= 800, stuck
    assert stuck["x"] == glance["x"]
    # Keyboard users reach its call to action.
    panel.get_by_role("link", name="See the Data Science course").focus()
    expect(panel.get_by_role("link", name="See the Data Science course")).to_be_focused()


def test_at_a_glance_sits_under_the_title_at_375(live_server, page: Page, scientist, axe_clean):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + URL)
    title, glance = _box(page, "#career-title"), _box(page, ".at-a-glance")
    first_section = _box(page, ".career__body h2")
    assert title["y"] + title["height"] <= glance["y"] < first_section["y"]
    assert glance["width"] >= 375 - 40
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Not sticky on a phone: it scrolls away with the page.
    page.locator("#routes-in").scroll_into_view_if_needed()
    assert _box(page, ".at-a-glance")["y"] + glance["height"] < 0
    axe_clean(page)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_self_check_works_with_javascript_switched_off(
    live_server, browser, page: Page, scientist, axe_clean, width
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
    student = context.new_page()
    student.goto(live_server.url + URL)
    form = student.locator(".self-check__form")
    form.get_by_label("I enjoy finding patterns in data").check()
    form.get_by_label("I can say I don't know yet").check()
    form.get_by_role("button", name="See what this means for me").click()

    expect(student).to_have_url(re.compile(r"\?self_check=1&statement=1&statement=4#self-check-result$"))
    result = student.locator("#self-check-result")
    expect(result.get_by_role("heading", level=3)).to_have_text(
        "Parts of this fit you; others you would need to build"
    )
    expect(result).to_contain_text("You ticked 2 of 5.")
    expect(result.locator(".skill-list")).to_have_text(re.compile(r"Python\s*SQL"))
    expect(result).to_contain_text("Patience")
    expect(result.get_by_role("link", name="Data Science")).to_be_visible()
    expect(result.get_by_role("link", name="SQL for Analysts")).to_be_visible()
    expect(form.get_by_label("I enjoy finding patterns in data")).to_be_checked()

    # Change the answers and check again: most now fit.
    for label in ("I am willing to write code every day", "I am comfortable pulling my own data"):
        form.get_by_label(label).check()
    form.get_by_role("button", name="Check again").click()
    expect(result.get_by_role("heading", level=3)).to_have_text("This sounds like a good fit")
    answered = student.url
    context.close()

    # axe runs as a script, so the same answered page is checked with JavaScript on.
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(answered)
    expect(page.locator("#self-check-result")).to_contain_text("You ticked 4 of 5.")
    axe_clean(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
