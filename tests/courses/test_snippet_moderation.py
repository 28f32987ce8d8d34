"""Snippets readers see go through moderation: an editor's change to a salary source, a provider or a
skill waits for a moderator, and readers, the API, the filters and the dashboard see the published
version until then."""

from __future__ import annotations

import json
import re

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import WorkflowState

from careers.factories import (
    CareerPageFactory,
    CareerSkillFactory,
    SalaryFigureFactory,
    SalarySourceFactory,
    SectorFactory,
    SkillFactory,
)
from careers.models import SalarySource, Skill
from courses.factories import CourseFeatureFactory, CoursePageFactory, ProviderFactory
from courses.models import Provider
from portal.snippet_moderation import publish_existing_rows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_page_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def source():
    return SalarySourceFactory(name="ONS ASHE 2025", url="https://www.ons.gov.uk/ashe")


@pytest.fixture
def career(career_index, source, editor, moderator):
    page = CareerPageFactory(parent=career_index, title="Data Analyst", slug="data-analyst")
    SalaryFigureFactory(career=page, source=source)
    page.save_revision().publish()
    return page


@pytest.fixture
def course(course_index, editor, moderator):
    provider = ProviderFactory(name="Northgate College", slug="northgate", website="https://north.example/")
    page = CoursePageFactory(
        parent=course_index, title="Data Bootcamp", slug="data-bootcamp", provider=provider
    )
    page.save_revision().publish()
    return page


def edit_url(instance) -> str:
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[instance.pk])


def source_form(**changes) -> dict[str, str]:
    return {"name": "ONS ASHE 2025", "url": "https://www.ons.gov.uk/ashe", "notes": "", **changes}


def provider_form(**changes) -> dict[str, str]:
    data = {"name": "Northgate College", "slug": "northgate", "website": "https://north.example/"}
    return {**data, "description": "", **changes}


def approve(client, moderator, instance) -> None:
    """The moderator presses "Approve" on the task waiting for them."""
    state = WorkflowState.objects.for_instance(instance).get(status=WorkflowState.STATUS_IN_PROGRESS)
    url = reverse(
        instance.snippet_viewset.get_url_name("workflow_action"),
        args=[instance.pk, "approve", state.current_task_state.pk],
    )
    client.force_login(moderator)
    response = client.post(url, {"comment": ""})
    assert response.status_code in (200, 302), response.content[:500]


def test_an_editors_change_to_a_salary_source_waits_for_a_moderator(
    client, career, source, editor, moderator
):
    client.force_login(editor)
    response = client.post(
        edit_url(source),
        source_form(name="ONS ASHE 2026", url="https://www.ons.gov.uk/new", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.name == "ONS ASHE 2025" and source.has_unpublished_changes
    assert source.workflow_in_progress
    assert source.get_latest_revision_as_object().name == "ONS ASHE 2026"

    client.logout()
    html = client.get(career.url).content.decode()
    assert "ONS ASHE 2025" in html and "ONS ASHE 2026" not in html
    api = client.get(f"/api/v2/pages/{career.pk}/").json()
    assert api["salary_figures"][0]["source"]["name"] == "ONS ASHE 2025"

    approve(client, moderator, source)
    source.refresh_from_db()
    assert source.name == "ONS ASHE 2026" and source.url == "https://www.ons.gov.uk/new"
    client.logout()
    html = client.get(career.url).content.decode()
    assert "ONS ASHE 2026" in html and "https://www.ons.gov.uk/new" in html


def test_an_editor_may_not_publish_a_salary_source_or_a_provider(client, source, course, editor):
    client.force_login(editor)
    client.post(edit_url(source), source_form(name="Made up", **{"action-publish": "1"}))
    provider = course.provider
    client.post(edit_url(provider), provider_form(name="Renamed College", **{"action-publish": "1"}))
    source.refresh_from_db()
    provider.refresh_from_db()
    assert source.name == "ONS ASHE 2025" and provider.name == "Northgate College"
    html = client.get(edit_url(provider)).content.decode()
    assert "action-submit" in html and 'name="action-publish"' not in html


def test_a_moderator_publishes_a_provider_and_readers_see_it(client, course, moderator):
    provider = course.provider
    client.force_login(moderator)
    html = client.get(edit_url(provider)).content.decode()
    assert 'name="action-publish"' in html
    client.post(edit_url(provider), provider_form(name="Northgate University", **{"action-publish": "1"}))
    client.logout()
    assert "Northgate University" in client.get(course.url).content.decode()


def test_a_provider_edit_stays_off_the_course_page_the_api_and_the_dashboard_until_approved(
    client, course, editor, moderator, staff
):
    provider = course.provider
    client.force_login(editor)
    client.post(edit_url(provider), provider_form(name="Renamed College", **{"action-submit": "1"}))
    client.logout()
    assert "Renamed College" not in client.get(course.url).content.decode()
    assert "Northgate College" in client.get(course.get_parent().url).content.decode()
    assert client.get(f"/api/v2/pages/{course.pk}/").json()["provider"]["name"] == "Northgate College"
    client.force_login(staff)
    dashboard = client.get(reverse("comparison:courses")).content.decode()
    assert "Northgate College" in dashboard and "Renamed College" not in dashboard

    approve(client, moderator, Provider.objects.get(pk=provider.pk))
    client.logout()
    assert "Renamed College" in client.get(course.url).content.decode()


def test_snippets_that_never_went_live_stay_out_of_filters_pages_and_the_api(
    client, career_index, course_index, staff
):
    draft_sector = SectorFactory(name="Draft sector", slug="draft-sector", live=False)
    live_sector = SectorFactory(name="Live sector", slug="live-sector")
    draft_skill = SkillFactory(name="Draft skill", slug="draft-skill", live=False)
    career = CareerPageFactory(parent=career_index, title="Tester", slug="tester", sector=draft_sector)
    other = CareerPageFactory(parent=career_index, title="Analyst", slug="analyst", sector=live_sector)
    CareerSkillFactory(career=other, skill=draft_skill)
    CareerSkillFactory(career=career, skill=draft_skill)
    CareerSkillFactory(career=career, skill=SkillFactory(name="Live skill", slug="live-skill"))
    draft_feature = CourseFeatureFactory(name="Draft feature", slug="draft-feature", live=False)
    draft_provider = ProviderFactory(name="Draft provider", slug="draft-provider", live=False)
    course = CoursePageFactory(
        parent=course_index, title="Testing course", skills=[draft_skill], features=[draft_feature]
    )
    for page in (career, other, course):
        page.save_revision().publish()

    careers_list = client.get(career_index.url).content.decode()
    assert 'value="live-sector"' in careers_list and 'value="draft-sector"' not in careers_list
    assert 'value="live-skill"' in careers_list and 'value="draft-skill"' not in careers_list
    page = client.get(career.url).content.decode()
    assert "Live skill" in page and "Draft skill" not in page
    api = client.get(f"/api/v2/pages/{career.pk}/").json()
    assert [row["name"] for row in api["skills"]] == ["Live skill"]
    course_html = client.get(course.url).content.decode()
    assert "Draft feature" not in course_html and "Draft skill" not in course_html
    course_api = client.get(f"/api/v2/pages/{course.pk}/").json()
    assert course_api["features"] == [] and course_api["skills"] == []
    assert "Draft feature" not in client.get(course_index.url).content.decode()

    client.force_login(staff)
    dashboard = client.get(reverse("comparison:courses")).content.decode()
    assert "Draft provider" not in dashboard and "Draft feature" not in dashboard
    assert draft_provider.pk


def test_a_locked_salary_source_cannot_be_saved_by_anyone_else(client, source, editor, moderator):
    client.force_login(moderator)
    client.post(reverse("wagtailsnippets_careers_salarysource:lock", args=[source.pk]))
    source.refresh_from_db()
    assert source.locked and source.locked_by == moderator

    client.force_login(editor)
    html = client.get(edit_url(source)).content.decode()
    assert "locked" in html.lower()
    client.post(edit_url(source), source_form(notes="sneaky", **{"action-submit": "1"}))
    source.refresh_from_db()
    assert source.get_latest_revision_as_object().notes == ""
    assert not source.workflow_in_progress
    # The editor cannot unlock someone else's lock; the moderator can.
    client.post(reverse("wagtailsnippets_careers_salarysource:unlock", args=[source.pk]))
    source.refresh_from_db()
    assert source.locked
    client.force_login(moderator)
    client.post(reverse("wagtailsnippets_careers_salarysource:unlock", args=[source.pk]))
    source.refresh_from_db()
    assert not source.locked


def test_a_skill_added_from_the_chooser_is_live_for_a_moderator_and_a_choosable_draft_for_an_editor(
    client, editor, moderator
):
    create = "/admin/snippets/choose/careers/skill/create/"
    client.force_login(editor)
    data = json.loads(client.post(create, {"name": "Prompt design", "description": ""}).content)
    assert data["step"] == "chosen"
    drafted = Skill.objects.get(name="Prompt design")
    assert not drafted.live and drafted.latest_revision is not None
    chooser = client.get("/admin/snippets/choose/careers/skill/results/").content.decode()
    assert "Prompt design" in chooser and "draft" in chooser

    client.force_login(moderator)
    json.loads(client.post(create, {"name": "Data ethics", "description": ""}).content)
    published = Skill.objects.get(name="Data ethics")
    assert published.live and published.live_revision is not None


def test_existing_snippets_are_live_with_a_workflow(source, editor):
    assert source.live and SalarySource.objects.live().filter(pk=source.pk).exists()
    assert source.get_workflow().name == "Editorial review"


def test_rows_made_before_moderation_become_live_with_a_first_revision(source):
    """What the data migrations (careers 0012, courses 0007) do to every existing row."""
    SalarySource.objects.filter(pk=source.pk).update(live=False)
    publish_existing_rows(django_apps, "careers", "salarysource")
    source.refresh_from_db()
    assert source.live and source.live_revision == source.latest_revision
    assert source.latest_revision.as_object().name == "ONS ASHE 2025"


def test_the_snippet_lists_say_which_are_drafts(client, editor):
    SalarySourceFactory(name="Unchecked survey", live=False)
    client.force_login(editor)
    html = client.get(reverse("wagtailsnippets_careers_salarysource:list")).content.decode()
    assert "Unchecked survey" in html and re.search(r"w-status[^>]*>\s*draft\s*<", html)
