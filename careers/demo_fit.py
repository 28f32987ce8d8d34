"""Checks for the demo careers' hours, working patterns, routes in and self-check statements
(careers/demo_content/careers.json), as the page editor checks them, before anything is written."""

from __future__ import annotations

from typing import Any

from careers.career_page_form import FEWEST_STATEMENTS, MOST_STATEMENTS
from careers.models import CareerRoute
from careers.models.at_a_glance import HOURS_HIGHEST, HOURS_LOWEST, WORKING_PATTERNS
from portal.demo import DemoContent

ROUTE_FIELDS = ("title", "link_url", "course")


def check_fit(content: DemoContent, where: str, career: dict[str, Any], skills: set[str]) -> None:
    """Hours, working patterns, routes in and self-check statements, as the page editor checks them."""
    hours = career["hours_per_week"]
    if not (
        isinstance(hours, list)
        and len(hours) == 2
        and all(isinstance(h, int) and not isinstance(h, bool) for h in hours)
        and HOURS_LOWEST <= hours[0] <= hours[1] <= HOURS_HIGHEST
    ):
        raise content.error(where, f"hours_per_week should be [fewest, most], {HOURS_LOWEST}–{HOURS_HIGHEST}")
    content.refer(
        f"{where}, working_patterns", "working pattern", career["working_patterns"], dict(WORKING_PATTERNS)
    )
    if not isinstance(career["routes"], list) or not career["routes"]:
        raise content.error(where, "routes should list at least one route in")
    for position, route in enumerate(career["routes"], start=1):
        here = f"{where}, route {position}"
        content.fields(here, route, ("kind", "entry_requirements"), ROUTE_FIELDS)
        content.choice(f"{here}, kind", route["kind"], CareerRoute.Kind.values)
        if (route["kind"] == CareerRoute.Kind.COURSE) != ("course" in route):
            raise content.error(
                here, "a route of kind course names its course (a course slug); no other does"
            )
        if len(route["entry_requirements"]) > 600 or len(route.get("title", "")) > 120:
            raise content.error(here, "entry_requirements is at most 600 characters, title at most 120")
    statements = career["self_check"]
    if not isinstance(statements, list) or not FEWEST_STATEMENTS <= len(statements) <= MOST_STATEMENTS:
        raise content.error(
            where, f"self_check should list {FEWEST_STATEMENTS} to {MOST_STATEMENTS} statements"
        )
    for position, statement in enumerate(statements, start=1):
        here = f"{where}, self_check statement {position}"
        content.fields(here, statement, ("text",), ("skill", "trait"))
        if ("skill" in statement) == ("trait" in statement):
            raise content.error(here, "needs a skill or a trait, not both")
        if "skill" in statement:
            content.refer(here, "skill", [statement["skill"]], skills)


def course_routes(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each career's routes through one of our courses (``course`` is a course slug), by career slug."""
    return {
        career["slug"]: [route for route in career["routes"] if route["kind"] == CareerRoute.Kind.COURSE]
        for career in data["careers"]
    }
