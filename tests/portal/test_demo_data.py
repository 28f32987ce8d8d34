"""The portal demo data file and DemoContent, the reader every app's demo module shares."""

from __future__ import annotations

import pytest

from portal import demo
from portal.demo import DemoContentError


def test_the_shipped_file_loads_and_errors_name_it_relative_to_the_project():
    data = demo.load()
    assert [page["slug"] for page in data["standard_pages"]] == ["about", "privacy", "accessibility"]
    assert data["standard_pages"][0]["body"][0] == {
        "type": "heading",
        "value": {"text": "Why this site exists"},
        "id": data["standard_pages"][0]["body"][0]["id"],
    }
    assert demo.DemoContent(demo.DATA_FILE).label == "portal/demo_content/portal.json"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda data: data["home_page"].pop("hero_heading"), '"home_page": missing hero_heading'),
        (
            lambda data: data["standard_pages"][1]["body"].insert(1, {"type": "image", "value": 1}),
            'standard page "privacy", section 2: unknown section type "image" (known: heading, paragraph, '
            "call_to_action)",
        ),
        (
            lambda data: data["standard_pages"][0]["body"][0]["value"].update(txt="Why"),
            'standard page "about", section 1 (heading): unknown field txt (expected text)',
        ),
        (lambda data: data["promotion"].update(colour="red"), '"promotion": unknown field colour'),
    ],
    ids=["missing", "section", "block-field", "unknown"],
)
def test_a_broken_file_is_refused_naming_the_file_and_the_entry(broken_demo_file, change, expected):
    path = broken_demo_file(demo, change)
    with pytest.raises(DemoContentError) as refusal:
        demo.load(path)
    assert str(refusal.value).startswith(f"{path}, ")
    assert expected in str(refusal.value)


def test_a_missing_file_is_refused_by_name(tmp_path):
    with pytest.raises(DemoContentError, match=r"portal\.json: cannot be read \(No such file or directory\)"):
        demo.load(tmp_path / "portal.json")
