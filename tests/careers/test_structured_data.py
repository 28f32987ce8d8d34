"""A career page's JSON-LD: a schema.org Occupation search engines can read salary bands from."""

from __future__ import annotations

import datetime

import pytest

from careers.factories import (
    CareerPageFactory,
    CareerSkillFactory,
    SalaryFigureFactory,
    SkillFactory,
)
from careers.models import CareerSkill, SalaryFigure
from careers.structured_data import SOC_2020_URL
from tests.portal.jsonld import json_ld, json_ld_of_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def career(career_index):
    page = CareerPageFactory(
        parent=career_index,
        title="Data Scientist",
        slug="data-scientist",
        summary="Finds the story in data.",
        soc_code="2433",
    )
    SalaryFigureFactory(
        career=page,
        region="UK",
        minimum=28_000,
        typical=45_000,
        maximum=75_000,
        typical_kind=SalaryFigure.TypicalKind.MEDIAN,
        gathered_on=datetime.date(2025, 4, 1),
        sort_order=0,
    )
    SalaryFigureFactory(
        career=page,
        region="London",
        minimum=35_000,
        typical=55_000,
        maximum=90_000,
        typical_kind=SalaryFigure.TypicalKind.AVERAGE,
        sort_order=1,
    )
    CareerSkillFactory(
        career=page, skill=SkillFactory(name="Statistics"), importance=CareerSkill.Importance.OPTIONAL
    )
    CareerSkillFactory(
        career=page, skill=SkillFactory(name="Python"), importance=CareerSkill.Importance.ESSENTIAL
    )
    return page


def test_career_page_is_an_occupation_with_name_description_and_url(client, career):
    occupation = json_ld_of_type(client.get("/careers/data-scientist/"), "Occupation")

    assert occupation["@context"] == "https://schema.org"
    assert occupation["name"] == "Data Scientist"
    assert occupation["description"] == "Finds the story in data."
    assert occupation["url"] == "http://localhost/careers/data-scientist/"


def test_estimated_salary_is_a_gbp_distribution_per_figure(client, career):
    occupation = json_ld_of_type(client.get("/careers/data-scientist/"), "Occupation")

    uk, london = occupation["estimatedSalary"]
    assert uk == {
        "@type": "MonetaryAmountDistribution",
        "name": "base",
        "currency": "GBP",
        "duration": "P1Y",
        "minValue": 28_000,
        "maxValue": 75_000,
        "median": 45_000,
        "description": "UK median £45,000, range £28,000–£75,000",
    }
    # schema.org has no "mean": an average is the distribution's value, and says so.
    assert london["value"] == 55_000
    assert "median" not in london
    assert (london["minValue"], london["maxValue"], london["currency"]) == (35_000, 90_000, "GBP")
    assert london["description"].startswith("London average £55,000")


def test_occupation_location_lists_each_region(client, career):
    occupation = json_ld_of_type(client.get("/careers/data-scientist/"), "Occupation")

    assert occupation["occupationLocation"] == [
        {"@type": "Country", "name": "United Kingdom"},
        {"@type": "AdministrativeArea", "name": "London"},
    ]


def test_skills_list_essential_ones_first(client, career):
    occupation = json_ld_of_type(client.get("/careers/data-scientist/"), "Occupation")

    assert occupation["skills"] == ["Python", "Statistics"]


def test_occupational_category_is_the_soc_2020_code(client, career):
    occupation = json_ld_of_type(client.get("/careers/data-scientist/"), "Occupation")

    assert occupation["occupationalCategory"] == {
        "@type": "CategoryCode",
        "codeValue": "2433",
        "inCodeSet": {"@type": "CategoryCodeSet", "name": "SOC 2020", "url": SOC_2020_URL},
    }


def test_a_career_without_soc_code_salary_or_skills_leaves_those_out(client, career_index):
    CareerPageFactory(parent=career_index, title="Beekeeper", slug="beekeeper", soc_code="")

    occupation = json_ld_of_type(client.get("/careers/beekeeper/"), "Occupation")

    assert "occupationalCategory" not in occupation
    assert "estimatedSalary" not in occupation
    assert "skills" not in occupation
    assert occupation["occupationLocation"] == [{"@type": "Country", "name": "United Kingdom"}]


def test_promote_description_overrides_the_summary(client, career):
    career.search_description = "Written for search engines."
    career.save_revision().publish()

    occupation = json_ld_of_type(client.get("/careers/data-scientist/"), "Occupation")

    assert occupation["description"] == "Written for search engines."


def test_career_page_has_a_breadcrumb_list(client, career):
    crumbs = json_ld_of_type(client.get("/careers/data-scientist/"), "BreadcrumbList")

    assert crumbs["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Home", "item": "http://localhost/"},
        {"@type": "ListItem", "position": 2, "name": "Careers", "item": "http://localhost/careers/"},
        {
            "@type": "ListItem",
            "position": 3,
            "name": "Data Scientist",
            "item": "http://localhost/careers/data-scientist/",
        },
    ]


@pytest.mark.parametrize(
    "hostile",
    [
        '</script><script>alert("x")</script>',
        "<!-- </SCRIPT > & \u2028 \"quoted\" 'single'",
    ],
)
def test_a_hostile_title_stays_inside_its_json_string(client, career, hostile):
    career.title = hostile
    career.save_revision().publish()

    response = client.get("/careers/data-scientist/")
    html = response.content.decode()

    assert json_ld_of_type(response, "Occupation")["name"] == hostile
    # Only our own JSON-LD script elements exist; none was opened by the title.
    assert html.lower().count("<script") == html.lower().count("</script>")
    assert "<script>alert" not in html
    for script in html.split('<script type="application/ld+json">')[1:]:
        body = script.split("</script>", 1)[0]
        assert "<" not in body and ">" not in body


def test_structured_data_costs_a_fixed_number_of_queries(career, rf):
    """More figures and skills must not mean more queries for the JSON-LD."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from careers.models import CareerPage
    from careers.structured_data import occupation

    small = CareerPageFactory(parent=career.get_parent(), title="Small", with_salary=True)
    CareerSkillFactory(career=small)
    for number in range(5):
        SalaryFigureFactory(career=career, region=f"Region {number}", sort_order=10 + number)
        CareerSkillFactory(career=career, skill=SkillFactory(name=f"Extra skill {number}"))
    request = rf.get("/")
    occupation(CareerPage.objects.get(pk=small.pk), request)  # warm the site root cache

    with CaptureQueriesContext(connection) as for_small:
        occupation(CareerPage.objects.get(pk=small.pk), request)
    with CaptureQueriesContext(connection) as for_large:
        data = occupation(CareerPage.objects.get(pk=career.pk), request)

    assert len(data["estimatedSalary"]) == 7
    assert len(data["skills"]) == 7
    assert len(for_large.captured_queries) == len(for_small.captured_queries) <= 4


def test_every_json_ld_document_names_its_context(client, career):
    for document in json_ld(client.get("/careers/data-scientist/")):
        assert document["@context"] == "https://schema.org"
