"""Private pages stay out of what machines read (the sitemap, JSON-LD, the API) and out of
the page cache the moment a restriction is set."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from portal.models import HomePageFeaturedCareer
from tests.portal.jsonld import json_ld, json_ld_of_type
from tests.portal.private_pages.site import (
    PASSWORD,
    assert_private_hidden,
    restrict,
)

pytestmark = pytest.mark.django_db


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
