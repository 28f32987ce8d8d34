"""Careers and courses linked from either editor: every surface shows both sides, each pair once,
public pages only, at the same query cost, and each editor shows the links the other side made."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset

from careers.factories import CareerPageFactory, CareerSkillFactory, SalaryFigureFactory, SkillFactory
from careers.models import CareerCourse
from courses.content_health import careers_without_course, courses_without_career
from courses.factories import CoursePageFactory
from courses.models import CourseCareer, CourseCareerLink
from tests.careers.career_forms import career_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def linked(career_index, course_index):
    """A career linked from its own editor, from the courses' editors and from both."""
    career = CareerPageFactory(parent=career_index, title="Data Analyst", slug="data-analyst")
    SalaryFigureFactory(career=career, minimum=25_000, typical=35_000, maximum=50_000)
    CareerSkillFactory(career=career, skill=SkillFactory(name="SQL"))
    course_side = CoursePageFactory(parent=course_index, title="Course-side course", careers=[career])
    both = CoursePageFactory(parent=course_index, title="Both-sides course", careers=[career])
    career_side = CoursePageFactory(parent=course_index, title="Career-side course")
    draft = CoursePageFactory(parent=course_index, title="Draft course")
    Page.objects.filter(pk=draft.pk).update(live=False)
    for order, course in enumerate([career_side, both, draft]):
        CareerCourse.objects.create(career=career, course=course, sort_order=order)
    return {"career": career, "course_side": course_side, "both": both, "career_side": career_side}


def test_each_pair_is_linked_once_whichever_side_made_it(linked):
    career = linked["career"]
    pairs = CourseCareerLink.objects.filter(career=career).values_list("course__title", flat=True)
    assert sorted(pairs) == ["Both-sides course", "Career-side course", "Course-side course", "Draft course"]


def test_the_career_page_lists_courses_from_both_sides_once(client, linked):
    html = client.get("/careers/data-analyst/").content.decode()
    section = html.split('id="courses-heading"')[1].split("</section>")[0]
    assert section.count("Both-sides course") == 1
    assert "Career-side course" in section and "Course-side course" in section
    assert "Draft course" not in html


def test_a_course_linked_only_from_the_career_leads_back_to_it(client, linked, course_index):
    html = client.get(linked["career_side"].url).content.decode()
    section = html.split('id="careers-heading"')[1]
    assert 'href="/careers/data-analyst/">Data Analyst</a>' in section
    listing = client.get("/courses/").content.decode()
    assert listing.count("Prepares for:</span> Data Analyst") == 3
    filtered = client.get("/courses/", {"career": "data-analyst"})
    titles = [course.title for course in filtered.context["courses"]]
    assert titles == ["Both-sides course", "Career-side course", "Course-side course"]


def test_comparisons_read_both_sides(client, linked, career_index):
    other = CareerPageFactory(parent=career_index, title="Data Engineer", slug="data-engineer")
    careers = client.get("/careers/compare/", {"careers": ["data-analyst", "data-engineer"]})
    rows = [row for group in careers.context["comparison"].groups for row in group.rows]
    row = next(row for row in rows if row.key == "courses")
    first_career_cell = row.cells.split("</td>")[0]
    shown = re.findall(r">([^<>]+ course)</a>", first_career_cell)
    assert shown == ["Both-sides course", "Career-side course", "Course-side course"]
    assert other.title in careers.content.decode()
    slugs = [linked["career_side"].slug, linked["course_side"].slug]
    courses = client.get("/courses/compare/", {"courses": slugs}).context["comparison"]
    group = next(group for group in courses.groups if group.key == "careers")
    assert [row.label for row in group.rows] == ["Data Analyst"]


def test_the_api_lists_both_sides_once(client, linked):
    career = client.get(f"/api/v2/pages/{linked['career'].pk}/").json()
    assert [course["title"] for course in career["courses"]] == [
        "Both-sides course",
        "Career-side course",
        "Course-side course",
    ]
    course = client.get(f"/api/v2/pages/{linked['career_side'].pk}/").json()
    assert [link["title"] for link in course["careers"]] == ["Data Analyst"]


def test_content_health_counts_links_from_either_side(client, staff, linked, career_index, course_index):
    lonely = CareerPageFactory(parent=career_index, title="Nobody links me")
    unlinked = CoursePageFactory(parent=course_index, title="Links nothing")
    assert list(careers_without_course()) == [lonely]
    assert list(courses_without_career()) == [unlinked]
    client.force_login(staff)
    html = client.get("/admin/comparison/content-health/").content.decode()
    broken = html[html.index('id="broken-course-links"') :]
    assert broken.count("“Draft course” prepares for it but readers cannot see the course") == 1


def test_the_dashboard_counts_each_career_once(client, staff, linked):
    client.force_login(staff)
    response = client.get("/admin/comparison/")
    rows = {course.title: course for course in response.context["object_list"]}
    assert rows["Both-sides course"].career_count == 1
    assert rows["Career-side course"].career_count == 1


def test_pages_cost_the_same_queries_however_many_links_come_from_each_side(
    client, career_index, course_index
):
    def career_with(count: int, title: str):
        career = CareerPageFactory(parent=career_index, title=title)
        for n in range(count):
            course = CoursePageFactory(parent=course_index, careers=[career] if n % 2 else [])
            if not n % 2:
                CareerCourse.objects.create(career=career, course=course)
        return career

    few, many = career_with(1, "Few links"), career_with(8, "Many links")
    costs = []
    for url in (few.url, many.url, "/courses/"):
        client.get(url)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        costs.append(len(queries))
    assert costs[0] == costs[1], costs
    career_with(6, "Even more links")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get("/courses/")
    assert len(queries) == costs[2]


def test_a_course_page_costs_the_same_however_many_careers_link_it_from_either_side(
    client, career_index, course_index
):
    def course_with(count: int):
        course = CoursePageFactory(parent=course_index)
        for n in range(count):
            career = CareerPageFactory(parent=career_index)
            SalaryFigureFactory(career=career)
            if n % 2:
                CareerCourse.objects.create(career=career, course=course)
            else:
                CourseCareer.objects.create(course=course, career=career)
        return course

    few, many = course_with(1), course_with(7)
    costs = []
    for course in (few, many):
        client.get(course.url)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            html = client.get(course.url).content.decode()
        costs.append(len(queries))
    assert costs[0] == costs[1], costs
    assert html.split('id="careers-heading"')[1].count('href="/careers/') == 7


def _career_form(career, courses: list, keep: bool = True) -> dict:
    """The career editor's form as it stands, with `courses` linked from the career's side after
    the links it has (or instead of them, without ``keep``)."""
    figure = career.salary_figures.get()
    row = {
        "id": figure.pk,
        "region": figure.region,
        "minimum": figure.minimum,
        "typical": figure.typical,
        "maximum": figure.maximum,
        "typical_kind": figure.typical_kind,
        "source": figure.source_id,
        "gathered_on": figure.gathered_on.isoformat(),
    }
    return career_form(
        title=career.title,
        slug=career.slug,
        summary=career.summary,
        sector=career.sector_id,
        salary_figures=inline_formset([row], initial=1),
        linked_courses=inline_formset(
            [
                {"id": link.pk, "course": link.course_id, "DELETE": "" if keep else "1"}
                for link in career.linked_courses.all()
            ]
            + [{"course": course.pk} for course in courses],
            initial=career.linked_courses.count(),
        ),
    )


def test_an_editor_links_a_course_from_the_career_and_sees_the_courses_links(
    client, superuser, linked, course_index
):
    career, new = linked["career"], CoursePageFactory(parent=course_index, title="New course")
    client.force_login(superuser)
    edit = client.get(f"/admin/pages/{career.pk}/edit/").content.decode()
    assert "Courses that prepare for this career" in edit
    listed = edit[edit.index("Courses that list this career") :]
    assert f'href="/admin/pages/{linked["course_side"].pk}/edit/">Course-side course</a>' in listed
    response = client.post(
        f"/admin/pages/{career.pk}/edit/", {**_career_form(career, [new]), "action-publish": "publish"}
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    linked_from_career = CareerCourse.objects.filter(career=career).order_by("sort_order")
    assert [link.course.title for link in linked_from_career][-1] == "New course"
    assert "New course" in client.get("/careers/data-analyst/").content.decode()
    course_edit = client.get(f"/admin/pages/{new.pk}/edit/").content.decode()
    listed = course_edit[course_edit.index("Careers that list this course") :]
    assert f'href="/admin/pages/{career.pk}/edit/">Data Analyst</a>' in listed


def test_a_preview_shows_the_courses_linked_in_the_unsaved_form(client, superuser, linked, course_index):
    career, new = linked["career"], CoursePageFactory(parent=course_index, title="Unsaved link course")
    client.force_login(superuser)
    preview = f"/admin/pages/{career.pk}/edit/preview/"
    assert client.post(preview, _career_form(career, [new], keep=False)).json()["is_valid"]
    html = client.get(preview).content.decode()
    section = html.split('id="courses-heading"')[1].split("</section>")[0]
    assert "Unsaved link course" in section and "Course-side course" in section
    assert "Career-side course" not in section
