"""Comparing revisions shows only what changed: bodies are stored as the page editor saves them
(demo, factories and migration careers.0013), so an edit to one salary figure compares as that."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from careers import demo as careers_demo
from careers.factories import CareerPageFactory, SalaryFigureFactory, full_body
from careers.models import CareerPage
from portal.editor_rich_text import editor_stream
from tests.careers.edit_form_data import edit_form_data

pytestmark = pytest.mark.django_db

BODY = CareerPage._meta.get_field("body").stream_block


def _ids(raw) -> list[str]:
    """Every stream block's and list item's id in a body's raw data."""
    found = []
    for child in raw:
        found.append(child["id"])
        for value in child["value"].values() if isinstance(child["value"], dict) else []:
            if isinstance(value, list):
                found += [item["id"] for item in value]
    return found


def test_the_demo_writes_bodies_as_the_editor_saves_them():
    careers = careers_demo.load()["careers"]
    again = careers_demo.load()["careers"]
    for career, reloaded in zip(careers, again, strict=True):
        body = career["body"]
        assert editor_stream(BODY, body, "unused") == body, career["slug"]
        assert all(_ids(body)), career["slug"]
        # Ids come from the data, so every seed of the demo gives a block the same id.
        assert _ids(body) == _ids(reloaded["body"]), career["slug"]
    html = str(careers[0]["body"])
    assert 'data-block-key="' in html and "<p>" not in html


def test_the_migration_rewrites_old_bodies_and_their_revisions(career_index):
    career = CareerPageFactory(parent=career_index, body=[])
    old = [
        {"type": "paragraph", "value": "<p>Plain words.</p>"},
        {"type": "tasks", "value": {"heading": "Tasks", "tasks": ["One", "Two"]}},
    ]
    # As the old demo left them: the page and its revision with the same ids and plain <p>.
    career.body = old
    career.save()
    revision = career.save_revision()
    assert list(career.body.raw_data)[0]["value"] == "<p>Plain words.</p>"
    migration = importlib.import_module("careers.migrations.0014_canonical_bodies")

    migration.canonical_bodies(apps, None)
    career.refresh_from_db()
    revision.refresh_from_db()

    saved = list(career.body.raw_data)
    assert saved[0]["value"].startswith('<p data-block-key="') and all(_ids(saved))
    assert saved == list(revision.as_object().body.raw_data)
    migration.canonical_bodies(apps, None)
    career.refresh_from_db()
    assert list(career.body.raw_data) == saved


def test_an_edit_to_one_salary_figure_compares_as_that_change_only(client, superuser, career_index):
    career = CareerPageFactory(parent=career_index, title="Data Scientist", body=full_body())
    SalaryFigureFactory(career=career, minimum=30_000, typical=52_000, maximum=80_000)
    career.save_revision().publish()
    client.force_login(superuser)
    edit_url = reverse("wagtailadmin_pages:edit", args=(career.pk,))
    data = edit_form_data(client.get(edit_url))
    assert str(data["salary_figures-0-typical"]).replace(",", "") == "52000"
    data["salary_figures-0-typical"] = "55,000"

    response = client.post(edit_url, data)

    assert response.status_code == 302, response.context["form"].errors
    career.refresh_from_db()
    latest = career.get_latest_revision()
    compare = client.get(reverse("wagtailadmin_pages:revisions_compare", args=(career.pk, "live", latest.pk)))
    changed = [field for field in compare.context["comparison"] if field.has_changed()]
    assert [field.field_label() for field in changed] == ["Salary figures"]
    html = compare.content.decode()
    assert "55,000" in html or "55000" in html
    assert 'class="deletion"' not in html.split("Salary figures")[0]
