"""Routes in, hours a week and working pattern: what editors may enter, and the "At a glance"
panel and "Routes in" section readers see."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from careers.factories import (
    CareerPageFactory,
    CareerRouteFactory,
    CareerSkillFactory,
    SalaryFigureFactory,
    SkillFactory,
    working_patterns,
)
from careers.models import CareerPage, CareerRoute
from courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.careers.career_forms import add_url, career_form, preview_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def analyst(career_index, courses):
    """A career with salary, hours, two patterns, three skills and routes of four kinds."""
    page = CareerPageFactory(
        parent=career_index, title="Data Analyst", slug="data-analyst", hours_min=35, hours_max=40
    )
    page.working_patterns.set(working_patterns("hybrid", "office-hours"))
    page.working_patterns.commit()
    SalaryFigureFactory(career=page)
    sql, charts, python = (SkillFactory(name=name) for name in ("SQL", "Charts", "Python"))
    CareerSkillFactory(career=page, skill=sql)
    CareerSkillFactory(career=page, skill=charts)
    CareerSkillFactory(career=page, skill=python, importance="optional")
    # Teaches the optional skill and one essential; the other course teaches both essentials.
    CoursePageFactory(parent=courses, title="A Python Start", skills=[python, sql], careers=[page])
    analytics = CoursePageFactory(
        parent=courses, title="Data Analytics", skills=[sql, charts], careers=[page]
    )
    withdrawn = CoursePageFactory(parent=courses, title="Withdrawn Analytics", live=False)
    CareerRouteFactory(
        career=page, kind="university", title="A degree with numbers", link_url="https://www.ucas.com/"
    )
    CareerRouteFactory(career=page, course=analytics, entry_requirements="Confident with spreadsheets.")
    CareerRouteFactory(career=page, kind="apprenticeship", title="Level 4 apprenticeship")
    CareerRouteFactory(career=page, course=withdrawn)
    return page


def test_routes_in_come_ours_first_then_the_editors_order_without_unpublished_courses(analyst):
    routes = CareerPage.objects.get(pk=analyst.pk).routes_in()
    assert [route.name for route in routes] == [
        "Data Analytics",
        "A degree with numbers",
        "Level 4 apprenticeship",
    ]
    assert routes[0].is_ours and routes[0].get_kind_display() == "One of our courses"
    assert analyst.route_kinds() == ["One of our courses", "University", "Apprenticeship"]


def test_the_page_lists_the_routes_in_with_entry_requirements(client, analyst):
    html = client.get("/careers/data-analyst/").content.decode()
    section = html.split('id="routes-in"')[1].split("</section>")[0]
    assert section.index("Data Analytics") < section.index("A degree with numbers") < section.index("Level 4")
    assert f'<a href="/courses/data-analytics/?from={analyst.pk}">Data Analytics</a>' in section
    assert "<strong>Entry requirements:</strong> Confident with spreadsheets." in section
    assert '<a href="https://www.ucas.com/">Find out more' in section
    assert "Withdrawn Analytics" not in html


def test_at_a_glance_sums_the_career_up_beside_the_article(client, analyst):
    html = client.get("/careers/data-analyst/").content.decode()
    panel = html.split('<aside class="at-a-glance" aria-labelledby="at-a-glance-heading">')[1].split(
        "</aside>"
    )[0]
    assert '<h2 id="at-a-glance-heading"' in panel and "<dl" in panel
    assert "£28,000–£75,000" in panel and "UK average £45,000" in panel
    assert "<dt>Hours</dt><dd>35–40 hours a week</dd>" in panel
    assert "<dt>Working pattern</dt><dd>Office hours, Hybrid</dd>" in panel
    assert '<a href="#routes-in">One of our courses, University, Apprenticeship</a>' in panel
    assert "<dd>SQL, Charts</dd>" in panel  # essential skills only
    # The call to action is the course teaching most essential skills, not most skills in all.
    assert f'href="/courses/data-analytics/?from={analyst.pk}">See the Data Analytics course</a>' in panel
    assert "It teaches 2 of the 2 essential skills." in panel
    # The panel comes before the article, so on a phone it sits under the title.
    assert html.index('class="at-a-glance"') < html.index('class="career__body prose"')


def test_a_career_with_nothing_to_sum_up_has_no_panel(client, career_index):
    CareerPageFactory(parent=career_index, title="Bare", slug="bare")
    assert 'class="at-a-glance"' not in client.get("/careers/bare/").content.decode()


@pytest.mark.parametrize(
    ("low", "high", "message"),
    [(None, 40, "Give both ends"), (40, 35, "The most hours a week (35) is fewer than the fewest (40).")],
)
def test_hours_must_be_both_given_and_in_order(career_index, low, high, message):
    page = CareerPage(title="X", hours_min=low, hours_max=high)
    with pytest.raises(ValidationError) as refusal:
        page.clean()
    assert message in str(refusal.value)


@pytest.mark.parametrize(
    ("field", "value", "message"), [("hours_min", 0, "at least 1"), ("hours_max", 81, "at most 80")]
)
def test_hours_stay_within_a_plausible_week(field, value, message):
    with pytest.raises(ValidationError) as refusal:
        CareerPage._meta.get_field(field).run_validators(value)
    assert message in str(refusal.value)


@pytest.mark.parametrize(("low", "high"), [(45, 40), (0, 10), (10, 90), (None, 10)])
def test_the_database_refuses_hours_out_of_range_or_order(career_index, low, high):
    page = CareerPageFactory(parent=career_index)
    with pytest.raises(IntegrityError), transaction.atomic():
        CareerPage.objects.filter(pk=page.pk).update(hours_min=low, hours_max=high)


def test_a_route_through_our_courses_needs_its_course_and_only_it_names_one(analyst, courses):
    course = CoursePageFactory(parent=courses)
    cases = [
        (CareerRoute(kind="course", entry_requirements="None."), "Choose the course this route goes through"),
        (CareerRoute(kind="college", course=course, entry_requirements="None."), "Only a route of the kind"),
        (CareerRoute(kind="course", course=analyst, entry_requirements="None."), "Choose a course page."),
    ]
    for route, message in cases:
        with pytest.raises(ValidationError) as refusal:
            route.clean()
        assert message in refusal.value.message_dict["course"][0]
    with pytest.raises(ValidationError) as refusal:
        CareerRoute(kind="work", entry_requirements="   ").clean()
    assert "plain words" in refusal.value.message_dict["entry_requirements"][0]


@pytest.mark.parametrize("kind", ["course", "university"])
def test_the_database_keeps_course_routes_and_courses_together(analyst, courses, kind):
    course = None if kind == "course" else CoursePageFactory(parent=courses)
    with pytest.raises(IntegrityError), transaction.atomic():
        CareerRoute.objects.create(career=analyst, kind=kind, course=course, entry_requirements="x")


def test_deleting_a_course_deletes_its_routes(analyst):
    route = analyst.routes.get(kind="course", course__title="Data Analytics")
    route.course.delete()
    assert not CareerRoute.objects.filter(pk=route.pk).exists()


def test_an_editor_adds_hours_patterns_and_routes_on_their_tab(admin_client, career_index, courses):
    course = CoursePageFactory(parent=courses, title="First Response")
    html = admin_client.get(add_url(career_index)).content.decode()
    assert 'id="tab-label-at_a_glance_and_routes_in"' in html and 'id="tab-label-self_check"' in html
    assert "Each way people get into this career" in html
    patterns = working_patterns("shifts", "on-site")
    data = career_form(
        hours_min="37",
        hours_max="45",
        routes=[
            {
                "kind": "apprenticeship",
                "title": "",
                "entry_requirements": "GCSEs.",
                "course": "",
                "link_url": "",
            },
            {
                "kind": "course",
                "title": "",
                "entry_requirements": "None.",
                "course": course.pk,
                "link_url": "",
            },
        ],
    )
    data["working_patterns"] = [str(pattern.pk) for pattern in patterns]  # one checkbox each
    response = admin_client.post(add_url(career_index), {**data, "action-publish": "Publish"})
    assert response.status_code == 302, response.content.decode()[:3000]
    page = CareerPage.objects.get(slug="paramedic")
    assert (page.hours_text, [p.name for p in page.patterns_in_order()]) == (
        "37–45 hours a week",
        ["Shifts", "On site"],
    )
    assert [route.name for route in page.routes_in()] == ["First Response", "Apprenticeship"]


def test_the_editor_refuses_a_course_route_without_its_course_and_hours_out_of_order(
    admin_client, career_index
):
    data = career_form(
        hours_min="40",
        hours_max="30",
        routes=[{"kind": "course", "title": "", "entry_requirements": "None.", "course": "", "link_url": ""}],
    )
    response = admin_client.post(add_url(career_index), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose the course this route goes through" in html
    assert "The most hours a week (30) is fewer than the fewest (40)." in html
    assert not CareerPage.objects.filter(slug="paramedic").exists()


def test_a_preview_shows_unsaved_routes_ours_first(admin_client, career_index, courses):
    course = CoursePageFactory(parent=courses, title="First Response")
    draft = CoursePageFactory(parent=courses, title="Unpublished Course", live=False)
    route = {"title": "", "entry_requirements": "Requirements.", "link_url": ""}
    data = career_form(
        routes=[
            {**route, "kind": "volunteering", "course": ""},
            {**route, "kind": "course", "course": draft.pk},
            {**route, "kind": "course", "course": course.pk},
        ]
    )
    assert admin_client.post(preview_url(career_index), data).json()["is_valid"] is True
    html = admin_client.get(preview_url(career_index)).content.decode()
    section = html.split('id="routes-in"')[1]
    assert section.index("First Response") < section.index("Volunteering")
    assert "Unpublished Course" not in section


def test_the_comparison_gets_routes_and_patterns_of_many_careers_in_two_queries(career_index, analyst):
    for n in range(3):
        other = CareerPageFactory(parent=career_index)
        CareerRouteFactory.create_batch(n + 1, career=other)
    careers = CareerPage.objects.prefetch_related(*CareerPage.route_rows())
    with CaptureQueriesContext(connection) as queries:
        listed = list(careers)
        summary = [(c.route_kinds(), [p.slug for p in c.patterns_in_order()]) for c in listed]
    assert len(queries) == 3  # the careers, their routes (with courses), their patterns
    assert summary[0] == (["One of our courses", "University", "Apprenticeship"], ["office-hours", "hybrid"])
