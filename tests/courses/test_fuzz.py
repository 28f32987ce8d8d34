"""Property-based: whatever lands in the query string, /courses/ and the comparison never give a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.factories import CoursePageFactory

pytestmark = pytest.mark.django_db

# Anything a browser or a script could put in a URL, plus nearly-valid values that reach the database.
junk = st.one_of(
    st.text(max_size=80),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz-,0123456789", max_size=60),
    st.sampled_from(
        ["", ",", ",,,", "-1", "0", "1e999999", "NaN", "Infinity", "9" * 40, "\x00", "%00", "../"]
    ),
)
values = st.lists(junk, min_size=0, max_size=4)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def courses(course_index, data_scientist, skills):
    return [
        CoursePageFactory(parent=course_index, slug=slug, careers=[data_scientist], skills=[skills["SQL"]])
        for slug in ("alpha", "beta", "gamma")
    ]


def _query(**params: list[str]) -> list[tuple[str, str]]:
    return [(name, value) for name, items in params.items() for value in items]


@FUZZ
@given(
    courses_param=values, career=values, only_differences=values, prefix=st.sampled_from(["", "alpha,beta,"])
)
def test_compare_and_csv_never_fail(client, courses, courses_param, career, only_differences, prefix):
    slugs = [prefix + value for value in courses_param] or [prefix]
    query = _query(courses=slugs, career=career, only_differences=only_differences)
    for path in ("/courses/compare/", "/courses/compare/csv/"):
        response = client.get(path, query)
        assert response.status_code < 500, (path, query)


@FUZZ
@given(
    level=values,
    mode=values,
    max_price=values,
    max_weeks=values,
    feature=values,
    skill=values,
    career=values,
    sort=values,
    selected=values,
)
def test_course_list_filters_never_fail(client, courses, **params):
    response = client.get("/courses/", _query(**params))
    assert response.status_code == 200, params
