"""The admin lists of named snippets (sectors, skills, providers, course features): found by name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careers.factories import SectorFactory, SkillFactory
from courses.factories import CourseFeatureFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "list_url"),
    [
        (SectorFactory, "wagtailsnippets_careers_sector:list"),
        (SkillFactory, "wagtailsnippets_careers_skill:list"),
        (ProviderFactory, "wagtailsnippets_courses_provider:list"),
        (CourseFeatureFactory, "wagtailsnippets_courses_coursefeature:list"),
    ],
)
def test_an_editor_finds_a_snippet_by_the_start_of_its_name(client, superuser, factory, list_url):
    client.force_login(superuser)
    factory(name="Healthcare analytics")
    factory(name="Public sector")
    response = client.get(reverse(list_url), {"q": "health"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Healthcare analytics" in html and "Public sector" not in html
