"""Course pages as schema.org Course, and the course list as an ItemList, in JSON-LD."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from careers.factories import SkillFactory
from courses.factories import CoursePageFactory, ProviderFactory
from courses.models import CoursePage
from tests.portal.jsonld import json_ld, json_ld_of_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(course_index):
    provider = ProviderFactory(
        name="Northgate Institute", slug="northgate", website="https://northgate.example.com/"
    )
    return CoursePageFactory(
        parent=course_index,
        title="Data Analysis Bootcamp",
        slug="data-analysis-bootcamp",
        summary="From spreadsheets to dashboards in twelve weeks.",
        provider=provider,
        price=Decimal("2495.00"),
        study_mode=CoursePage.StudyMode.BLENDED,
        duration_weeks=12,
        hours_per_week=15,
        level=CoursePage.Level.INTERMEDIATE,
        certification="Level 4 Diploma in Data Analysis",
        skills=[SkillFactory(name="SQL"), SkillFactory(name="Excel")],
        start_dates=[datetime.date(2026, 9, 7), datetime.date(2026, 4, 13)],
    )


def test_course_page_is_a_course_with_its_provider(client, course):
    data = json_ld_of_type(client.get("/courses/data-analysis-bootcamp/"), "Course")

    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Data Analysis Bootcamp"
    assert data["description"] == "From spreadsheets to dashboards in twelve weeks."
    assert data["url"] == "http://localhost/courses/data-analysis-bootcamp/"
    assert data["provider"] == {
        "@type": "Organization",
        "name": "Northgate Institute",
        "sameAs": "https://northgate.example.com/",
    }


def test_offer_gives_the_price_in_gbp(client, course):
    data = json_ld_of_type(client.get("/courses/data-analysis-bootcamp/"), "Course")

    assert data["offers"] == [
        {
            "@type": "Offer",
            "category": "Paid",
            "price": "2495.00",
            "priceCurrency": "GBP",
            "url": "http://localhost/courses/data-analysis-bootcamp/",
        }
    ]


def test_a_free_course_offers_a_zero_price(client, course_index):
    CoursePageFactory(parent=course_index, title="Free Taster", slug="free-taster", price=Decimal("0"))

    offer = json_ld_of_type(client.get("/courses/free-taster/"), "Course")["offers"][0]

    assert (offer["category"], offer["price"], offer["priceCurrency"]) == ("Free", "0.00", "GBP")


def test_course_mode_duration_and_start_dates(client, course):
    data = json_ld_of_type(client.get("/courses/data-analysis-bootcamp/"), "Course")

    assert data["timeRequired"] == "P12W"
    first, second = data["hasCourseInstance"]
    assert first["@type"] == "CourseInstance"
    assert first["courseMode"] == "Blended"
    assert first["courseWorkload"] == "PT180H"
    assert first["courseSchedule"] == {
        "@type": "Schedule",
        "duration": "PT15H",
        "repeatFrequency": "Weekly",
        "repeatCount": 12,
    }
    assert [first["startDate"], second["startDate"]] == ["2026-04-13", "2026-09-07"]


@pytest.mark.parametrize(
    ("mode", "expected"),
    [(CoursePage.StudyMode.ONLINE, "Online"), (CoursePage.StudyMode.IN_PERSON, "Onsite")],
)
def test_course_mode_uses_schema_org_words(client, course_index, mode, expected):
    CoursePageFactory(parent=course_index, title="Mode Course", slug="mode-course", study_mode=mode)

    data = json_ld_of_type(client.get("/courses/mode-course/"), "Course")

    assert [instance["courseMode"] for instance in data["hasCourseInstance"]] == [expected]


def test_course_names_its_level_skills_and_credential(client, course):
    data = json_ld_of_type(client.get("/courses/data-analysis-bootcamp/"), "Course")

    assert data["educationalLevel"] == "Intermediate"
    assert data["teaches"] == ["Excel", "SQL"]
    assert data["educationalCredentialAwarded"] == "Level 4 Diploma in Data Analysis"


def test_course_list_is_an_item_list_of_live_courses(client, course_index, course):
    CoursePageFactory(parent=course_index, title="Accounting Basics", slug="accounting-basics")
    CoursePageFactory(parent=course_index, title="Unpublished Course", slug="unpublished", live=False)

    item_list = json_ld_of_type(client.get("/courses/"), "ItemList")

    assert item_list["url"] == "http://localhost/courses/"
    assert item_list["itemListElement"] == [
        {
            "@type": "ListItem",
            "position": 1,
            "url": "http://localhost/courses/accounting-basics/",
            "name": "Accounting Basics",
        },
        {
            "@type": "ListItem",
            "position": 2,
            "url": "http://localhost/courses/data-analysis-bootcamp/",
            "name": "Data Analysis Bootcamp",
        },
    ]


def test_course_pages_have_a_breadcrumb_list(client, course):
    crumbs = json_ld_of_type(client.get("/courses/data-analysis-bootcamp/"), "BreadcrumbList")

    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Home",
        "Courses",
        "Data Analysis Bootcamp",
    ]
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]


def test_a_hostile_course_title_stays_inside_its_json_string(client, course):
    course.title = "Intro </script><img src=x onerror=alert(1)>"
    course.save_revision().publish()

    response = client.get("/courses/data-analysis-bootcamp/")

    assert json_ld_of_type(response, "Course")["name"] == "Intro </script><img src=x onerror=alert(1)>"
    assert "<img src=x" not in response.content.decode()


def test_item_list_costs_the_same_queries_however_many_courses(course_index, rf):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.structured_data import course_list

    request = rf.get("/courses/")
    CoursePageFactory(parent=course_index)
    course_list(course_index, request)  # warm the site root cache
    with CaptureQueriesContext(connection) as one:
        course_list(course_index, request)
    for _ in range(6):
        CoursePageFactory(parent=course_index)
    # Publishing moved the content version: what is kept under it (the site root, whether any page
    # has a view restriction) is read again once, whatever the number of courses.
    course_list(course_index, request)
    with CaptureQueriesContext(connection) as seven:
        (item_list,) = course_list(course_index, request)

    assert len(item_list["itemListElement"]) == 7
    assert len(seven.captured_queries) == len(one.captured_queries) <= 2


def test_comparison_route_is_not_the_course_list(client, course_index, course):
    response = client.get("/courses/compare/", {"courses": "data-analysis-bootcamp"})

    assert [doc["@type"] for doc in json_ld(response)] == ["BreadcrumbList"]
