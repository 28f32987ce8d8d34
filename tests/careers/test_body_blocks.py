"""The challenges and suitability sections of a career article: one block, two kinds of section.

Each kind keeps its own look, default heading and admin wording; stored pages render as before.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from careers.factories import CareerPageFactory, SectorFactory
from careers.models import CareerPage

pytestmark = pytest.mark.django_db


def section_blocks() -> dict:
    return CareerPage.body.field.stream_block.child_blocks


def test_each_section_keeps_its_own_class_heading_and_text(client, career_index):
    CareerPageFactory(
        parent=career_index,
        slug="nurse",
        body=[
            ("challenges", {"heading": "The hard part", "body": "<p>Night shifts.</p>"}),
            ("suitability", {"heading": "Is it for you?", "body": "<ul><li>You stay calm</li></ul>"}),
        ],
    )
    html = client.get("/careers/nurse/").content.decode()
    challenges = '<section class="day-section challenges">\n  <h2>The hard part</h2>\n  <p>Night shifts.</p>'
    suitability = '<section class="day-section suitability">\n  <h2>Is it for you?</h2>\n  <ul><li>You stay'
    assert challenges in html and suitability in html


def test_a_new_section_starts_with_its_own_heading():
    blocks = section_blocks()
    assert blocks["challenges"].get_default()["heading"] == "The real challenges"
    assert blocks["suitability"].get_default()["heading"] == "Is this role for you?"


def test_each_section_has_its_own_icon_label_description_and_preview(admin_client):
    challenges, suitability = section_blocks()["challenges"], section_blocks()["suitability"]
    assert (challenges.meta.icon, challenges.label) == ("warning", "Challenges")
    assert (suitability.meta.icon, suitability.label) == ("user", "Is this role for you?")
    assert challenges.get_description() == "The hard parts of the job, told honestly."
    assert suitability.get_description() == "Who tends to enjoy and do well in this role."
    preview_url = reverse("wagtailadmin_block_preview")
    html = admin_client.get(preview_url, {"id": suitability.definition_prefix}).content.decode()
    assert '<section class="day-section suitability">' in html
    assert "<h2>Is this role for you?</h2>" in html


def test_an_editor_saves_both_sections_through_the_page_editor(admin_client, career_index):
    url = reverse("wagtailadmin_pages:add", args=("careers", "careerpage", career_index.pk))
    editor_html = admin_client.get(url).content.decode()
    assert "The hard parts of the job, told honestly." in editor_html
    form = nested_form_data(
        {
            "title": "Paramedic",
            "slug": "paramedic",
            "summary": "First at the scene.",
            "sector": SectorFactory().pk,
            "article_date": "2026-03-05",
            "soc_code": "",
            "body": streamfield(
                [
                    (
                        "challenges",
                        {"heading": "The real challenges", "body": rich_text("<p>Long shifts.</p>")},
                    ),
                    ("suitability", {"heading": "Is this role for you?", "body": rich_text("<p>Calm.</p>")}),
                ]
            ),
            "salary_figures": inline_formset([]),
            "career_skills": inline_formset([]),
            "progression_steps": inline_formset([]),
            "specialisations": inline_formset([]),
            "related_careers": inline_formset([]),
            "linked_courses": inline_formset([]),
            "routes": inline_formset([]),
            "self_check_statements": inline_formset([]),
        }
    )
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CareerPage.objects.get(slug="paramedic")
    stored = [
        (child.block_type, child.value["heading"]) for child in page.get_latest_revision_as_object().body
    ]
    assert stored == [("challenges", "The real challenges"), ("suitability", "Is this role for you?")]
