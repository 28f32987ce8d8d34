"""What search engines and link previews see: titles, descriptions, canonical URLs, Open
Graph and Twitter cards, breadcrumbs on every page, the sitemap and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import wagtail_factories
from django.core.cache import cache

from careers.factories import CareerPageFactory
from courses.factories import CoursePageFactory
from portal.factories import StandardPageFactory
from portal.templatetags.seo_tags import DEFAULT_DESCRIPTION
from tests.portal.jsonld import json_ld, json_ld_of_type, meta

pytestmark = pytest.mark.django_db


def test_title_and_description_default_to_the_page_title_and_summary(client, career_index):
    CareerPageFactory(parent=career_index, title="Nurse", slug="nurse", summary="Cares for patients.")

    tags = meta(client.get("/careers/nurse/"))

    assert tags["title"].startswith("Nurse | ")
    assert tags["description"] == "Cares for patients."
    assert tags["og:title"] == tags["twitter:title"] == "Nurse"
    assert tags["og:description"] == tags["twitter:description"] == "Cares for patients."


def test_title_and_description_come_from_the_promote_tab_when_set(client, career_index):
    career = CareerPageFactory(
        parent=career_index, title="Nurse", slug="nurse", summary="Cares for patients."
    )
    career.seo_title = "Become a nurse: a day on the ward"
    career.search_description = "What nurses do all day, what they earn and how to train."
    career.save_revision().publish()

    tags = meta(client.get("/careers/nurse/"))

    assert tags["title"].startswith("Become a nurse: a day on the ward | ")
    assert tags["description"] == "What nurses do all day, what they earn and how to train."
    assert tags["og:title"] == "Become a nurse: a day on the ward"
    assert tags["twitter:description"] == "What nurses do all day, what they earn and how to train."


def test_standard_page_uses_its_intro_and_home_its_hero_text(client, home_page):
    StandardPageFactory(parent=home_page, title="About us", slug="about", intro="Who runs this site.")

    assert meta(client.get("/about/"))["description"] == "Who runs this site."
    assert meta(client.get("/"))["og:description"] == home_page.hero_intro


def test_canonical_url_drops_the_query_string(client, career_index):
    CareerPageFactory(parent=career_index, title="Nurse", slug="nurse")

    tags = meta(client.get("/careers/nurse/", {"utm_source": "newsletter"}))

    assert tags["canonical"] == "http://localhost/careers/nurse/"
    assert tags["og:url"] == "http://localhost/careers/nurse/"


def test_without_a_hero_image_the_default_card_image_is_used(client, career_index):
    CareerPageFactory(parent=career_index, title="Nurse", slug="nurse")

    response = client.get("/careers/nurse/")
    tags = meta(response)

    assert tags["og:image"] == "http://testserver/static/img/og-default.png"
    assert tags["twitter:image"] == tags["og:image"]
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["twitter:card"] == "summary_large_image"
    assert client.get("/static/img/og-default.png").status_code == 200


def test_the_hero_image_is_the_card_image_when_there_is_one(client, career_index):
    image = wagtail_factories.ImageFactory(title="Nurse at work", file__width=1600, file__height=900)
    CareerPageFactory(parent=career_index, title="Nurse", slug="nurse", hero_image=image)

    tags = meta(client.get("/careers/nurse/"))

    assert tags["og:image"].startswith("http://testserver/media/images/")
    assert tags["og:image"].endswith(".jpg")
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"] == "Nurse at work"
    assert tags["twitter:image"] == tags["og:image"]


def test_a_broken_hero_image_falls_back_to_the_default(client, career_index):
    cache.clear()  # Wagtail caches renditions by image id, and ids come round again between tests.
    image = wagtail_factories.ImageFactory(title="Gone")
    image.file.storage.delete(image.file.name)
    CareerPageFactory(parent=career_index, title="Nurse", slug="nurse", hero_image=image)

    response = client.get("/careers/nurse/")

    assert response.status_code == 200
    assert meta(response)["og:image"].endswith("/static/img/og-default.png")


@pytest.mark.parametrize(
    "path", ["/", "/about/", "/careers/", "/careers/nurse/", "/courses/", "/search/?q=nurse"]
)
def test_every_page_has_a_breadcrumb_list_and_social_tags(
    client, home_page, career_index, course_index, path
):
    StandardPageFactory(parent=home_page, title="About us", slug="about")
    CareerPageFactory(parent=career_index, title="Nurse", slug="nurse")

    response = client.get(path)

    assert response.status_code == 200
    crumbs = json_ld_of_type(response, "BreadcrumbList")["itemListElement"]
    assert crumbs[0] == {"@type": "ListItem", "position": 1, "name": "Home", "item": "http://localhost/"}
    assert [item["position"] for item in crumbs] == list(range(1, len(crumbs) + 1))
    tags = meta(response)
    for key in ("canonical", "og:title", "og:description", "og:image", "og:url", "twitter:card"):
        assert tags.get(key), f"{key} missing on {path}"


def test_search_page_breadcrumb_and_robots(client, home_page):
    response = client.get("/search/", {"q": "nurse"})

    crumbs = json_ld_of_type(response, "BreadcrumbList")["itemListElement"]
    assert [(item["name"], item["item"]) for item in crumbs] == [
        ("Home", "http://localhost/"),
        ("Search", "http://testserver/search/"),
    ]
    assert meta(response)["robots"] == "noindex, follow"
    assert meta(response)["canonical"] == "http://testserver/search/"


def test_not_found_page_has_no_canonical_or_structured_data(client, home_page):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "canonical" not in meta(response)
    assert json_ld(response) == []


def test_default_description_when_a_page_has_nothing_to_say(client, home_page):
    StandardPageFactory(parent=home_page, title="Blank", slug="blank", intro="")

    assert meta(client.get("/blank/"))["description"] == DEFAULT_DESCRIPTION


def sitemap_urls(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    document = ET.fromstring(response.content)  # noqa: S314 - our own sitemap, in a test
    return {loc.text for loc in document.findall("s:url/s:loc", namespace)}


def test_sitemap_lists_every_live_career_and_course_and_no_draft(client, career_index, course_index):
    for number in range(3):
        CareerPageFactory(parent=career_index, title=f"Live career {number}")
        CoursePageFactory(parent=course_index, title=f"Live course {number}")
    CareerPageFactory(parent=career_index, title="Draft career", live=False)
    CoursePageFactory(parent=course_index, title="Draft course", live=False)
    withdrawn = CareerPageFactory(parent=career_index, title="Withdrawn career")
    withdrawn.unpublish()

    urls = sitemap_urls(client)

    for number in range(3):
        assert f"http://localhost/careers/live-career-{number}/" in urls
        assert f"http://localhost/courses/live-course-{number}/" in urls
    assert "http://localhost/careers/draft-career/" not in urls
    assert "http://localhost/courses/draft-course/" not in urls
    assert "http://localhost/careers/withdrawn-career/" not in urls
    assert {"http://localhost/", "http://localhost/careers/", "http://localhost/courses/"} <= urls


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client, home_page):
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
