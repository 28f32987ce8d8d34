"""Who sees the salary import in the admin menu, and how the careers snippets are listed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from careers.factories import SalarySourceFactory, SectorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("who", "sees_it"), [("editor", True), ("moderator", True), ("staff", False)])
def test_the_import_menu_item_shows_only_to_those_who_edit_pages(client, request, who, sees_it):
    client.force_login(request.getfixturevalue(who))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert ('"salary-import"' in html) is sees_it
    assert ('"/admin/salary-import/"' in html) is sees_it


def test_sectors_are_listed_by_name_with_their_slug(client, superuser):
    client.force_login(superuser)
    SectorFactory(name="Public sector", slug="public")
    SectorFactory(name="Health", slug="health")
    url = reverse("wagtailsnippets_careers_sector:list")
    html = client.get(url).content.decode()
    assert html.index("Health") < html.index("Public sector")
    assert re.search(r">\s*public\s*<", html), "the slug column"


def test_salary_sources_are_listed_with_their_address_and_filtered_by_illustrative(client, superuser):
    client.force_login(superuser)
    SalarySourceFactory(name="ONS ASHE 2025", url="https://www.ons.gov.uk/", is_illustrative=False)
    SalarySourceFactory(name="Made-up figures", url="https://example.com/", is_illustrative=True)
    url = reverse("wagtailsnippets_careers_salarysource:list")
    html = client.get(url).content.decode()
    assert "https://www.ons.gov.uk/" in html and "Made-up figures" in html
    real_only = client.get(url, {"is_illustrative": "false"}).content.decode()
    assert "ONS ASHE 2025" in real_only and "Made-up figures" not in real_only
