"""Wagtail's read API at /api/v2/: careers with their salary figures, courses with their careers."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from careers.factories import (
    CareerPageFactory,
    CareerSkillFactory,
    ProgressionStepFactory,
    RelatedCareerFactory,
    SalaryFigureFactory,
    SalarySourceFactory,
    SkillFactory,
    SpecialisationFactory,
)
from careers.models import CareerSkill, SalaryFigure
from courses.factories import (
    CourseFeatureFactory,
    CoursePageFactory,
    ProviderFactory,
)
from courses.models import CoursePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def career(career_index):
    page = CareerPageFactory(
        parent=career_index, title="AI Specialist", slug="ai-specialist", soc_code="2139"
    )
    source = SalarySourceFactory(name="ONS ASHE 2025", url="https://www.ons.gov.uk/ashe")
    SalaryFigureFactory(
        career=page,
        region="UK",
        minimum=28_000,
        typical=45_000,
        maximum=75_000,
        typical_kind=SalaryFigure.TypicalKind.AVERAGE,
        source=source,
        gathered_on=datetime.date(2025, 10, 1),
        sort_order=0,
    )
    SalaryFigureFactory(
        career=page,
        region="London",
        minimum=35_000,
        typical=58_000,
        maximum=95_000,
        source=source,
        sort_order=1,
    )
    CareerSkillFactory(career=page, skill=SkillFactory(name="Python", slug="python"), sort_order=0)
    CareerSkillFactory(
        career=page,
        skill=SkillFactory(name="Cloud", slug="cloud"),
        importance=CareerSkill.Importance.OPTIONAL,
        sort_order=1,
    )
    senior = CareerPageFactory(parent=career_index, title="Head of AI", slug="head-of-ai")
    ProgressionStepFactory(
        career=page, title="Junior ML Engineer", salary_min=28_000, salary_max=35_000, sort_order=0
    )
    ProgressionStepFactory(career=page, title="Head of AI", linked_career=senior, sort_order=1)
    SpecialisationFactory(career=page, name="NLP", description="Language models.")
    RelatedCareerFactory(career=page, related=senior)
    return page


def get_detail(client, page_id: int) -> dict:
    response = client.get(f"/api/v2/pages/{page_id}/")
    assert response.status_code == 200
    return response.json()


def test_a_career_comes_with_its_salary_figures_source_and_date(client, career):
    data = get_detail(client, career.pk)

    assert data["title"] == "AI Specialist"
    assert data["meta"]["type"] == "careers.CareerPage"
    assert data["soc_code"] == "2139"
    assert data["sector"] == {"name": career.sector.name, "slug": career.sector.slug}
    uk, london = data["salary_figures"]
    assert uk == {
        "region": "UK",
        "currency": "GBP",
        "minimum": 28_000,
        "typical": 45_000,
        "typical_kind": "average",
        "maximum": 75_000,
        "source": {"name": "ONS ASHE 2025", "url": "https://www.ons.gov.uk/ashe", "is_illustrative": False},
        "gathered_on": "2025-10-01",
        "origin": "editor",
        "override_reason": "",
        "percentiles": {"p10": None, "p25": None, "p75": None, "p90": None},
        "job_count": None,
        "provenance": None,
    }
    assert london["region"] == "London"


def test_a_career_comes_with_skills_progression_and_specialisations(client, career):
    data = get_detail(client, career.pk)

    assert data["skills"] == [
        {"name": "Python", "slug": "python", "importance": "essential"},
        {"name": "Cloud", "slug": "cloud", "importance": "optional"},
    ]
    junior, head = data["progression"]
    assert junior == {
        "title": "Junior ML Engineer",
        "description": "",
        "salary_min": 28_000,
        "salary_max": 35_000,
        "linked_career": None,
    }
    assert head["linked_career"]["title"] == "Head of AI"
    assert head["linked_career"]["url"] == "http://localhost/careers/head-of-ai/"
    assert data["specialisations"] == [{"name": "NLP", "description": "Language models."}]
    assert [link["title"] for link in data["related_careers"]] == ["Head of AI"]


def test_a_career_lists_the_live_courses_that_prepare_for_it(client, career, course_index):
    provider = ProviderFactory(name="Northgate Institute")
    course = CoursePageFactory(parent=course_index, title="ML Bootcamp", provider=provider, careers=[career])
    CoursePageFactory(parent=course_index, title="Draft Course", live=False, careers=[career])

    data = get_detail(client, career.pk)

    assert data["courses"] == [
        {
            "id": course.pk,
            "title": "ML Bootcamp",
            "url": f"http://localhost/courses/{course.slug}/",
            "provider": "Northgate Institute",
        }
    ]


def test_a_course_comes_with_provider_price_features_and_careers(client, career, course_index):
    unpublished = CareerPageFactory(parent=career.get_parent(), title="Hidden Career", live=False)
    course = CoursePageFactory(
        parent=course_index,
        title="ML Bootcamp",
        provider=ProviderFactory(
            name="Northgate Institute", slug="northgate", website="https://northgate.example.com/"
        ),
        price=Decimal("2495.00"),
        study_mode=CoursePage.StudyMode.BLENDED,
        duration_weeks=16,
        hours_per_week=12,
        features=[CourseFeatureFactory(name="Job matching", slug="job-matching")],
        skills=[SkillFactory(name="SQL", slug="sql")],
        careers=[career, unpublished],
        start_dates=[datetime.date(2026, 9, 7)],
    )

    data = get_detail(client, course.pk)

    assert data["meta"]["type"] == "courses.CoursePage"
    assert data["provider"] == {
        "name": "Northgate Institute",
        "slug": "northgate",
        "website": "https://northgate.example.com/",
    }
    assert data["price"] == "2495.00"
    assert (data["study_mode"], data["duration_weeks"], data["hours_per_week"]) == ("blended", 16, 12)
    assert data["features"] == [{"name": "Job matching", "slug": "job-matching"}]
    assert data["skills"] == [{"name": "SQL", "slug": "sql"}]
    assert data["start_dates"] == ["2026-09-07"]
    assert data["careers"] == [
        {"id": career.pk, "title": "AI Specialist", "url": "http://localhost/careers/ai-specialist/"}
    ]


def test_pages_can_be_filtered_by_type(client, career, course_index):
    CoursePageFactory(parent=course_index, title="ML Bootcamp")

    careers = client.get("/api/v2/pages/", {"type": "careers.CareerPage"}).json()
    courses = client.get("/api/v2/pages/", {"type": "courses.CoursePage", "fields": "price,provider"}).json()

    assert {item["title"] for item in careers["items"]} == {"AI Specialist", "Head of AI"}
    assert careers["meta"]["total_count"] == 2
    assert [item["title"] for item in courses["items"]] == ["ML Bootcamp"]
    assert courses["items"][0]["price"] == "1200.00"


def test_course_fields_can_be_filtered_too(client, course_index):
    CoursePageFactory(parent=course_index, title="Online One", study_mode=CoursePage.StudyMode.ONLINE)
    CoursePageFactory(parent=course_index, title="Classroom One", study_mode=CoursePage.StudyMode.IN_PERSON)

    data = client.get("/api/v2/pages/", {"type": "courses.CoursePage", "study_mode": "in_person"}).json()

    assert [item["title"] for item in data["items"]] == ["Classroom One"]


def test_drafts_are_not_in_the_api(client, career_index):
    draft = CareerPageFactory(parent=career_index, title="Draft", live=False)

    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    listing = client.get("/api/v2/pages/", {"type": "careers.CareerPage"}).json()
    assert listing["meta"]["total_count"] == 0


def test_images_endpoint_lists_images(client, home_page):
    import wagtail_factories

    wagtail_factories.ImageFactory(title="Nurse at work")

    data = client.get("/api/v2/images/").json()

    assert [item["title"] for item in data["items"]] == ["Nurse at work"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, career, method):
    response = getattr(client, method)(
        f"/api/v2/pages/{career.pk}/", data={}, content_type="application/json"
    )
    listing = getattr(client, method)("/api/v2/pages/", data={}, content_type="application/json")

    assert response.status_code == 405
    assert listing.status_code == 405
    assert get_detail(client, career.pk)["title"] == "AI Specialist"


@pytest.mark.parametrize(
    "query",
    [
        {"type": "nope.Nothing"},
        {"fields": "no_such_field"},
        {"limit": "lots"},
        {"order": "-; DROP"},
        {"search": "data", "search_operator": "xor"},
    ],
)
def test_bad_api_queries_get_a_400_not_a_500(client, career, query):
    response = client.get("/api/v2/pages/", query)

    assert response.status_code == 400
    assert "message" in response.json()


def test_career_detail_costs_the_same_queries_with_more_figures(client, career, career_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(f"/api/v2/pages/{career.pk}/")
    with CaptureQueriesContext(connection) as before:
        client.get(f"/api/v2/pages/{career.pk}/")
    expected = len(before.captured_queries)  # counted now: the next request empties the query log
    for number in range(4):
        SalaryFigureFactory(career=career, region=f"Region {number}", sort_order=5 + number)
        CareerSkillFactory(career=career)
        ProgressionStepFactory(career=career, linked_career=career, sort_order=5 + number)
    # New content: the site, kept until content changes (portal/site_chrome.py), is read afresh once.
    client.get(f"/api/v2/pages/{career.pk}/")
    with CaptureQueriesContext(connection) as after:
        data = get_detail(client, career.pk)

    assert len(data["salary_figures"]) == 6
    assert len(after.captured_queries) == expected


def test_every_field_can_be_listed_at_once(client, career):
    data = client.get("/api/v2/pages/", {"type": "careers.CareerPage", "fields": "*"}).json()

    listed = {item["title"]: item for item in data["items"]}
    assert listed["AI Specialist"]["salary_figures"][0]["source"]["name"] == "ONS ASHE 2025"
    assert listed["AI Specialist"]["soc_code"] == "2139"


def test_plain_career_fields_filter_the_listing(client, career):
    data = client.get("/api/v2/pages/", {"type": "careers.CareerPage", "soc_code": "2139"}).json()

    assert [item["title"] for item in data["items"]] == ["AI Specialist"]


@pytest.mark.parametrize("search", ["specialist", '"unclosed', "AND OR (", "🚀"])
def test_api_search_answers_odd_queries(client, career, search):
    response = client.get("/api/v2/pages/", {"search": search})

    assert response.status_code == 200
    if search == "specialist":
        assert [item["title"] for item in response.json()["items"]] == ["AI Specialist"]
