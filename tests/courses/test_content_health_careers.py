"""Content health flags what a career page shows wrongly: sources, missing parts, broken course links."""

from __future__ import annotations

import pytest
from wagtail.models import Page, PageViewRestriction
from wagtail_factories import ImageFactory

from careers.factories import (
    CareerPageFactory,
    CareerRouteFactory,
    SalaryFigureFactory,
    SalarySourceFactory,
    full_body,
)
from courses.factories import CoursePageFactory

pytestmark = pytest.mark.django_db

CONTENT_HEALTH = "/admin/comparison/content-health/"


def complete_career(career_index, course, **fields):
    """A career with everything content health looks for: nothing to flag."""
    return CareerPageFactory(
        parent=career_index,
        hero_image=ImageFactory(),
        soc_code="2139",
        body=full_body(course_page_id=course.pk),
        **fields,
    )


def section(html: str, key: str) -> str:
    start = html.index(f'<section aria-labelledby="{key}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def course(course_index):
    return CoursePageFactory(parent=course_index, title="Data Science")


@pytest.fixture
def health(client, staff):
    def read(key: str) -> str:
        client.force_login(staff)
        return section(client.get(CONTENT_HEALTH).content.decode(), key)

    return read


def test_illustrative_and_unlinked_sources_in_use_are_flagged_with_a_link_to_edit_them(
    health, career_index, course
):
    made_up = SalarySourceFactory(name="Made-up survey", is_illustrative=True)
    unlinked = SalarySourceFactory(name="Trade body leaflet", url="")
    real = SalarySourceFactory(name="ONS ASHE 2026")
    SalarySourceFactory(name="Unused illustrative", is_illustrative=True)
    career = complete_career(career_index, course)
    for source in (made_up, unlinked, real):
        SalaryFigureFactory(career=career, source=source)
    html = health("questionable-sources")
    assert "Made-up survey" in html and "Illustrative figures" in html
    assert "Trade body leaflet" in html and "No link for readers to check" in html
    assert f"/admin/snippets/careers/salarysource/edit/{made_up.pk}/" not in html  # staff may not edit it
    assert "ONS ASHE 2026" not in html and "Unused illustrative" not in html


def test_a_career_missing_its_hero_image_soc_code_or_a_section_is_flagged(health, career_index, course):
    complete_career(career_index, course, title="Complete")
    bare = CareerPageFactory(parent=career_index, title="Bare", soc_code="", body=[])
    html = health("careers-missing-parts")
    assert f"/admin/comparison/read/{bare.pk}/" in html
    row = html.lower()  # each row's list starts with a capital
    for missing in ("a hero image", "a soc code", "the day", "the skills section", "the challenges section"):
        assert missing in row
    assert "Is this role for you?" in html
    assert "Complete" not in html


def test_links_to_courses_readers_cannot_see_are_flagged(health, career_index, course_index, course):
    hidden = CoursePageFactory(parent=course_index, title="Withdrawn course")
    Page.objects.filter(pk=hidden.pk).update(live=False)
    gone = CoursePageFactory(parent=course_index, title="Deleted course")
    cta_to_hidden = complete_career(career_index, hidden, title="Points at a draft")
    cta_to_gone = complete_career(career_index, gone, title="Points at nothing")
    gone.delete()
    route_to_hidden = complete_career(career_index, course, title="Route to a draft")
    CareerRouteFactory(career=route_to_hidden, course=hidden)
    complete_career(career_index, course, title="All good")
    html = health("broken-course-links")
    for career in (cta_to_hidden, cta_to_gone, route_to_hidden):
        assert f"/admin/comparison/read/{career.pk}/" in html
    assert "The call to action links to a course readers cannot see" in html
    assert "“Withdrawn course” links to a course readers cannot see" in html
    assert "All good" not in html


def test_the_admin_home_panel_counts_the_new_checks(client, staff, career_index, course):
    CareerPageFactory(parent=career_index, soc_code="", body=[])
    client.force_login(staff)
    html = client.get("/admin/").content.decode()
    assert "Careers missing a part" in html
    assert "Salary sources that are illustrative or give no link" in html
    assert "Careers with broken course links" in html


def test_people_who_may_edit_get_links_that_fix_each_problem(client, superuser, career_index, course):
    source = SalarySourceFactory(name="Made-up survey", is_illustrative=True)
    bare = CareerPageFactory(parent=career_index, title="Bare", soc_code="", body=[])
    SalaryFigureFactory(career=bare, source=source)
    client.force_login(superuser)
    html = client.get(CONTENT_HEALTH).content.decode()
    assert f"/admin/snippets/careers/salarysource/edit/{source.pk}/" in section(html, "questionable-sources")
    assert f"/admin/pages/{bare.pk}/edit/" in section(html, "careers-missing-parts")


def test_a_course_link_to_a_course_readers_cannot_see_is_flagged_with_the_course_to_open(
    health, career_index, course_index, course
):
    linked_to_draft = complete_career(career_index, course, title="Linked to a draft")
    linked_to_private = complete_career(career_index, course, title="Linked to a private course")
    linked_to_live = complete_career(career_index, course, title="Linked to a live course")
    draft = CoursePageFactory(parent=course_index, title="Course in draft", careers=[linked_to_draft])
    Page.objects.filter(pk=draft.pk).update(live=False)
    private = CoursePageFactory(parent=course_index, title="Members only", careers=[linked_to_private])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    CoursePageFactory(parent=course_index, title="Open to all", careers=[linked_to_live])
    html = health("broken-course-links")
    assert "“Course in draft” prepares for it but readers cannot see the course" in html
    assert "“Members only” prepares for it" in html
    for page in (linked_to_draft, linked_to_private, draft, private):
        assert f"/admin/comparison/read/{page.pk}/" in html
    assert "Linked to a live course" not in html and "Open to all" not in html


def test_a_career_created_after_content_health_was_read_is_flagged_at_once(health, career_index, course):
    complete = complete_career(career_index, course, title="Complete")
    assert "Half written" not in health("careers-missing-parts")
    # Nothing else is saved with it (its sector exists): only the new page itself can say it changed.
    CareerPageFactory(
        parent=career_index, title="Half written", soc_code="", body=[], live=False, sector=complete.sector
    )
    assert "Half written" in health("careers-missing-parts")
