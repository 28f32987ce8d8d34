"""The careers demo data file: what the loader makes of it, and how it refuses a broken one."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from careers import demo
from careers.models import CareerPage, Skill
from portal.demo import DemoContentError


def _career(data: dict[str, Any], slug: str = "ai-specialist") -> dict[str, Any]:
    return next(career for career in data["careers"] if career["slug"] == slug)


def _section(data: dict[str, Any], block_type: str) -> dict[str, Any]:
    return next(section for section in _career(data)["body"] if section["type"] == block_type)


def test_the_shipped_file_loads_with_bodies_as_stream_field_raw_data():
    data = demo.load()
    assert len(data["careers"]) == 11
    body = _career(data)["body"]
    assert body[0] == {
        "type": "time_of_day",
        "value": {"period": "morning", "heading": "", "body": body[0]["value"]["body"]},
        "id": body[0]["id"],
    }
    # As the page editor saves rich text (portal/editor_rich_text.py), so its first save changes nothing.
    assert body[0]["value"]["body"].startswith('<p data-block-key="')
    assert "The first job of the day" in body[0]["value"]["body"]
    assert body[0]["id"] == demo.load()["careers"][0]["body"][0]["id"], "the same id every load"
    tasks = _section(data, "tasks")["value"]["tasks"]
    assert tasks[0]["type"] == "item" and tasks[0]["value"].startswith("Train machine learning models")
    # Left for courses/demo.py to fill; the loader adds the block's default.
    assert _section(data, "call_to_action")["value"]["course"] is None
    assert _career(data)["article_date"].isoformat() == "2026-03-02"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda data: _career(data)["skills"]["essential"].append("pythn"),
            'career "ai-specialist", essential skills: unknown skill "pythn"',
        ),
        (
            lambda data: _career(data).update(sector="data-and-aii"),
            'career "ai-specialist": unknown sector "data-and-aii"',
        ),
        (
            lambda data: _career(data)["related_careers"].append("astronaut"),
            'career "ai-specialist", related_careers: unknown career "astronaut"',
        ),
        (
            lambda data: _career(data)["progression_steps"][0].update(career="ml-engineer"),
            'career "ai-specialist", progression step 1: unknown career "ml-engineer"',
        ),
        (
            lambda data: _career(data, "ux-designer")["salary_figures"][0].update(source="ONS"),
            'career "ux-designer", salary figure 1: unknown salary source "ONS"',
        ),
        (
            lambda data: data["featured_on_home"].append("astronaut"),
            '"featured_on_home": unknown career "astronaut"',
        ),
        (
            lambda data: _career(data).update(summery="A typo"),
            'career "ai-specialist": unknown field summery',
        ),
        (
            lambda data: _career(data).update(article_date="2 March 2026"),
            'career "ai-specialist", article_date: "2 March 2026" is not a date written as YYYY-MM-DD',
        ),
        (
            lambda data: _career(data)["body"].append({"type": "video", "value": {}}),
            'career "ai-specialist", section 9: unknown section type "video"',
        ),
        (
            lambda data: _section(data, "quote")["value"].update(role=""),
            'career "ai-specialist", section 4 (quote): role: This field is required.',
        ),
        (
            lambda data: _career(data)["salary_figures"][0].update(typical=90_000),
            'career "ai-specialist", salary figure 1: needs minimum <= typical <= maximum',
        ),
        (
            lambda data: _section(data, "tasks")["value"].update(tasks=7),
            'career "ai-specialist", section 2 (tasks): the value does not fit a tasks section',
        ),
        (
            lambda data: data["skills"].append(dict(data["skills"][0])),
            'skill "python": appears twice in skills',
        ),
    ],
    ids=[
        "skill",
        "sector",
        "related",
        "ladder",
        "source",
        "featured",
        "field",
        "date",
        "section",
        "required",
        "figures",
        "section-value",
        "duplicate",
    ],
)
def test_a_broken_file_is_refused_naming_the_file_and_the_entry(broken_demo_file, change, expected):
    path = broken_demo_file(demo, change)
    with pytest.raises(DemoContentError) as refusal:
        demo.load(path)
    message = str(refusal.value)
    assert message.startswith(f"{path}, ")
    assert expected in message


def test_invalid_json_is_refused_with_its_line(tmp_path):
    path = tmp_path / "careers.json"
    path.write_text('{\n  "index": {"title": "Careers",}\n}\n', encoding="utf-8")
    with pytest.raises(DemoContentError, match=r"careers\.json, line 2 column 32: not valid JSON"):
        demo.load(path)


@pytest.mark.django_db
def test_seed_demo_refuses_a_broken_file_and_creates_nothing(broken_demo_file, monkeypatch):
    pages_before = Page.objects.count()
    path = broken_demo_file(
        demo, lambda data: _career(data, "data-analyst")["skills"]["optional"].append("excel")
    )
    monkeypatch.setattr(demo, "DATA_FILE", path)
    with pytest.raises(CommandError, match='career "data-analyst", optional skills: unknown skill "excel"'):
        call_command("seed_demo", stdout=StringIO())
    assert Page.objects.count() == pages_before
    assert not CareerPage.objects.exists() and not Skill.objects.exists()
