"""The Content-Security-Policy in a real browser: public pages break no rule, the admin still works."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def watch_csp(page: Page) -> list[str]:
    """Collects CSP violations: console errors from the browser and securitypolicyviolation events."""
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    # Registered before any page script runs, so nothing blocked early goes unseen.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return problems


@pytest.fixture
def site_pages(home_page):
    from careers.factories import CareerIndexPageFactory, CareerPageFactory, full_body
    from courses.factories import CourseIndexPageFactory, CoursePageFactory

    careers = CareerIndexPageFactory(parent=home_page)
    career = CareerPageFactory(parent=careers, title="AI Specialist", slug="ai-specialist", body=full_body())
    CareerPageFactory(parent=careers, title="Data Engineer", slug="data-engineer")
    courses = CourseIndexPageFactory(parent=home_page)
    first = CoursePageFactory(parent=courses, title="Data Basics", slug="data-basics", careers=[career])
    second = CoursePageFactory(parent=courses, title="Machine Learning", slug="machine-learning")
    return [
        "/",
        careers.url,
        career.url,
        courses.url,
        first.url,
        f"{courses.url}compare/?courses={first.slug},{second.slug}",
        "/search/?q=data",
        f"{careers.url}compare/?careers=ai-specialist&careers=data-engineer",
    ]


def test_public_pages_break_no_rule_of_the_policy(live_server, page: Page, site_pages):
    problems = watch_csp(page)
    for path in site_pages:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        assert problems == [], f"{path}: {problems}"


def test_admin_signs_in_and_edits_a_page_with_its_preview_and_userbar(
    live_server, page: Page, superuser, site_pages
):
    problems = watch_csp(page)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(superuser.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1).first).to_be_visible()

    page.goto(live_server.url + site_pages[2])  # a career, with the Wagtail userbar for editors
    expect(page.locator("wagtail-userbar")).to_be_attached()
    page.wait_for_load_state("networkidle")

    from careers.models import CareerPage

    career = CareerPage.objects.get(slug="ai-specialist")
    page.goto(f"{live_server.url}/admin/pages/{career.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value("AI Specialist")
    # The live preview frames a page from the admin's own origin.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("AI Specialist")
    assert problems == [], problems
