"""The cards of the careers list, the course list and search results, and the courses a comparison
shows, are kept between requests (portal/kept_cards.py, courses/course_selection.py): a published
change still shows on the very next request, a list that reuses kept cards makes no more queries
than its first render, and what one list ticked never shows in another."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from careers.factories import CareerPageFactory, SalaryFigureFactory, SectorFactory
from careers.models import CareerPage
from courses.factories import CoursePageFactory
from courses.models import CoursePage
from portal import content_version
from portal.kept_cards import CardLoader, CardRef

pytestmark = pytest.mark.django_db


@pytest.fixture
def career(career_index) -> CareerPage:
    page = CareerPageFactory(
        parent=career_index,
        title="Data Engineer",
        slug="data-engineer",
        summary="Builds data pipelines.",
        sector=SectorFactory(name="Data", slug="data"),
    )
    SalaryFigureFactory(career=page, region="UK", minimum=30_000, typical=50_000, maximum=80_000)
    return page


@pytest.fixture
def course(course_index, career) -> CoursePage:
    return CoursePageFactory(
        parent=course_index, title="Data Pipelines", slug="data-pipelines", careers=[career], price=1200
    )


def shown(client, url: str) -> str:
    """The page as a visitor sees it, asked twice so the second answer is made of kept cards."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("url", ["/careers/", "/careers/?sector=data", "/search/?q=data"])
def test_a_published_career_change_shows_in_its_card_on_the_next_request(client, career, url):
    assert "Builds data pipelines." in shown(client, url)
    career.summary = "Builds data platforms."
    career.save_revision().publish()
    html = client.get(url).content.decode()
    assert "Builds data platforms." in html
    assert "Builds data pipelines." not in html


def test_a_changed_salary_figure_shows_in_the_careers_list_on_the_next_request(client, career):
    assert "£50,000" in shown(client, "/careers/?sector=data")
    figure = career.salary_figures.get()
    figure.typical = 52_000
    figure.save()
    assert "£52,000" in client.get("/careers/?sector=data").content.decode()


def test_a_published_course_change_shows_in_its_card_on_the_next_request(client, course):
    assert "£1,200" in shown(client, "/courses/")
    course.price = 950
    course.title = "Data Pipelines in Practice"
    course.save_revision().publish()
    html = client.get("/courses/").content.decode()
    assert "£950" in html and "Data Pipelines in Practice" in html
    assert "£1,200" not in html
    course.unpublish()
    assert "Data Pipelines in Practice" not in client.get("/courses/").content.decode()


def test_a_course_ticked_in_one_list_is_not_ticked_in_another(client, course):
    ticked = shown(client, "/courses/?selected=data-pipelines")
    plain = shown(client, "/courses/")
    assert 'id="compare-data-pipelines" data-shortlist-checkbox data-title="Data Pipelines" checked' in ticked
    assert 'data-title="Data Pipelines" checked' not in plain


def test_a_compared_courses_career_change_shows_in_the_comparison_on_the_next_request(
    client, course, course_index, career
):
    CoursePageFactory(parent=course_index, title="SQL Basics", slug="sql-basics", careers=[career])
    url = "/courses/compare/?courses=data-pipelines,sql-basics"
    assert "£50,000, Data Engineer" in shown(client, url)
    figure = career.salary_figures.get()
    figure.typical = 56_000
    figure.save()
    assert "£56,000, Data Engineer" in client.get(url).content.decode()
    course.price = 700
    course.save_revision().publish()
    assert "£700" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/careers/?sector=data",
        "/courses/",
        "/search/?q=data",
        "/courses/compare/?courses=data-pipelines,sql-basics",
    ],
)
def test_a_list_of_kept_cards_makes_no_more_queries_than_its_first_render(
    client, course, course_index, career, url
):
    CoursePageFactory(parent=course_index, title="SQL Basics", slug="sql-basics", careers=[career])
    client.get(url)  # the site, its settings and the routes are kept, so only the cards are new
    career.save_revision().publish()  # a new content version: nothing kept any more
    client.get("/")
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as kept:
        assert client.get(url).status_code == 200
    assert len(kept) <= len(first)


def test_what_is_kept_is_loaded_again_only_after_content_changes():
    loads: list[list[str]] = []

    def load(names: list[str]) -> dict[str, str]:
        loads.append(names)
        return {name: f"{name} as loaded {len(loads)}" for name in names}

    assert content_version.remember_many("test-held", ["a"], load) == {"a": "a as loaded 1"}
    assert content_version.remember_many("test-held", ["a", "b"], load) == {
        "a": "a as loaded 1",
        "b": "b as loaded 2",
    }
    content_version.invalidate()
    assert content_version.remember_many("test-held", ["a"], load) == {"a": "a as loaded 3"}


def test_the_course_lists_kept_head_names_a_newly_published_course_and_ignores_filters(
    client, course, course_index
):
    filtered = shown(client, "/courses/?sort=price").split("</head>")[0]
    canonical = f'<link rel="canonical" href="{course_index.get_full_url()}">'
    assert canonical in filtered
    new = CoursePageFactory(parent=course_index, title="Stream Processing", slug="stream-processing")
    head = client.get("/courses/").content.decode().split("</head>")[0]
    assert canonical in head
    assert new.get_full_url() in head


@pytest.mark.parametrize("url", ["/careers/", "/careers/?sector=data", "/courses/", "/search/?q=data"])
def test_a_page_restricted_after_a_list_showed_it_leaves_the_list_on_the_next_request(
    client, career, course, url
):
    """Lists read whether any view restriction exists once per content version
    (portal/visibility.py): the first restriction on a site must still hide its page at once."""
    assert "Data Engineer" in shown(client, url) or "Data Pipelines" in shown(client, url)
    PageViewRestriction.objects.create(
        page=career, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    html = client.get(url).content.decode()
    assert "Data Engineer" not in html
    assert "Data Pipelines" not in html


def test_a_card_whose_page_went_between_the_list_and_its_loader_shows_nothing_and_is_not_kept():
    """A list reads its cards' ids first (CardRef); a page deleted before the loader fetched it
    leaves no card, and nothing is kept for it."""
    template = Template(
        '{% load portal_tags %}{% cards "careers/includes/compare_check.html" items "career" load=load %}'
    )
    loads: list[list[int]] = []

    def load(items: list[CardRef]) -> list[object | None]:
        loads.append([item.pk for item in items])
        return [None if item.pk == 2 else CardRef(item.pk, slug=f"c{item.pk}", title="T") for item in items]

    def render() -> str:
        context = Context({"request": RequestFactory().get("/"), "items": [CardRef(1), CardRef(2)]})
        context["load"] = CardLoader(load)
        return template.render(context)

    html = render()
    assert 'value="c1"' in html and 'value="c2"' not in html
    assert render() == html
    assert loads == [[1, 2], [2]]
