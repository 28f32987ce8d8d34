"""The courses demo data file: its references into the careers vocabulary, and how it refuses a broken one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from courses import demo
from portal.demo import DemoContentError


def _course(data: dict[str, Any], slug: str = "artificial-intelligence") -> dict[str, Any]:
    return next(course for course in data["courses"] if course["slug"] == slug)


def test_the_shipped_file_loads_with_exact_prices_dates_and_syllabus_raw_data():
    data = demo.load()
    assert len(data["courses"]) == 16
    course = _course(data)
    assert course["price"] == Decimal("4995")
    assert course["start_dates"][0].isoformat() == "2027-01-11"
    assert course["syllabus"][0] == {
        "type": "module",
        "value": {
            "title": "Python for machine learning",
            "summary": "NumPy, pandas and writing clean notebook code.",
            "hours": 40,
        },
        "id": course["syllabus"][0]["id"],
    }


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda data: _course(data)["skills"].append("pyton"),
            'course "artificial-intelligence", skills: unknown skill "pyton"',
        ),
        (
            lambda data: _course(data)["careers"].append("ai-specialistt"),
            'course "artificial-intelligence", careers: unknown career "ai-specialistt"',
        ),
        (
            lambda data: _course(data).update(call_to_action_for=["astronaut"]),
            'course "artificial-intelligence", call_to_action_for: unknown career "astronaut"',
        ),
        (
            lambda data: _course(data).update(provider="northbridge"),
            'course "artificial-intelligence": unknown provider "northbridge"',
        ),
        (
            lambda data: _course(data)["features"].append("free-laptop"),
            'course "artificial-intelligence", features: unknown feature "free-laptop"',
        ),
        (
            lambda data: _course(data).update(level="expert"),
            'level: "expert" is not one of beginner, intermediate, advanced',
        ),
        (
            lambda data: _course(data).update(price=-5),
            'course "artificial-intelligence", price: "-5" should be a number of pounds, 0 for free',
        ),
        (
            lambda data: _course(data)["syllabus"][0]["value"].update(hours=0),
            'course "artificial-intelligence", section 1 (module): hours: Ensure this value is greater than',
        ),
        (
            lambda data: data["featured_on_home"].append("astronomy"),
            '"featured_on_home": unknown course "astronomy"',
        ),
    ],
    ids=["skill", "career", "call-to-action", "provider", "feature", "level", "price", "module", "featured"],
)
def test_a_broken_file_is_refused_naming_the_file_and_the_entry(broken_demo_file, change, expected):
    path = broken_demo_file(demo, change)
    with pytest.raises(DemoContentError) as refusal:
        demo.load(path)
    assert str(refusal.value).startswith(f"{path}, ")
    assert expected in str(refusal.value)
