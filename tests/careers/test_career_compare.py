"""Comparing 2–4 careers at /careers/compare/: each row, shared skills, validation, privacy, cost."""

from __future__ import annotations

import pickle

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.career_comparison import career_column, with_comparison_data
from careers.factories import CareerPageFactory
from careers.models import CareerPage, CareerRoute, Skill, WorkingPattern
from courses.models import CoursePage
from tests.careers.compare_site import build_compare_site
from tests.portal.jsonld import json_ld, meta
from tests.portal.private_pages.site import restrict

pytestmark = pytest.mark.django_db

URL = "/careers/compare/"


@pytest.fixture
def site(home_page, career_index):
    return build_compare_site(home_page, career_index)


def page(client, query: str) -> BeautifulSoup:
    response = client.get(URL + query)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def row(soup: BeautifulSoup, label: str) -> list[str]:
    """The cells of the row headed ``label``, as text with the spaces squeezed."""
    header = next((th for th in soup.find_all("th", scope="row") if th.contents[0].strip() == label), None)
    assert header is not None, f"no row {label!r}"
    return [" ".join(cell.get_text(" ").split()) for cell in header.find_parent("tr").find_all("td")]


def test_a_semantic_table_with_the_careers_as_columns_in_a_to_z_order(client, site):
    soup = page(client, "?careers=checker&careers=analyst&careers=builder")
    assert soup.h1.get_text() == "Compare 3 careers"
    table = soup.find("table")
    assert table.caption.get_text() == "Comparison of 3 careers: Analyst, Builder and Checker"
    columns = [th.a.get_text() for th in table.thead.find_all("th", scope="col")[1:]]
    assert columns == ["Analyst", "Builder", "Checker"]  # A–Z, whatever order the link gave
    groups = [th.get_text() for th in table.find_all("th", scope="rowgroup")]
    assert groups == [
        "Pay",
        "Hours and pattern",
        "Skills",
        "Getting in and getting on",
        "A typical day",
        "Courses",
    ]
    region = soup.find("div", role="region")
    assert region["aria-labelledby"] == table.caption["id"] and region["tabindex"] == "0"
    remove = table.thead.select_one("a.career-compare-table__remove")
    assert remove["href"] == "/careers/compare/?careers=builder&careers=checker"


def test_salary_shows_each_headline_band_and_the_spread_where_it_exists(client, site):
    soup = page(client, "?careers=analyst&careers=builder&careers=checker")
    analyst, builder, checker = row(soup, "Salary")
    assert analyst.startswith("£26,000–£80,000 UK median £45,000")
    assert (
        "Spread of pay: 10th percentile £24,000, 25th £33,000, median £45,000, 75th £58,000, 90th £71,000"
        in analyst
    )
    assert builder.startswith("£30,000–£90,000 UK average £50,000") and "Spread of pay" not in builder
    assert checker == "No salary figures yet"
    # One scale for every column (£90,000 is the top), so the bars compare at a glance.
    bands = [rect["x"] for rect in soup.select(".career-compare-salary__band")]
    assert bands == ["28.89", "33.33"]


def test_essential_skills_mark_those_shared_by_all_and_by_some(client, site):
    soup = page(client, "?careers=analyst&careers=builder&careers=checker")
    assert soup.select_one(".career-compare__shared").get_text() == "All 3 careers need: Python."
    analyst, builder, checker = row(soup, "Essential skills")
    assert analyst == "Python ● shared by all 3 SQL ◐ shared by 2 of 3 Statistics"
    assert builder == "Python ● shared by all 3 SQL ◐ shared by 2 of 3 Git"
    assert checker == "Python ● shared by all 3 Networks"
    shared = soup.select(".career-compare-list__shared--all")
    assert len(shared) == 3 and all("Python" in item.get_text() for item in shared)

    two = page(client, "?careers=analyst&careers=builder")
    assert two.select_one(".career-compare__shared").get_text() == "Both careers need: Python, SQL."
    assert row(two, "Essential skills")[0].startswith("Python ● shared by both SQL ● shared by both")


def test_hours_pattern_and_routes_say_not_given_until_a_career_has_them(client, site):
    soup = page(client, "?careers=analyst&careers=builder")
    for label in ("Hours per week", "Working pattern", "Routes in"):
        assert row(soup, label) == ["Not given", "Not given"]


def test_hours_pattern_and_routes_in_as_each_career_gives_them(client, site):
    patterns = WorkingPattern.ensure_all()
    analyst = CareerPage.objects.get(slug="analyst")
    analyst.hours_min, analyst.hours_max = 37, 40
    analyst.working_patterns.set([patterns["hybrid"], patterns["office-hours"]])  # kept until saved
    analyst.save()
    CareerRoute.objects.create(career=analyst, kind="apprenticeship", entry_requirements="", sort_order=1)
    CareerRoute.objects.create(
        career=analyst, kind="university", entry_requirements="A degree in computing", sort_order=0
    )

    soup = page(client, "?careers=analyst&careers=builder")

    assert row(soup, "Hours per week") == ["37–40 hours a week", "Not given"]
    assert row(soup, "Working pattern") == ["Office hours, Hybrid", "Not given"]
    assert row(soup, "Routes in")[0] == "University: A degree in computing Apprenticeship"


def test_the_top_of_each_ladder(client, site):
    soup = page(client, "?careers=analyst&careers=builder&careers=checker")
    assert row(soup, "Top of the ladder") == [
        "Head of Data £90,000–£120,000, after 2 steps",
        "Lead Builder from £70,000",
        "No progression given",
    ]
    assert soup.find("a", string="Head of Data")["href"] == "/careers/builder/"

    site.builder.unpublish()  # a step naming a career the public cannot see keeps its title only
    soup = page(client, "?careers=analyst&careers=checker")
    assert soup.find("a", string="Head of Data") is None
    assert row(soup, "Top of the ladder")[0].startswith("Head of Data")


def test_the_typical_day_section_against_section(client, site):
    soup = page(client, "?careers=analyst&careers=builder&careers=checker")
    labels = [th.get_text() for th in soup.select("tbody[data-group=day] th[scope=row]")]
    assert labels == [
        "Morning", "Afternoon", "Evening", "Daily tasks", "In their words", "The hard parts", "Who it suits",
    ]  # fmt: skip
    assert row(soup, "Morning") == [
        "Coffee and the overnight training runs.",
        "The day starts with the overnight reports.",
        "Not described",
    ]
    assert row(soup, "Afternoon")[0] == "After lunch Pairing with a colleague on a data pipeline."
    assert row(soup, "Daily tasks")[:2] == [
        "Clean a data set Evaluate a model",
        "Review the reports Plan the day",
    ]
    assert row(soup, "In their words")[0].startswith("Watching a model save people hours")


def test_the_public_courses_that_prepare_for_each(client, site):
    soup = page(client, "?careers=analyst&careers=checker")
    analyst, checker = row(soup, "Courses that prepare you")
    assert analyst.startswith("Data Foundations")
    assert "covers 2 of 3 skills" in analyst
    assert checker == "None of our courses yet"
    link = soup.find("a", string="Data Foundations")
    assert link["href"] == f"/courses/data-foundations/?from={site.analyst.pk}"
    assert "Hidden Draft Course" not in str(soup)


def test_each_kind_of_change_to_a_compared_career_shows_on_the_next_request(client, site):
    """Each career's column is kept between requests, until content next changes."""
    query = "?careers=analyst&careers=builder"
    for _ in range(2):  # the first request keeps the columns, the second reads them back
        assert row(page(client, query), "Salary")[0].startswith("£26,000–£80,000")

    figure = site.analyst.salary_figures.get()
    figure.minimum = 27_000
    figure.save()
    assert row(page(client, query), "Salary")[0].startswith("£27,000–£80,000")

    builder = CareerPage.objects.get(slug="builder")
    body = [dict(block) for block in builder.body.raw_data]
    body[0] = {**body[0], "value": {**body[0]["value"], "body": "<p>Stand-up with the <b>site</b> crew.</p>"}}
    builder.body = body
    builder.save_revision().publish()
    soup = page(client, query)
    assert row(soup, "Morning")[1] == "Stand-up with the site crew."
    assert soup.select_one("tr[data-row=day-morning] b").get_text() == "site"  # rich text, not escaped

    skill = Skill.objects.get(name="Statistics")
    skill.name = "Statistical modelling"
    skill.save()
    assert row(page(client, query), "Essential skills")[0].endswith("Statistical modelling")

    course = CoursePage.objects.get(slug="data-foundations")
    course.title = "Data Foundations Plus"
    course.save_revision().publish()
    assert row(page(client, query), "Courses that prepare you")[0].startswith("Data Foundations Plus")

    site.builder.unpublish()
    assert page(client, query).h1.get_text() == "Choose at least 2 careers to compare"


def test_a_kept_column_is_plain_data(site):
    """What is kept of each career unpickles without building a model, a queryset or a RichText."""
    career = with_comparison_data(CareerPage.objects.filter(slug="analyst")).get()
    kept = pickle.dumps(career_column(career))
    assert b"django" not in kept and b"wagtail" not in kept
    assert "Coffee and the overnight training runs." in pickle.loads(kept).day[0][1]  # noqa: S301 - our own bytes


# --------------------------------------------------------------------------- validation


def test_fewer_than_two_careers_leads_to_a_form_to_choose_more(client, site):
    soup = page(client, "?careers=analyst")
    assert soup.h1.get_text() == "Choose at least 2 careers to compare"
    assert "You chose only Analyst." in soup.select_one(".prose").get_text()
    assert soup.find("table") is None
    form = soup.find("form", action="/careers/compare/")
    assert form.find("input", value="analyst").has_attr("checked")
    assert [box["value"] for box in form.find_all("input", checked=False)] == [
        "builder",
        "checker",
        "dreamer",
    ]
    assert page(client, "").h1.get_text() == "Choose at least 2 careers to compare"


def test_more_than_four_keeps_the_first_four_asked_for_and_says_so(client, site):
    extra = CareerPageFactory(
        parent=site.analyst.get_parent(), title="Aardvark Keeper", slug="aardvark-keeper"
    )
    query = "?careers=dreamer,checker,builder,analyst,aardvark-keeper"
    soup = page(client, query)
    assert soup.h1.get_text() == "Compare 4 careers"
    assert (
        "You can compare up to 4 careers at a time, so we show the first 4. Left out: Aardvark Keeper."
        in (soup.get_text(" "))
    )
    assert extra.title not in soup.find("table").get_text()
    assert "You are comparing 4 careers, the most at once." in soup.get_text(" ")


def test_unknown_duplicate_and_malformed_slugs_are_named(client, site):
    soup = page(client, "?careers=analyst&careers=astronaut&careers=analyst&careers=builder&careers=<b>x</b>")
    text = soup.get_text(" ")
    assert soup.h1.get_text() == "Compare 2 careers"
    assert "We could not find careers called “<b>x</b>”, “astronaut”, so they are left out." in text
    assert "“analyst” was asked for more than once; it is compared once." in text
    assert "<b>x</b>" not in client.get(URL + "?careers=analyst&careers=<b>x</b>").content.decode()


@pytest.mark.parametrize("hide", ["restrict", "unpublish"])
def test_private_and_draft_careers_are_refused_as_if_they_did_not_exist(client, site, hide):
    secret = CareerPageFactory(parent=site.analyst.get_parent(), title="Secret Operative", slug="secret-op")
    restrict(secret) if hide == "restrict" else secret.unpublish()
    response = client.get(URL + "?careers=analyst&careers=secret-op&careers=builder")
    html = response.content.decode()
    assert "Compare 2 careers" in html
    assert "We could not find a career called “secret-op”, so it is left out." in html
    assert "Secret Operative" not in html  # neither a column nor an option to add
    choose = client.get(URL + "?careers=secret-op").content.decode()
    assert "Secret Operative" not in choose and "Choose at least 2 careers" in choose


# --------------------------------------------------------------------------- cost and search engines


def test_comparing_two_or_four_careers_costs_the_same_queries(client, site):
    two = URL + "?careers=analyst&careers=builder"
    four = URL + "?careers=analyst&careers=builder&careers=checker&careers=dreamer"
    client.get(four)  # warm per-process caches (site root paths)
    with CaptureQueriesContext(connection) as two_queries:
        assert client.get(two).status_code == 200
    with CaptureQueriesContext(connection) as four_queries:
        response = client.get(four)
    assert "Compare 4 careers" in response.content.decode()
    assert len(four_queries) == len(two_queries), [q["sql"][:90] for q in four_queries.captured_queries]


def test_kept_from_search_engines_like_the_course_comparison(client, site):
    for query in ("?careers=analyst&careers=builder", "?careers=analyst"):
        response = client.get(URL + query)
        tags = meta(response)
        assert tags["robots"] == "noindex, follow"
        assert tags["canonical"] == "http://testserver/careers/compare/"
        assert [document["@type"] for document in json_ld(response)] == ["BreadcrumbList"]
    assert meta(client.get(URL + "?careers=analyst&careers=builder"))["title"].startswith("Compare 2 careers")


def test_add_a_career_lists_every_other_public_career_once_a_to_z_escaped(client, site, career_index):
    CareerPageFactory(parent=career_index, title="Data <b>& Analytics", slug="data-analytics")
    draft = CareerPageFactory(parent=career_index, title="Drafted", slug="drafted")
    draft.unpublish()
    soup = page(client, "?careers=checker&careers=analyst")
    select = soup.find("select", id="add-career")
    options = [(option["value"], option.get_text()) for option in select.find_all("option")]
    slugs = [slug for slug, _title in options]
    assert "checker" not in slugs and "analyst" not in slugs and "drafted" not in slugs
    assert ("data-analytics", "Data <b>& Analytics") in options
    assert [title.lower() for _slug, title in options] == sorted(title.lower() for _slug, title in options)
    assert "<b>&" not in str(select)  # the title is escaped, not markup
