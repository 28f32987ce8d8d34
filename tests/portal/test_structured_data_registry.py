"""JSON-LD comes from the builder an app registers for a page type; other pages get breadcrumbs only."""

from __future__ import annotations

import pytest

from portal import structured_data
from portal.factories import StandardPageFactory
from portal.models import StandardPage
from tests.portal.jsonld import json_ld, json_ld_of_type

pytestmark = pytest.mark.django_db


def test_a_page_type_without_a_builder_has_only_its_breadcrumbs(client, home_page):
    StandardPageFactory(parent=home_page, title="About us", slug="about")

    assert [doc["@type"] for doc in json_ld(client.get("/about/"))] == ["BreadcrumbList"]


def test_a_registered_builder_adds_its_documents_to_the_page(client, home_page, monkeypatch):
    def about_page(page, request):
        return {"@context": "https://schema.org", "@type": "AboutPage", "name": page.title}

    monkeypatch.setitem(structured_data._builders, StandardPage, about_page)
    StandardPageFactory(parent=home_page, title="About us", slug="about")

    response = client.get("/about/")

    assert json_ld_of_type(response, "AboutPage")["name"] == "About us"
    assert [doc["@type"] for doc in json_ld(response)] == ["AboutPage", "BreadcrumbList"]


def test_careers_and_courses_register_their_page_types():
    from careers.models import CareerPage
    from courses.models import CourseIndexPage, CoursePage

    assert {CareerPage, CourseIndexPage, CoursePage} <= set(structured_data._builders)
