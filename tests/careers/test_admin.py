"""Editors creating career pages in Wagtail's admin, and the Careers snippets menu."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from careers.factories import SalarySourceFactory, SectorFactory, SkillFactory
from careers.models import CareerPage
from tests.portal.jsonld import json_ld_of_type

pytestmark = pytest.mark.django_db


def add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=("careers", "careerpage", index.pk))


def career_form(source, sector, skill, salary: dict) -> dict:
    return nested_form_data(
        {
            "title": "Cloud Architect",
            "slug": "cloud-architect",
            "summary": "Designs the platforms other teams build on.",
            "sector": sector.pk,
            "article_date": "2026-03-05",
            "soc_code": "2134",
            "body": streamfield(
                [
                    (
                        "time_of_day",
                        {"period": "morning", "heading": "", "body": rich_text("<p>Stand-up.</p>")},
                    ),
                    (
                        "tasks",
                        {
                            "heading": "Core daily tasks",
                            "tasks": {
                                "count": 1,
                                "0": {"value": "Review clusters", "deleted": "", "order": 0},
                            },
                        },
                    ),
                    (
                        "quote",
                        {"quote": "No two days alike.", "role": "Architect", "sector": "", "place": "Leeds"},
                    ),
                ]
            ),
            "salary_figures": inline_formset(
                [
                    {
                        "region": "UK",
                        "typical_kind": "average",
                        "source": source.pk,
                        "gathered_on": "2025-11-01",
                        **salary,
                    }
                ]
            ),
            "career_skills": inline_formset([{"skill": skill.pk, "importance": "essential"}]),
            "progression_steps": inline_formset([]),
            "specialisations": inline_formset([{"name": "Multi-cloud", "description": ""}]),
            "related_careers": inline_formset([]),
            "linked_courses": inline_formset([]),
            "routes": inline_formset([]),
            "self_check_statements": inline_formset([]),
        }
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_edit_view_has_the_tabs_and_help_text(admin_client, career_index):
    html = admin_client.get(add_url(career_index)).content.decode()
    for tab in ("content", "salary", "skills_and_progression", "related", "promote"):
        assert f'id="tab-label-{tab}"' in html
    assert "One line shown in lists and under the title." in html
    assert "Say whether the typical figure is a median or an average (mean)." in html


def test_superuser_creates_a_career_page_with_body_and_salary(admin_client, career_index):
    source, sector, skill = (
        SalarySourceFactory(name="ONS ASHE 2025"),
        SectorFactory(),
        SkillFactory(name="Terraform"),
    )
    data = career_form(source, sector, skill, {"minimum": "40000", "typical": "62000", "maximum": "95000"})
    data["action-publish"] = "Publish"
    response = admin_client.post(add_url(career_index), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    page = CareerPage.objects.get(slug="cloud-architect")
    assert page.live
    assert [block.block_type for block in page.body] == ["time_of_day", "tasks", "quote"]
    figure = page.salary_figures.get()
    assert (figure.minimum, figure.typical, figure.maximum) == (40_000, 62_000, 95_000)
    assert figure.gathered_on == datetime.date(2025, 11, 1)
    assert page.career_skills.get().skill == skill

    html = admin_client.get("/careers/cloud-architect/").content.decode()
    assert "£40,000–£95,000" in html and "UK average £62,000" in html
    assert "Review clusters" in html


def test_typical_above_maximum_is_refused_in_plain_words(admin_client, career_index):
    source, sector, skill = SalarySourceFactory(), SectorFactory(), SkillFactory()
    data = career_form(source, sector, skill, {"minimum": "28000", "typical": "80000", "maximum": "75000"})
    response = admin_client.post(add_url(career_index), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The typical salary (£80,000) is higher than the maximum (£75,000)." in html
    assert not CareerPage.objects.filter(slug="cloud-architect").exists()


def test_careers_menu_groups_the_snippets(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Careers" in html
    for name in ("sector", "skill", "salarysource"):
        response = admin_client.get(reverse(f"wagtailsnippets_careers_{name}:list"))
        assert response.status_code == 200


@pytest.mark.parametrize(("name", "factory"), [("sector", SectorFactory), ("skill", SkillFactory)])
def test_sectors_and_skills_are_listed_a_to_z_with_slugs_and_found_by_name(admin_client, name, factory):
    for title in ("Security", "Analytics", "Networking"):
        factory(name=title, slug=title.lower())
    url = reverse(f"wagtailsnippets_careers_{name}:list")

    html = admin_client.get(url).content.decode()
    assert html.index("Analytics") < html.index("Networking") < html.index("Security")
    assert "networking" in html
    found = admin_client.get(url + "?q=Netw").content.decode()
    assert "Networking" in found and "Analytics" not in found


def test_editor_can_add_a_salary_source_snippet(admin_client):
    url = reverse("wagtailsnippets_careers_salarysource:add")
    response = admin_client.post(
        url, {"name": "Employer survey 2026", "url": "https://example.com/", "notes": ""}
    )
    assert response.status_code == 302
    listing = admin_client.get(reverse("wagtailsnippets_careers_salarysource:list") + "?q=survey")
    assert "Employer survey 2026" in listing.content.decode()


def test_preview_shows_unsaved_salary_rows(admin_client, career_index):
    source, sector, skill = SalarySourceFactory(), SectorFactory(), SkillFactory(name="Kubernetes")
    data = career_form(source, sector, skill, {"minimum": "41000", "typical": "63000", "maximum": "97000"})
    url = reverse("wagtailadmin_pages:preview_on_add", args=("careers", "careerpage", career_index.pk))
    response = admin_client.post(url, data)
    assert response.json()["is_valid"] is True
    response = admin_client.get(url)
    html = response.content.decode()
    assert "£41,000–£97,000" in html and "UK average £63,000" in html
    assert "Kubernetes" in html
    # The JSON-LD a search engine would read describes the same unsaved rows.
    occupation = json_ld_of_type(response, "Occupation")
    assert occupation["estimatedSalary"][0]["minValue"] == 41_000
    assert occupation["skills"] == ["Kubernetes"]
    assert not CareerPage.objects.filter(slug="cloud-architect").exists()
