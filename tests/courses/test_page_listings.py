"""The Careers and Courses admin menus open with Wagtail's listing of their pages, which editors
filter by sector, provider, status, salary age and owner; roles without page rights never see it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PagePermissionTester, Workflow

from careers.factories import CareerPageFactory, SalaryFigureFactory, SectorFactory
from courses.factories import CoursePageFactory, ProviderFactory
from portal.factories import UserFactory

pytestmark = pytest.mark.django_db

CAREERS = "/admin/career-pages/"
COURSES = "/admin/course-pages/"


def titles(client, url: str, **params) -> list[str]:
    html = client.get(url, params).content.decode()
    return [title.strip() for title in re.findall(r'<span id="page_\d+_title">\s*(.*?)\s*</span>', html)]


def months_ago(months: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=int(months * 30.6))


@pytest.fixture
def careers(career_index, editor):
    data = SectorFactory(name="Data and AI", slug="data")
    health = SectorFactory(name="Health", slug="health")
    ada = UserFactory(username="ada", first_name="Ada", last_name="Lovelace")
    fresh = CareerPageFactory(parent=career_index, title="Data Analyst", sector=data, owner=ada)
    SalaryFigureFactory(career=fresh, gathered_on=months_ago(2))
    aged = CareerPageFactory(parent=career_index, title="Nurse", sector=health, owner=editor)
    SalaryFigureFactory(career=aged, gathered_on=months_ago(14))
    old = CareerPageFactory(parent=career_index, title="Paramedic", sector=health, owner=editor)
    SalaryFigureFactory(career=old, gathered_on=months_ago(30))
    # A draft, never published, and one waiting for a moderator.
    CareerPageFactory(parent=career_index, title="Data Engineer", sector=data, live=False, owner=editor)
    submitted = CareerPageFactory(parent=career_index, title="Midwife", sector=health, owner=editor)
    submitted.save_revision(user=editor)
    Workflow.objects.get(name="Editorial review").start(submitted, editor)
    return {"data": data, "health": health, "ada": ada}


def test_editors_see_career_pages_first_in_the_careers_menu(client, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert html.index(f'"url": "{CAREERS}"') < html.index('"url": "/admin/snippets/careers/sector/"')
    assert html.index(f'"url": "{COURSES}"') < html.index('"url": "/admin/snippets/courses/provider/"')
    assert '"Career pages"' in html and '"Course pages"' in html


@pytest.mark.parametrize("who", ["staff", "admissions"])
def test_roles_without_page_rights_get_no_listing_and_are_refused(client, request, who):
    client.force_login(request.getfixturevalue(who))
    html = client.get("/admin/").content.decode()
    assert CAREERS not in html and COURSES not in html
    for url in (CAREERS, COURSES, f"{CAREERS}results/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's "permission denied"


def test_career_pages_filter_by_sector_status_salary_age_and_owner(client, editor, careers):
    client.force_login(editor)
    assert sorted(titles(client, CAREERS)) == [
        "Data Analyst",
        "Data Engineer",
        "Midwife",
        "Nurse",
        "Paramedic",
    ]
    assert sorted(titles(client, CAREERS, sector=careers["data"].pk)) == ["Data Analyst", "Data Engineer"]
    assert titles(client, CAREERS, status="draft") == ["Data Engineer"]
    assert titles(client, CAREERS, status="moderation") == ["Midwife"]
    assert "Data Engineer" not in titles(client, CAREERS, status="live")
    assert sorted(titles(client, CAREERS, salary_age="12")) == ["Nurse", "Paramedic"]
    assert titles(client, CAREERS, salary_age="24") == ["Paramedic"]
    assert titles(client, CAREERS, owner=careers["ada"].pk) == ["Data Analyst"]
    assert "Ada Lovelace" in client.get(CAREERS).content.decode()
    # Searched by its words, as site search reads a query: quotes are not syntax.
    assert titles(client, CAREERS, q='"Paramedic"') == ["Paramedic"]
    # An owner id past any database integer is ignored, not a server error.
    assert len(titles(client, CAREERS, owner=str(10**30))) == 5


def test_career_pages_sort_by_sector_and_oldest_salary_figure(client, editor, careers):
    client.force_login(editor)
    assert titles(client, CAREERS, ordering="oldest_salary", salary_age="12") == ["Paramedic", "Nurse"]
    by_sector = titles(client, CAREERS, ordering="sector_name")
    assert by_sector.index("Data Analyst") < by_sector.index("Nurse")
    assert titles(client, CAREERS, ordering="-sector_name")[-1] in ("Data Analyst", "Data Engineer")


def test_draft_sectors_are_not_offered_as_a_filter(client, editor, careers):
    SectorFactory(name="Unpublished sector", slug="unpublished", live=False)
    client.force_login(editor)
    html = client.get(CAREERS).content.decode()
    assert "Data and AI" in html and "Unpublished sector" not in html


def test_course_pages_filter_by_provider_status_and_owner(client, editor, course_index):
    north = ProviderFactory(name="Northgate College", slug="northgate")
    south = ProviderFactory(name="Southbank Academy", slug="southbank")
    CoursePageFactory(parent=course_index, title="Data Bootcamp", provider=north, owner=editor)
    CoursePageFactory(parent=course_index, title="Nursing Foundation", provider=south)
    CoursePageFactory(parent=course_index, title="Draft course", provider=south, live=False)
    ProviderFactory(name="Draft provider", slug="draft-provider", live=False)
    client.force_login(editor)
    assert titles(client, COURSES, provider=north.pk) == ["Data Bootcamp"]
    assert titles(client, COURSES, status="draft") == ["Draft course"]
    assert titles(client, COURSES, owner=editor.pk) == ["Data Bootcamp"]
    assert titles(client, COURSES, ordering="provider_name")[0] == "Data Bootcamp"
    assert "Draft provider" not in client.get(COURSES).content.decode()


@pytest.mark.parametrize("url", [CAREERS, COURSES])
def test_a_listing_costs_the_same_queries_for_3_or_30_pages(
    client, editor, career_index, course_index, url, django_assert_num_queries
):
    def add(count: int) -> None:
        for _ in range(count):
            if url == CAREERS:
                page = CareerPageFactory(parent=career_index, owner=editor)
                SalaryFigureFactory(career=page)
            else:
                CoursePageFactory(parent=course_index, owner=editor)

    client.force_login(editor)
    add(3)
    client.get(url)  # the caches each process fills once (content types, the menu)
    with CaptureQueriesContext(connection) as three:
        assert len(titles(client, url)) == 3
    # Read now: the next request empties the connection's query log.
    queries_for_three = len(three.captured_queries)
    add(27)
    client.get(url)  # the new pages changed content: the site's kept chrome is read again once
    with django_assert_num_queries(queries_for_three):
        assert len(titles(client, url)) == 30


@pytest.mark.parametrize("who", ["editor", "moderator", "staff", "superuser"])
def test_may_delete_is_answered_as_wagtail_answers_it(request, who, career_index, editor):
    """The listings' per-row "Delete" check reads the page instead of the database, with the same
    answer as Wagtail's for each role, live or draft, theirs or someone else's."""
    user = request.getfixturevalue(who)
    for live in (True, False):
        for owner in (editor, None):
            career = CareerPageFactory(parent=career_index, live=live, owner=owner)
            assert (
                career.permissions_for_user(user).can_delete()
                == PagePermissionTester(user, career).can_delete()
            )
