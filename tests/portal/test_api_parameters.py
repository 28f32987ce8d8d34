"""The API's query parameters: a bad value gets a 400 with a message saying what is expected.

Each case here gave a 500 before the parameters were checked (portal/api_parameters.py).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from wagtail_factories import ImageFactory

from careers.factories import CareerIndexPageFactory, CareerPageFactory
from courses.factories import CourseFeatureFactory, CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db

BEYOND_64_BITS = "99999999999999999999999"


@pytest.fixture
def career(home_page):
    index = CareerIndexPageFactory(parent=home_page)
    return CareerPageFactory(parent=index, title="Data Analyst", article_date=datetime.date(2026, 3, 5))


@pytest.fixture
def course(home_page):
    index = CourseIndexPageFactory(parent=home_page)
    labs = CourseFeatureFactory(name="Hands-on labs")
    return CoursePageFactory(
        parent=index, title="Data Bootcamp", price=Decimal("1200.00"), duration_weeks=12, features=[labs]
    )


def refused(client, url: str, query: dict[str, str]) -> str:
    response = client.get(url, query)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()["message"]


def titles(client, query: dict[str, str]) -> list[str]:
    response = client.get("/api/v2/pages/", query)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v2/images/"])
def test_an_offset_beyond_64_bits_is_refused_and_the_largest_one_answers(client, career, url):
    assert refused(client, url, {"offset": BEYOND_64_BITS}) == (
        "offset must be a whole number between 0 and 9223372036854775807"
    )
    response = client.get(url, {"offset": str(2**63 - 1)})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_a_limit_above_the_maximum_says_what_the_maximum_is(client, career):
    message = refused(client, "/api/v2/pages/", {"limit": "21"})
    assert message == "limit must be a whole number between 0 and 20"
    assert titles(client, {"type": "careers.CareerPage", "limit": "20"}) == ["Data Analyst"]


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v2/pages/", "locale"),
        ("/api/v2/pages/", "title"),
        ("/api/v2/pages/", "search"),
        ("/api/v2/pages/", "type"),
        ("/api/v2/pages/", "site"),
        ("/api/v2/pages/find/", "html_path"),
        ("/api/v2/images/", "tags"),
    ],
)
@pytest.mark.parametrize("value", ["a\x00b", "line\r\nbreak", "\x1b[31m"])
def test_control_characters_are_refused_in_every_parameter(client, career, url, name, value):
    message = refused(client, url, {name: value})

    assert message == (
        f"query parameter '{name}' contains a control character (such as a NUL byte), which is not allowed"
    )


def test_a_very_long_value_is_refused(client, career):
    message = refused(client, "/api/v2/pages/", {"search": "data " * 2000})

    assert message == "query parameter 'search' is too long (at most 1000 characters)"


def test_a_date_filter_needs_a_date(client, career):
    assert refused(client, "/api/v2/pages/", {"type": "careers.CareerPage", "article_date": "notadate"}) == (
        "article_date must be a date in the form YYYY-MM-DD, such as 2026-03-01"
    )
    assert refused(client, "/api/v2/pages/", {"type": "careers.CareerPage", "article_date": "2026-02-30"})
    assert titles(client, {"type": "careers.CareerPage", "article_date": "2026-03-05"}) == ["Data Analyst"]
    assert titles(client, {"type": "careers.CareerPage", "article_date": "2026-03-06"}) == []


@pytest.mark.parametrize("value", ["notadate", "0001-01-01T00:00:00+14:00", "2026-13-01T00:00"])
def test_a_date_and_time_filter_needs_one_that_the_database_can_hold(client, career, value):
    message = refused(client, "/api/v2/pages/", {"first_published_at": value})

    assert message.startswith("first_published_at must be a date and time in the form YYYY-MM-DDTHH:MM:SS")


def test_a_price_filter_needs_a_price_the_column_can_hold(client, course):
    expected = (
        "price must be a number with at most 8 digits, 2 of them after the decimal point, such as 1200.50"
    )
    for value in ["abc", "NaN", "Infinity", "1e309", "1234567890", "12.345"]:
        assert refused(client, "/api/v2/pages/", {"type": "courses.CoursePage", "price": value}) == expected
    for value in ["1200", "1200.00", "1.2e3"]:
        assert titles(client, {"type": "courses.CoursePage", "price": value}) == ["Data Bootcamp"]


def test_whole_number_filters_must_fit_their_column(client, course):
    query = {"type": "courses.CoursePage", "duration_weeks": BEYOND_64_BITS}
    message = refused(client, "/api/v2/pages/", query)
    assert message == "duration_weeks must be a whole number between 0 and 32767"
    assert refused(client, "/api/v2/pages/", {**query, "duration_weeks": "twelve"})
    assert titles(client, {**query, "duration_weeks": "12"}) == ["Data Bootcamp"]


def test_a_link_filter_takes_an_id(client, course):
    query = {"type": "courses.CoursePage"}
    for name in ["features", "provider"]:
        for value in ["abc", BEYOND_64_BITS]:
            message = refused(client, "/api/v2/pages/", {**query, name: value})
            assert message == f"{name} must be an id, a whole number between 0 and 9223372036854775807"
    feature = course.features.get()
    assert titles(client, {**query, "features": str(feature.pk)}) == ["Data Bootcamp"]
    assert titles(client, {**query, "provider": str(course.provider_id)}) == ["Data Bootcamp"]


def test_a_true_or_false_filter_says_so(client, career):
    assert refused(client, "/api/v2/pages/", {"show_in_menus": "yes"}) == (
        "show_in_menus must be true or false (or 1 or 0)"
    )


def test_stream_fields_cannot_be_filtered(client, career):
    assert refused(client, "/api/v2/pages/", {"type": "careers.CareerPage", "body": "abc"}) == (
        "cannot filter by body"
    )


@pytest.mark.parametrize("name", ["child_of", "descendant_of", "translation_of"])
def test_page_id_parameters_take_root_or_an_id_that_fits(client, career, name):
    assert refused(client, "/api/v2/pages/", {name: BEYOND_64_BITS}) == (
        f"{name} must be 'root' or a page id, a whole number between 0 and 2147483647"
    )
    assert client.get("/api/v2/pages/", {name: "root"}).status_code == 200


def test_ancestor_of_takes_an_id_that_fits(client, career):
    assert refused(client, "/api/v2/pages/", {"ancestor_of": BEYOND_64_BITS}) == (
        "ancestor_of must be a page id, a whole number between 0 and 2147483647"
    )
    assert client.get("/api/v2/pages/", {"ancestor_of": str(career.pk)}).status_code == 200


@pytest.mark.parametrize("url", ["/api/v2/pages/find/", "/api/v2/images/find/", "/api/v2/pages/"])
def test_an_id_must_be_a_whole_number_that_fits(client, career, url):
    for value in ["abc", BEYOND_64_BITS]:
        message = refused(client, url, {"id": value})
        assert message == "id must be a whole number between 0 and 2147483647"


def test_find_by_id_and_path_still_redirect_to_the_page(client, career):
    by_id = client.get("/api/v2/pages/find/", {"id": str(career.pk)})
    by_path = client.get("/api/v2/pages/find/", {"html_path": career.url})

    assert by_id.status_code == by_path.status_code == 302
    assert by_id["Location"].endswith(f"/api/v2/pages/{career.pk}/?")
    assert by_path["Location"].endswith(f"/api/v2/pages/{career.pk}/?")
    assert client.get("/api/v2/pages/find/", {"html_path": "../../etc/passwd"}).status_code == 404


def test_image_size_filters_must_fit_their_column(client, home_page):
    image = ImageFactory(title="Team photo")

    assert refused(client, "/api/v2/images/", {"width": BEYOND_64_BITS}) == (
        "width must be a whole number between -2147483648 and 2147483647"
    )
    response = client.get("/api/v2/images/", {"width": str(image.width)})
    assert [item["title"] for item in response.json()["items"]] == ["Team photo"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"fields": "title,,summary"}, "fields error: unexpected char ',' at position 6"),
        ({"fields": "title("}, "fields error: unexpected end of input (did you miss out a close bracket?)"),
        ({"fields": "a(" * 499}, "fields error: unexpected end of input (did you miss out a close bracket?)"),
        ({"order": "no_such_field"}, "cannot order by 'no_such_field' (unknown field)"),
        ({"order": "random", "offset": "1"}, "random ordering with offset is not supported"),
    ],
)
def test_wagtail_already_refuses_bad_fields_and_order(client, career, query, message):
    assert refused(client, "/api/v2/pages/", query) == message
