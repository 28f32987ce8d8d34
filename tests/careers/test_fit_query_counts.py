"""A career page costs the same number of queries with 1 or 8 routes in, 5 or 8 self-check
statements and 1 or 7 working patterns, cold and warm, and whether or not the self-check was sent."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.factories import (
    CareerPageFactory,
    CareerRouteFactory,
    CareerSkillFactory,
    SalaryFigureFactory,
    SelfCheckStatementFactory,
    SkillFactory,
    working_patterns,
)
from careers.models.at_a_glance import WORKING_PATTERNS
from courses.factories import CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db


def _career(index, courses, name: str, routes: int, statements: int, patterns: int):
    career = CareerPageFactory(parent=index, title=name, hours_min=35, hours_max=40)
    career.working_patterns.set(working_patterns(*[slug for slug, _ in WORKING_PATTERNS[:patterns]]))
    career.working_patterns.commit()
    SalaryFigureFactory(career=career)
    for n in range(routes):
        if n % 2:
            CareerRouteFactory(career=career, kind="college")
        else:
            course = CoursePageFactory(parent=courses, careers=[career])
            CareerRouteFactory(career=career, course=course)
    for n in range(statements):
        skill = SkillFactory()
        CareerSkillFactory(career=career, skill=skill)
        SelfCheckStatementFactory(career=career, skill=skill if n % 2 else None)
        CoursePageFactory(parent=courses, skills=[skill])
    return career


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def small_and_large(home_page, career_index):
    courses = CourseIndexPageFactory(parent=home_page)
    small = _career(career_index, courses, "Small career", routes=1, statements=5, patterns=1)
    large = _career(career_index, courses, "Large career", routes=8, statements=8, patterns=7)
    return small, large


@pytest.mark.parametrize("query", ["", "?self_check=1", "?self_check=1&statement=1&statement=3"])
def test_query_count_is_the_same_for_1_or_8_routes_and_5_or_8_statements(client, small_and_large, query):
    small, large = small_and_large
    html = client.get(large.url + query).content.decode()
    assert html.count('<li class="route') == 8
    assert html.count('name="statement"') == 8
    if query:
        assert "Courses that teach what you did not tick" in html
    client.get(small.url)  # The site's settings row is made once, on the first view ever.
    cold, warm = [], []
    for career in (small, large):
        cache.clear()
        cold.append(_queries(client, career.url + query))
        warm.append(_queries(client, career.url + query))
    assert cold[0] == cold[1], cold
    assert warm[0] == warm[1], warm


def test_sending_the_self_check_costs_one_query_for_its_courses(client, small_and_large):
    _, large = small_and_large
    client.get(large.url)
    plain = _queries(client, large.url)
    answered = _queries(client, large.url + "?self_check=1&statement=1")
    assert answered == plain + 1
