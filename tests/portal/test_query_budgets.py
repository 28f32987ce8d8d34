"""Every public page type renders in a fixed, small number of queries once warm (the page cache off),
the same for the demo catalogue and for one three times its size (README, Measurements).

A student pays for a render wherever the page cache cannot help: every filtered list, search and
comparison, and the first view after each publish. The budgets: a career at most 6, every other
page type at most 8.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from careers.factories import CareerPageFactory, CareerSkillFactory, SalaryFigureFactory
from careers.models import CareerIndexPage, CareerPage
from courses.factories import CoursePageFactory
from courses.models import CourseIndexPage, CoursePage
from portal import content_version

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

BUDGETS = {
    "home": 8,
    "career": 6,
    "career in a region": 6,
    "careers list, filtered": 8,
    "career comparison": 8,
    "course": 8,
    "course list": 8,
    "2 courses compared": 8,
    "16 courses compared": 8,
    "search": 8,
}


def page_urls() -> dict[str, str]:
    """One address of each public page type in the catalogue, as the site links to them."""
    careers = CareerPage.objects.live().public().order_by("path")
    career = careers.first()
    career_index = CareerIndexPage.objects.get()
    compared = sorted(careers.values_list("slug", flat=True)[:3])
    course_index = CourseIndexPage.objects.get()
    slugs = list(CoursePage.objects.live().public().order_by("path").values_list("slug", flat=True)[:16])
    return {
        "home": "/",
        "career": career.url,
        "career in a region": career.url + "?region=london",
        "careers list, filtered": f"{career_index.url}?sector={career.sector.slug}",
        "career comparison": career_index.url + "compare/?" + "&".join(f"careers={s}" for s in compared),
        "course": CoursePage.objects.live().public().order_by("path").first().url,
        "course list": course_index.url,
        "2 courses compared": course_index.url + "compare/?courses=" + ",".join(slugs[:2]),
        "16 courses compared": course_index.url + "compare/?courses=" + ",".join(slugs),
        "search": "/search/?q=" + career.title.split()[0],
    }


def warm_queries(client: Client, urls: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, url in urls.items():
        for _ in range(2):  # the first render fills the caches
            assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[name] = len(queries)
    return counts


def grow_catalogue(times: int) -> None:
    """``times`` the demo's careers and courses more, each career with a figure and a skill and each
    course linked to careers and skills, published as editors publish (the content version moves)."""
    career_index = CareerIndexPage.objects.get()
    course_index = CourseIndexPage.objects.get()
    sector = CareerPage.objects.exclude(sector=None).first().sector
    new_careers = []
    for n in range(CareerPage.objects.count() * times):
        career = CareerPageFactory(parent=career_index, title=f"Grown career {n:03d}", sector=sector)
        SalaryFigureFactory(career=career)
        skill = CareerSkillFactory(career=career).skill
        new_careers.append((career, skill))
    for n in range(CoursePage.objects.count() * times):
        career, skill = new_careers[n % len(new_careers)]
        CoursePageFactory(
            parent=course_index, title=f"Grown course {n:03d}", careers=[career], skills=[skill]
        )
    content_version.invalidate()


def test_every_page_type_keeps_its_budget_and_its_count_as_the_catalogue_triples():
    urls = page_urls()
    small = warm_queries(Client(), urls)
    over = {name: count for name, count in small.items() if count > BUDGETS[name]}
    assert not over, f"over budget {BUDGETS}: {over}"

    grow_catalogue(times=2)
    assert Page.objects.type(CareerPage).count() >= 30
    large = warm_queries(Client(), urls)
    assert large == small


@pytest.mark.parametrize("page_type", ["career", "course"])
def test_an_article_renders_without_a_query_once_warm(page_type):
    """Routing, the site, its settings, menu and footer, the article and its lists all come from the
    cache until content next changes."""
    url = page_urls()[page_type]
    assert warm_queries(Client(), {page_type: url}) == {page_type: 0}
