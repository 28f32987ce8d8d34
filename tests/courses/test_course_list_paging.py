"""The course list pages its cards (issue 16, growth): 24 a page, links that keep the filters,
and a page costs the same queries with 5 courses or 60."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.factories import CoursePageFactory
from courses.models import CoursePage
from courses.page_context import COURSES_PER_PAGE

pytestmark = pytest.mark.django_db


def card_titles(response) -> list[str]:
    return [
        a.get_text(strip=True)
        for a in BeautifulSoup(response.content, "html.parser").select(".course-list h3 a")
    ]


def page_links(response) -> dict[str, str]:
    nav = BeautifulSoup(response.content, "html.parser").select_one('nav[aria-label="Pages of courses"]')
    return {} if nav is None else {a.get_text(" ", strip=True): a["href"] for a in nav.select("a")}


@pytest.fixture
def many_courses(course_index):
    return [
        CoursePageFactory(
            parent=course_index,
            title=f"Course {number:02d}",
            level=CoursePage.Level.INTERMEDIATE if number % 2 else CoursePage.Level.BEGINNER,
            price=Decimal(100 * number),
        )
        for number in range(COURSES_PER_PAGE + 6)
    ]


def test_the_list_shows_a_page_of_courses_and_links_to_the_next(client, many_courses):
    first = client.get("/courses/")
    assert card_titles(first) == [f"Course {n:02d}" for n in range(COURSES_PER_PAGE)]
    assert f"{COURSES_PER_PAGE + 6} courses, page 1 of 2." in first.content.decode()
    links = page_links(first)
    assert links["Next page"] == "?page=2"
    second = client.get("/courses/?page=2")
    assert card_titles(second) == [f"Course {n:02d}" for n in range(COURSES_PER_PAGE, COURSES_PER_PAGE + 6)]
    assert 'aria-current="page"' in second.content.decode()
    assert page_links(second)["Previous page"] == "?page=1"


def test_page_links_keep_the_filters(client, many_courses):
    response = client.get("/courses/?level=beginner&sort=price&max_price=5000")
    assert len(card_titles(response)) == 15
    response = client.get("/courses/?level=beginner&sort=name")
    assert page_links(response) == {}  # one page: no navigation
    response = client.get("/courses/?sort=price")
    assert page_links(response)["Next page"] == "?sort=price&page=2"
    assert card_titles(client.get("/courses/?sort=price&page=2"))[0] == f"Course {COURSES_PER_PAGE:02d}"


@pytest.mark.parametrize("page", ["0", "3", "-1", "abc", "1e3", "99999999999999999999", "２", "1\x00"])
def test_a_page_that_does_not_exist_shows_page_one_and_says_so(client, many_courses, page):
    response = client.get("/courses/", {"page": page})
    assert response.status_code == 200
    assert card_titles(response)[0] == "Course 00"
    assert "There is no such page of courses" in response.content.decode()


def test_a_page_costs_the_same_queries_with_twice_the_courses(
    client, course_index, many_courses, django_assert_num_queries
):
    client.get("/courses/?page=2")
    with CaptureQueriesContext(connection) as few:
        client.get("/courses/?page=2")
    queries = len(few)  # now: building pages below overflows the connection's query log
    for number in range(COURSES_PER_PAGE * 2):
        CoursePageFactory(parent=course_index, title=f"More {number:02d}")
    client.get("/courses/?page=2")
    with django_assert_num_queries(queries):
        response = client.get("/courses/?page=2")
    assert len(card_titles(response)) == COURSES_PER_PAGE
