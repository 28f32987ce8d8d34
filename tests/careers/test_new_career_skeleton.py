"""A new career opens with the article's shape; prompts never go out; a call to action needs its course."""

from __future__ import annotations

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text, streamfield

from careers.career_skeleton import skeleton_body
from careers.factories import CareerPageFactory, SectorFactory
from careers.models import CareerPage
from courses.factories import CoursePageFactory
from tests.careers.career_forms import add_url, career_form

pytestmark = pytest.mark.django_db


def test_a_new_career_opens_with_every_section_of_the_article_and_its_prompt(admin_client, career_index):
    html = admin_client.get(add_url(career_index)).content.decode()
    for prompt in [
        "Replace this: how the day starts",
        "Replace this: one task as a short phrase.",
        "Replace this: the rest of the day",
        "Replace this: a sentence or two in the words of someone who does this job.",
        "Replace this: the hard parts of the job",
        "Replace this: who tends to enjoy this role",
    ]:
        assert prompt in html
    kinds = [kind for kind, _ in skeleton_body()]
    assert kinds == ["time_of_day", "tasks", "time_of_day", "quote", "skills", "challenges", "suitability"]


def test_an_existing_career_keeps_its_own_body_in_the_editor(admin_client, career_index):
    page = CareerPageFactory(
        parent=career_index, body=[("challenges", {"heading": "Nights", "body": "<p>Shifts.</p>"})]
    )
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Replace this:" not in html


def skeleton_form(action: str) -> dict:
    # As the editor posts it: rich text as the editor's JSON; the task list left out.
    sections = [
        (kind, {**value, "body": rich_text(value["body"])} if "body" in value else value)
        for kind, value in skeleton_body()
        if kind != "tasks"
    ]
    body = streamfield(sections)
    data = career_form(body=body, sector=SectorFactory().pk)
    data[action] = "1"
    return data


def test_a_draft_may_keep_the_prompts(admin_client, career_index):
    response = admin_client.post(add_url(career_index), skeleton_form("action-save-draft"))
    assert response.status_code == 302
    assert not CareerPage.objects.get(slug="paramedic").live


@pytest.mark.parametrize("action", ["action-publish", "action-submit"])
def test_publishing_or_submitting_with_prompts_left_is_refused_and_names_the_sections(
    admin_client, career_index, action
):
    response = admin_client.post(add_url(career_index), skeleton_form(action))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some sections still hold the new page" in html
    assert "Time of day, Practitioner quote, Challenges, Is this role for you?" in html
    assert not CareerPage.objects.filter(slug="paramedic").exists()


def call_to_action(course) -> list:
    value = {"heading": "Ready?", "text": "", "course": course, "link_text": "View the course"}
    return [("call_to_action", value)]


def test_a_call_to_action_without_a_course_is_refused(admin_client, career_index):
    data = career_form(body=streamfield(call_to_action("")), sector=SectorFactory().pk)
    data["action-publish"] = "1"
    response = admin_client.post(add_url(career_index), data)
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not CareerPage.objects.filter(slug="paramedic").exists()


def test_a_call_to_action_to_an_unpublished_course_shows_no_empty_box(client, career_index, home_page):
    draft_course = CoursePageFactory(parent=home_page, title="Draft course", slug="draft-course")
    Page.objects.filter(pk=draft_course.pk).update(live=False)
    CareerPageFactory(parent=career_index, slug="nurse", body=call_to_action(draft_course))
    html = client.get("/careers/nurse/").content.decode()
    assert "course-cta" not in html and "Ready?" not in html
    live_course = CoursePageFactory(parent=home_page, title="Live course", slug="live-course")
    CareerPageFactory(parent=career_index, slug="medic", body=call_to_action(live_course))
    html = client.get("/careers/medic/").content.decode()
    assert "course-cta" in html and "/live-course/?from=" in html
