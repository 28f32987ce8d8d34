"""Private pages stay private: a career or course under a view restriction (password, sign-in or
groups, on the page or on any page above it) shows nowhere the public can look, not even as a
title in a list, a salary in a comparison, a link on another page or an id in the API.

Every test has a public career beside the private ones and checks that it still shows, so a
test cannot pass by showing nothing at all.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from careers.factories import (
    CareerIndexPageFactory,
    CareerPageFactory,
    CareerSkillFactory,
    ProgressionStepFactory,
    RelatedCareerFactory,
    SalaryFigureFactory,
    SalarySourceFactory,
    SectorFactory,
    SkillFactory,
)
from careers.models import CareerPage
from courses.factories import CoursePageFactory
from portal.factories import StandardPageFactory
from portal.models import HomePageFeaturedCareer, HomePageFeaturedCourse
from portal.visibility import public_pages
from tests.careers.test_admin import career_form
from tests.portal.jsonld import json_ld, json_ld_of_type

pytestmark = pytest.mark.django_db

PASSWORD = "letmein-2026"
# What the public career shows, so each test can see the surface is not simply empty.
PUBLIC_TEXT = ("Data Analyst", "Turns raw numbers into decisions.", "£41,500")
# The restricted career: its title, summary and salary must appear nowhere.
PRIVATE_TEXT = ("Secret Operative", "secret-operative", "Works where nobody may look.", "88,800", "88800")
# A career that is not restricted itself but sits under a restricted section.
PARTNER_TEXT = ("Partner Liaison", "partner-liaison", "Only partners should read this.", "66,600", "66600")


def restrict(page: Page, kind: str = PageViewRestriction.PASSWORD) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=PASSWORD if kind == PageViewRestriction.PASSWORD else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name="Partners")[0]])
    return restriction


def career(parent: Page, title: str, summary: str, typical: int, **kwargs) -> CareerPage:
    page = CareerPageFactory(parent=parent, title=title, summary=summary, **kwargs)
    SalaryFigureFactory(
        career=page,
        minimum=typical - 10_000,
        typical=typical,
        maximum=typical + 10_000,
        source=SalarySourceFactory(name="ONS ASHE 2025"),
    )
    return page


def assert_private_hidden(text: str, echoed_slugs: bool = False) -> None:
    """None of the private careers' text; with ``echoed_slugs``, a slug the visitor typed may be
    quoted back in a "not found" message, but nothing the slug did not already tell them."""
    for hidden in PRIVATE_TEXT + PARTNER_TEXT:
        if echoed_slugs and hidden in ("secret-operative", "partner-liaison"):
            continue
        assert hidden not in text, f"{hidden!r} leaked"


def assert_public_shown(text: str, *shown: str) -> None:
    for expected in shown or PUBLIC_TEXT[:1]:
        assert expected in text, f"{expected!r} missing"


@pytest.fixture(autouse=True)
def cold_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def skills(db):
    return {name: SkillFactory(name=name) for name in ("SQL", "Lock picking")}


@pytest.fixture
def public_career(career_index, skills):
    page = career(career_index, "Data Analyst", "Turns raw numbers into decisions.", 41_500)
    CareerSkillFactory(career=page, skill=skills["SQL"])
    return page


@pytest.fixture
def sibling(career_index):
    return career(career_index, "Data Engineer", "Builds the pipelines analysts use.", 47_000)


@pytest.fixture
def private_career(career_index, skills):
    """Restricted itself (password), in a sector and with a skill no public career has."""
    page = career(
        career_index,
        "Secret Operative",
        "Works where nobody may look.",
        88_800,
        sector=SectorFactory(name="Covert work", slug="covert-work"),
    )
    CareerSkillFactory(career=page, skill=skills["Lock picking"])
    restrict(page)
    return page


@pytest.fixture
def partner_career(home_page):
    """Not restricted itself: the section above it is (signed-in users only)."""
    section = CareerIndexPageFactory(parent=home_page, title="Partner careers", slug="partner-careers")
    restrict(section, PageViewRestriction.LOGIN)
    return career(section, "Partner Liaison", "Only partners should read this.", 66_600)


@pytest.fixture
def all_careers(public_career, sibling, private_career, partner_career):
    return public_career, sibling, private_career, partner_career


@pytest.fixture
def courses(course_index, all_careers, skills):
    public, sibling, private, partner = all_careers
    first = CoursePageFactory(
        parent=course_index,
        title="Data Foundations",
        slug="data-foundations",
        careers=[public, private, partner],
        skills=[skills["SQL"], skills["Lock picking"]],
    )
    second = CoursePageFactory(
        parent=course_index, title="Cloud Basics", slug="cloud-basics", careers=[sibling, private]
    )
    return first, second


@pytest.fixture
def private_course(course_index, public_career):
    course = CoursePageFactory(
        parent=course_index,
        title="Covert Methods",
        slug="covert-methods",
        summary="A course for insiders only.",
        careers=[public_career],
    )
    restrict(course)
    return course


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


@pytest.fixture
def linked_career(public_career, sibling, private_career, partner_career):
    """The public career links to its public sibling and to both private careers."""
    for order, related in enumerate((private_career, sibling, partner_career)):
        RelatedCareerFactory(career=public_career, related=related, sort_order=order)
    ProgressionStepFactory(career=public_career, title="Lead investigator", linked_career=private_career)
    ProgressionStepFactory(career=public_career, title="Partner lead", linked_career=partner_career)
    ProgressionStepFactory(career=public_career, title="Pipeline lead", linked_career=sibling)
    return public_career


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


# --------------------------------------------------------------------------- search engines


def test_sitemap_lists_no_private_page(client, all_careers, courses, private_course):
    response = client.get("/sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    document = ET.fromstring(response.content)  # noqa: S314 - our own sitemap, in a test
    urls = {loc.text for loc in document.findall("s:url/s:loc", namespace)}
    assert "http://localhost/careers/data-analyst/" in urls
    assert "http://localhost/courses/data-foundations/" in urls
    assert not [url for url in urls if "secret" in url or "partner" in url or "covert" in url]


def test_structured_data_names_no_private_page(client, all_careers, courses, private_course):
    course_list = json_ld_of_type(client.get("/courses/"), "ItemList")
    names = [item["name"] for item in course_list["itemListElement"]]
    assert names == ["Cloud Basics", "Data Foundations"]
    for url in ("/", "/courses/", "/courses/data-foundations/", "/careers/", "/careers/data-analyst/"):
        documents = json.dumps(json_ld(client.get(url)))
        assert_private_hidden(documents)
        assert "Covert Methods" not in documents


# --------------------------------------------------------------------------- API


def api(client, path: str, **params) -> dict:
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_api_lists_no_private_page(client, all_careers, courses, private_course):
    careers = api(client, "/api/v2/pages/", type="careers.CareerPage", fields="summary,salary_figures")
    assert {item["title"] for item in careers["items"]} == {"Data Analyst", "Data Engineer"}
    everything = json.dumps(api(client, "/api/v2/pages/", limit=20))
    assert_private_hidden(everything)
    assert "Covert Methods" not in everything and "Partner careers" not in everything
    searched = json.dumps(
        api(client, "/api/v2/pages/", search="operative partners covert", search_operator="or")
    )
    assert_private_hidden(searched)


def test_api_course_careers_field_lists_only_public_careers(client, courses):
    listing = api(client, "/api/v2/pages/", type="courses.CoursePage", fields="careers")
    careers = {item["title"]: [c["title"] for c in item["careers"]] for item in listing["items"]}
    assert careers == {"Data Foundations": ["Data Analyst"], "Cloud Basics": ["Data Engineer"]}
    detail = api(client, f"/api/v2/pages/{courses[0].pk}/")
    assert [c["title"] for c in detail["careers"]] == ["Data Analyst"]
    assert_private_hidden(json.dumps(detail))


def test_api_career_detail_links_only_to_public_pages(client, linked_career, sibling, private_course):
    detail = api(client, f"/api/v2/pages/{linked_career.pk}/")
    assert [c["title"] for c in detail["related_careers"]] == ["Data Engineer"]
    steps = {step["title"]: step["linked_career"] for step in detail["progression"]}
    assert steps["Lead investigator"] is None and steps["Partner lead"] is None
    assert steps["Pipeline lead"]["id"] == sibling.pk
    assert detail["courses"] == []
    assert_private_hidden(json.dumps(detail))
    listing = api(client, "/api/v2/pages/", type="careers.CareerPage", fields="related_careers,progression")
    assert_private_hidden(json.dumps(listing))


def test_api_refuses_a_private_page_even_to_a_visitor_who_knows_its_password(client, private_career):
    restriction = private_career.get_view_restrictions().get()
    login = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, private_career.pk])
    client.post(login, {"password": PASSWORD, "return_url": "/careers/secret-operative/"})
    # The page itself opens for them, as Wagtail intends ...
    assert "Works where nobody may look." in client.get("/careers/secret-operative/").content.decode()
    # ... but the API gives public pages only, to everyone.
    assert client.get(f"/api/v2/pages/{private_career.pk}/").status_code == 404
    listing = api(client, "/api/v2/pages/", type="careers.CareerPage")
    assert "Secret Operative" not in json.dumps(listing)


# --------------------------------------------------------------------------- page cache (finding 4)


def test_restricting_a_cached_page_takes_effect_on_the_next_request(client, page_cache_on, public_career):
    client.get("/careers/data-analyst/")
    client.get("/careers/")
    assert client.get("/careers/data-analyst/")["X-Page-Cache"] == "hit"
    assert client.get("/careers/")["X-Page-Cache"] == "hit"

    restriction = restrict(public_career)

    response = client.get("/careers/data-analyst/")
    assert response.get("X-Page-Cache") != "hit"
    html = response.content.decode()
    assert 'name="password"' in html and "Turns raw numbers into decisions." not in html
    assert "Data Analyst" not in client.get("/careers/").content.decode()

    restriction.delete()
    assert "Turns raw numbers into decisions." in client.get("/careers/data-analyst/").content.decode()


def test_making_a_page_private_in_the_admin_empties_the_page_cache(
    client, admin_client, page_cache_on, public_career
):
    client.get("/careers/data-analyst/")
    assert client.get("/careers/data-analyst/")["X-Page-Cache"] == "hit"

    url = reverse("wagtailadmin_pages:set_privacy", args=[public_career.pk])
    admin_client.post(url, {"restriction_type": "password", "password": PASSWORD})
    assert PageViewRestriction.objects.filter(page=public_career).exists()

    html = client.get("/careers/data-analyst/").content.decode()
    assert 'name="password"' in html and "Turns raw numbers into decisions." not in html

    admin_client.post(url, {"restriction_type": "none"})
    assert not PageViewRestriction.objects.filter(page=public_career).exists()
    assert "Turns raw numbers into decisions." in client.get("/careers/data-analyst/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/careers/",
        "/sitemap.xml",
        "/courses/data-foundations/",
        "/courses/compare/?courses=data-foundations,cloud-basics",
        "/courses/compare/csv/?courses=data-foundations,cloud-basics",
    ],
)
def test_every_cached_surface_forgets_a_career_once_it_is_made_private(
    client, page_cache_on, home_page, courses, public_career, url
):
    HomePageFeaturedCareer.objects.create(home=home_page, page=public_career, sort_order=0)
    client.get(url)
    cached = client.get(url)
    assert cached["X-Page-Cache"] == "hit"
    assert "data-analyst" in cached.content.decode() or "Data Analyst" in cached.content.decode()

    restrict(public_career.get_parent(), PageViewRestriction.GROUPS)

    text = client.get(url).content.decode()
    assert "Data Analyst" not in text and "data-analyst" not in text and "41,500" not in text
