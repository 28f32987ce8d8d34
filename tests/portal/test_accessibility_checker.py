"""The editor's accessibility checker runs this site's rules: headings, alternative text, link text."""

from __future__ import annotations

import json
import re

import pytest

from careers.factories import CareerPageFactory

pytestmark = pytest.mark.django_db


def axe_configuration(html: str) -> dict:
    found = re.search(r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>', html)
    assert found, "no accessibility checker configuration on the page"
    return json.loads(found.group(1))


@pytest.fixture
def career(career_index):
    return CareerPageFactory(parent=career_index, slug="nurse")


def test_the_checks_panel_in_the_page_editor_runs_the_sites_rules(client, superuser, career):
    client.force_login(superuser)
    config = axe_configuration(client.get(f"/admin/pages/{career.pk}/edit/").content.decode())
    rules = config["options"]["runOnly"]
    for rule in ("page-has-heading-one", "heading-order", "image-alt", "alt-text-quality", "link-name"):
        assert rule in rules
    assert config["messages"]["image-alt"]["error_name"] == "An image has no alternative text"
    alt_check = next(check for check in config["spec"]["checks"] if check["id"] == "check-image-alt-text")
    pattern = re.compile(alt_check["options"]["pattern"])
    assert pattern.search("Image of a nurse") and pattern.search("IMG_0042.jpg")
    assert not pattern.search("A nurse checks a patient's chart")


def test_the_userbar_on_the_public_page_runs_the_same_rules(client, superuser, career):
    client.force_login(superuser)
    html = client.get("/careers/nurse/").content.decode()
    assert "page-has-heading-one" in html and "An image has no alternative text" in html
