"""Private pages stay private: a career or course under a view restriction (password, sign-in or
groups, on the page or on any page above it) shows nowhere the public can look, not even as a
title in a list, a salary in a comparison, a link on another page or an id in the API.

Every test has a public career beside the private ones and checks that it still shows, so a
test cannot pass by showing nothing at all.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from careers.factories import (
    CareerIndexPageFactory,
    CareerPageFactory,
    SalarySourceFactory,
    SectorFactory,
    SkillFactory,
)
from courses.factories import CoursePageFactory
from portal.factories import StandardPageFactory
from portal.models import HomePageFeaturedCareer, HomePageFeaturedCourse
from portal.visibility import public_pages
from tests.careers.test_admin import career_form
from tests.portal.private_pages.site import (
    PUBLIC_TEXT,
    assert_private_hidden,
    assert_public_shown,
    restrict,
)

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- the rule


def test_the_rule_matches_wagtails_public_for_every_kind_of_restriction_and_depth(home_page):
    index = CareerIndexPageFactory(parent=home_page)
    open_page = CareerPageFactory(parent=index, title="Open")
    by_password = CareerPageFactory(parent=index, title="By password")
    restrict(by_password)
    by_group = CareerPageFactory(parent=index, title="By group")
    restrict(by_group, PageViewRestriction.GROUPS)
    section = StandardPageFactory(parent=home_page, title="Members", slug="members")
    restrict(section, PageViewRestriction.LOGIN)
    below = StandardPageFactory(parent=section, title="Below", slug="below")
    # A sibling whose path starts like the restricted section's must not be caught by it.
    draft = CareerPageFactory(parent=index, title="Draft", live=False)

    ours = set(public_pages(Page.objects.all()).values_list("pk", flat=True))
    wagtails = set(Page.objects.live().public().values_list("pk", flat=True))

    assert ours == wagtails
    assert open_page.pk in ours and index.pk in ours and home_page.pk in ours
    assert not {by_password.pk, by_group.pk, section.pk, below.pk, draft.pk} & ours


def test_the_rule_costs_no_query_however_many_restrictions_there_are(client, career_index, public_career):
    client.get("/careers/")  # warm: site root paths, settings
    with CaptureQueriesContext(connection) as none_restricted:
        assert client.get("/careers/").status_code == 200
    for number in range(3):
        restrict(CareerPageFactory(parent=career_index, title=f"Hidden {number}"))
    client.get("/careers/")
    with CaptureQueriesContext(connection) as three_restricted:
        response = client.get("/careers/")
    assert len(three_restricted) == len(none_restricted)
    assert "Hidden" not in response.content.decode()


# --------------------------------------------------------------------------- careers list


def test_careers_list_filters_and_a_to_z_leave_private_careers_out(client, all_careers):
    html = client.get("/careers/").content.decode()
    assert_public_shown(html, *PUBLIC_TEXT, "Data Engineer")
    assert_private_hidden(html)
    # No letter link leads to them, and no filter option names what only they have.
    assert "letter=S" not in html and "letter=P" not in html
    assert "Covert work" not in html and "Lock picking" not in html
    assert "2 careers" in html


def test_careers_list_search_and_salary_filter_find_no_private_career(client, all_careers):
    for query in ("?q=operative", "?q=partners", "?salary_min=60000", "?letter=S"):
        html = client.get("/careers/" + query).content.decode()
        assert_private_hidden(html)
        assert "No careers match" in html
    assert_public_shown(client.get("/careers/?q=analyst").content.decode(), *PUBLIC_TEXT)


# --------------------------------------------------------------------------- site search


@pytest.mark.parametrize("query", ["operative", "partners", "nobody", "liaison"])
def test_site_search_never_finds_a_private_page(client, all_careers, query):
    html = client.get("/search/", {"q": query}).content.decode()
    assert_private_hidden(html)


def test_site_search_still_finds_the_public_sibling(client, all_careers):
    html = client.get("/search/", {"q": "data"}).content.decode()
    assert_public_shown(html, "Data Analyst", "Data Engineer", "£41,500")
    assert_private_hidden(html)


def test_site_search_skips_a_restricted_course(client, private_course, all_careers):
    html = client.get("/search/", {"q": "covert"}).content.decode()
    assert "Covert Methods" not in html and "insiders" not in html


# --------------------------------------------------------------------------- courses


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]
)
def test_course_page_lists_only_public_careers(client, courses, private_career, kind):
    private_career.get_view_restrictions().delete()
    restrict(private_career, kind)
    html = client.get("/courses/data-foundations/").content.decode()
    assert_public_shown(html, "Data Analyst", "£41,500")
    assert_private_hidden(html)


def test_course_list_and_its_career_filter_offer_only_public_careers(client, courses):
    html = client.get("/courses/").content.decode()
    assert_public_shown(html, "Data Analyst", "Data Foundations")
    assert_private_hidden(html)
    refused = client.get("/courses/", {"career": "secret-operative"}).content.decode()
    assert "secret-operative is not one of the available choices" in refused
    assert_private_hidden(refused, echoed_slugs=True)


def test_a_restricted_course_is_neither_listed_nor_comparable(client, courses, private_course):
    html = client.get("/courses/").content.decode()
    assert "Data Foundations" in html and "Covert Methods" not in html
    compare = client.get("/courses/compare/", {"courses": "data-foundations,covert-methods"})
    assert "Covert Methods" not in compare.content.decode()
    assert "We could not find a course called “covert-methods”" in compare.content.decode()


def test_comparison_shows_no_private_career_nor_its_coverage(client, courses):
    html = client.get("/courses/compare/?courses=data-foundations,cloud-basics").content.decode()
    assert_public_shown(html, "Data Analyst", "Data Engineer", "£41,500")
    assert_private_hidden(html)

    asked = client.get("/courses/compare/?courses=data-foundations,cloud-basics&career=secret-operative")
    html = asked.content.decode()
    assert "We could not find a career called “secret-operative”" in html
    assert "Coverage of" not in html and "Lock picking" in html  # taught, but no private coverage row
    assert_private_hidden(html, echoed_slugs=True)


def test_comparison_csv_shows_no_private_career_nor_its_coverage(client, courses):
    for query in ("", "&career=secret-operative", "&career=partner-liaison"):
        response = client.get(f"/courses/compare/csv/?courses=data-foundations,cloud-basics{query}")
        assert response["Content-Type"].startswith("text/csv")
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert any(row[1] == "Data Analyst" for row in rows)
        assert not any(row[0].startswith("Coverage of") for row in rows)
        assert_private_hidden(text)


def test_public_coverage_still_works_beside_private_careers(client, courses):
    html = client.get("/courses/compare/?courses=data-foundations,cloud-basics&career=data-analyst")
    assert "Coverage of Data Analyst" in html.content.decode()
    assert_private_hidden(html.content.decode())


# --------------------------------------------------------------------------- career pages


def test_career_page_links_only_to_public_careers(client, linked_career):
    html = client.get("/careers/data-analyst/").content.decode()
    assert_public_shown(html, *PUBLIC_TEXT, "Data Engineer", 'href="/careers/data-engineer/"')
    assert_private_hidden(html)
    # The steps keep the editor's title but no link to a private page.
    assert "Lead investigator" in html and "Partner lead" in html
    assert "/partner-careers/" not in html


def test_career_page_lists_only_public_courses(client, public_career, private_course, course_index):
    CoursePageFactory(
        parent=course_index, title="Open Analytics", slug="open-analytics", careers=[public_career]
    )
    html = client.get("/careers/data-analyst/").content.decode()
    assert "Open Analytics" in html
    assert "Covert Methods" not in html and "/courses/covert-methods/" not in html


def test_a_preview_links_only_to_public_careers(admin_client, career_index, sibling, private_career):
    data = career_form(
        SalarySourceFactory(),
        SectorFactory(),
        SkillFactory(name="Kubernetes"),
        {"minimum": "30000", "typical": "40000", "maximum": "50000"},
    )
    links = {
        "related_careers": inline_formset([{"related": private_career.pk}, {"related": sibling.pk}]),
        "linked_courses": inline_formset([]),
        "progression_steps": inline_formset(
            [{"title": "Lead investigator", "description": "", "linked_career": private_career.pk}]
        ),
    }
    data = {key: value for key, value in data.items() if not key.startswith(tuple(links))}
    data.update(nested_form_data(links))
    url = reverse("wagtailadmin_pages:preview_on_add", args=("careers", "careerpage", career_index.pk))
    assert admin_client.post(url, data).json()["is_valid"] is True
    html = admin_client.get(url).content.decode()
    assert "Data Engineer" in html and "Lead investigator" in html
    assert_private_hidden(html)


# --------------------------------------------------------------------------- home page


def test_home_page_features_only_public_pages(client, home_page, all_careers, courses, private_course):
    public, _sibling, private, partner = all_careers
    for order, page in enumerate((private, public, partner)):
        HomePageFeaturedCareer.objects.create(home=home_page, page=page, sort_order=order)
    for order, page in enumerate((private_course, courses[0])):
        HomePageFeaturedCourse.objects.create(home=home_page, page=page, sort_order=order)
    html = client.get("/").content.decode()
    assert_public_shown(html, "Data Analyst", "Turns raw numbers into decisions.", "Data Foundations")
    assert_private_hidden(html)
    assert "Covert Methods" not in html
