"""The demo's hours, working patterns, routes in and self-check statements: checked before seeding,
and present on every demo career once seeded."""

from __future__ import annotations

from typing import Any

import pytest

from careers import demo
from careers.models import CareerPage
from courses import demo as courses_demo
from portal.demo import DemoContentError


def _career(data: dict[str, Any], slug: str = "data-analyst") -> dict[str, Any]:
    return next(career for career in data["careers"] if career["slug"] == slug)


def _course_route(data: dict[str, Any]) -> dict[str, Any]:
    return next(route for route in _career(data)["routes"] if route["kind"] == "course")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda data: _course_route(data).pop("course"), "route 2: a route of kind course names its course"),
        (
            lambda data: _career(data)["routes"][0].update(kind="bootcamp"),
            'route 1, kind: "bootcamp" is not one of',
        ),
        (
            lambda data: _career(data)["routes"][0].pop("entry_requirements"),
            "route 1: missing entry_requirements",
        ),
        (lambda data: _career(data).update(routes=[]), "routes should list at least one route in"),
        (
            lambda data: _career(data).update(hours_per_week=[40, 30]),
            "hours_per_week should be [fewest, most], 1–80",
        ),
        (
            lambda data: _career(data).update(hours_per_week=[0, 30]),
            "hours_per_week should be [fewest, most]",
        ),
        (lambda data: _career(data)["working_patterns"].append("nights"), 'unknown working pattern "nights"'),
        (lambda data: _career(data).update(self_check=_career(data)["self_check"][:4]), "5 to 8 statements"),
        (
            lambda data: _career(data)["self_check"][0].update(trait="Care"),
            "statement 1: needs a skill or a trait",
        ),
        (
            lambda data: _career(data)["self_check"][0].update(skill="excel"),
            'statement 1: unknown skill "excel"',
        ),
    ],
    ids=[
        "no-course",
        "kind",
        "requirements",
        "no-routes",
        "hours-order",
        "hours-range",
        "pattern",
        "count",
        "both",
        "skill",
    ],
)
def test_a_broken_route_hours_or_statement_is_refused_naming_the_career(broken_demo_file, change, expected):
    path = broken_demo_file(demo, change)
    with pytest.raises(DemoContentError) as refusal:
        demo.load(path)
    assert 'career "data-analyst"' in str(refusal.value)
    assert expected in str(refusal.value)


def test_a_route_through_a_course_the_courses_file_lacks_is_refused(broken_demo_file, monkeypatch):
    monkeypatch.setattr(
        demo, "DATA_FILE", broken_demo_file(demo, lambda data: _course_route(data).update(course="x"))
    )
    with pytest.raises(DemoContentError, match='career "data-analyst", routes in: unknown course "x"'):
        courses_demo.load()


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_content")
def test_every_demo_career_has_hours_patterns_routes_ours_first_and_a_self_check(client):
    careers = CareerPage.objects.live().prefetch_related(*CareerPage.route_rows())
    assert careers.count() == 11
    for career in careers:
        assert career.hours_text.endswith("hours a week"), career
        assert career.patterns_in_order(), career
        routes = career.routes_in()
        assert len(routes) >= 3 and routes[0].is_ours and routes[0].course.live, career
        assert sum(route.is_ours for route in routes) == 1, career
        assert 5 <= career.self_check_statements.count() <= 8, career

    html = client.get("/careers/data-analyst/?self_check=1&statement=1").content.decode()
    assert "At a glance" in html and "35–40 hours a week" in html
    assert '<a href="#routes-in">One of our courses, Apprenticeship, University, Work your way in</a>' in html
    assert "You ticked 1 of 6." in html and "Courses that teach what you did not tick" in html
