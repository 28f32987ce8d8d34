"""The course list at /courses/ with its filters, a course page, and editing courses in the admin."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from careers.factories import CareerPageFactory, CareerSkillFactory, SalaryFigureFactory, SkillFactory
from careers.models import CareerPage
from courses.factories import CourseIndexPageFactory, CoursePageFactory, ProviderFactory
from courses.models import CourseFeature, CourseIndexPage, CoursePage, Provider
from tests.courses.conftest import future, make_catalogue

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [course.title for course in response.context["courses"]]


@pytest.fixture
def catalogue(course_index, features, skills, data_scientist):
    labs, tutor, jobs = features
    return {
        "python": CoursePageFactory(
            parent=course_index, title="Python for Data", price=Decimal(2400), duration_weeks=16,
            level=CoursePage.Level.INTERMEDIATE, features=[labs, jobs],
            skills=[skills["Python"], skills["Statistics"]], careers=[data_scientist],
        ),
        "free": CoursePageFactory(
            parent=course_index, title="Free Intro to Computing", price=Decimal(0), duration_weeks=4,
            study_mode=CoursePage.StudyMode.IN_PERSON, features=[tutor],
        ),
        "ml": CoursePageFactory(
            parent=course_index, title="Applied Machine Learning", price=Decimal(5200), duration_weeks=24,
            level=CoursePage.Level.ADVANCED, study_mode=CoursePage.StudyMode.BLENDED, features=[labs],
            skills=[skills["Machine learning"]], careers=[data_scientist],
        ),
    }  # fmt: skip


class TestCourseList:
    def test_lists_live_courses_by_name_with_an_add_to_comparison_box(self, client, catalogue, course_index):
        CoursePageFactory(parent=course_index, title="Unpublished draft", live=False)
        response = client.get("/courses/")
        assert titles(response) == ["Applied Machine Learning", "Free Intro to Computing", "Python for Data"]
        html = response.content.decode()
        assert 'action="/courses/compare/"' in html
        assert 'name="courses" value="python-for-data"' in html
        assert 'Add to comparison<span class="visually-hidden">: Python for Data</span>' in html
        assert "Unpublished draft" not in html

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("level=advanced", ["Applied Machine Learning"]),
            ("mode=in_person", ["Free Intro to Computing"]),
            ("max_price=2400", ["Free Intro to Computing", "Python for Data"]),
            ("max_price=0", ["Free Intro to Computing"]),
            ("max_weeks=16", ["Free Intro to Computing", "Python for Data"]),
            ("feature=hands-on-labs", ["Applied Machine Learning", "Python for Data"]),
            ("skill=python", ["Python for Data"]),
            ("career=data-scientist", ["Applied Machine Learning", "Python for Data"]),
            ("feature=hands-on-labs&max_price=3000", ["Python for Data"]),
            (
                "feature=hands-on-labs&skill=python&career=data-scientist&level=intermediate",
                ["Python for Data"],
            ),
            ("sort=price", ["Free Intro to Computing", "Python for Data", "Applied Machine Learning"]),
            ("sort=duration", ["Free Intro to Computing", "Python for Data", "Applied Machine Learning"]),
        ],
    )
    def test_filters_and_sorting(self, client, catalogue, query, expected):
        assert titles(client.get(f"/courses/?{query}")) == expected

    def test_bad_filter_values_are_explained_and_left_out(self, client, catalogue):
        response = client.get("/courses/?max_price=lots&level=expert&skill=juggling")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Some filters could not be used" in html
        assert 'href="#id_max_price">Maximum price (£)</a>' in html
        assert 'href="#id_skill">Teaches the skill</a>' in html
        assert len(titles(response)) == 3

    def test_filtering_by_career_carries_the_career_into_the_comparison(self, client, catalogue):
        html = client.get("/courses/?career=data-scientist").content.decode()
        assert '<input type="hidden" name="career" value="data-scientist">' in html

    def test_selected_parameter_ticks_a_course_for_comparison(self, client, catalogue):
        html = client.get("/courses/?selected=python-for-data").content.decode()
        assert 'value="python-for-data" id="compare-python-for-data" data-shortlist-checkbox' in html
        assert 'data-title="Python for Data" checked>' in html

    def test_no_matches_says_so(self, client, catalogue):
        html = client.get("/courses/?level=advanced&mode=online").content.decode()
        assert "No courses match these filters" in html

    def test_costs_a_fixed_number_of_queries(
        self, client, course_index, career_index, django_assert_num_queries
    ):
        make_catalogue(course_index, career_index, 2)
        client.get("/courses/")
        with CaptureQueriesContext(connection) as few:
            client.get("/courses/")
        expected = len(few)  # counted now: the next request empties the connection's query log
        make_catalogue(course_index, career_index, 6, prefix="More")
        client.get("/courses/")  # new content: the parts kept until it changed are read afresh once
        with django_assert_num_queries(expected):
            response = client.get("/courses/")
        assert len(response.context["courses"]) == 8


class TestCoursePage:
    def test_shows_facts_features_skills_and_syllabus(self, client, catalogue, course_index):
        course = CoursePageFactory(
            parent=course_index,
            title="Cloud Engineering",
            price=Decimal("1999.50"),
            certification="Level 4 Diploma",
            awarding_body="Tech Skills Council",
            start_dates=[future(-5), future(40)],
            features=list(CourseFeature.objects.filter(slug="tutor-support")),
            syllabus=[("module", {"title": "Networks", "summary": "Packets and routes.", "hours": 12})],
        )
        html = client.get(course.url).content.decode()
        assert "£1,999.50" in html
        assert "Level 4 Diploma, awarded by Tech Skills Council" in html
        assert future(40).strftime("%-d %B %Y") in html and future(-5).strftime("%-d %B %Y") not in html
        assert "<strong>Tutor support</strong>" in html
        assert "Networks" in html and "12 guided hours" in html
        assert 'action="/courses/" data-shortlist-add data-slug="cloud-engineering"' in html

    def test_careers_this_leads_to_with_salary_band_and_skills_covered(self, client, catalogue):
        html = client.get(catalogue["python"].url).content.decode()
        section = html.split('id="careers-heading"')[1]
        assert "Careers this leads to" in html
        assert 'href="/careers/data-scientist/">Data Scientist</a>' in section
        assert "£30,000–£80,000, UK average £52,000" in section
        assert "Covers 2 of 4 skills" in section
        assert "Not covered: SQL, Machine learning" in section

    def test_unpublished_careers_are_not_listed(self, client, catalogue, data_scientist):
        data_scientist.unpublish()
        html = client.get(catalogue["python"].url).content.decode()
        assert "Careers this leads to" not in html

    def test_costs_a_fixed_number_of_queries_however_many_careers(
        self, client, course_index, career_index, django_assert_num_queries
    ):
        skill = SkillFactory()

        def career():
            page = CareerPageFactory(parent=career_index)
            SalaryFigureFactory(career=page)
            CareerSkillFactory(career=page, skill=skill)
            return page

        one = CoursePageFactory(parent=course_index, careers=[career()], skills=[skill])
        many = CoursePageFactory(parent=course_index, careers=[career() for _ in range(6)], skills=[skill])
        client.get(one.url)
        client.get(many.url)  # each page's route and article are kept once it has been shown
        with CaptureQueriesContext(connection) as single:
            client.get(one.url)
        with django_assert_num_queries(len(single)):
            html = client.get(many.url).content.decode()
        assert html.count("Covers 1 of 1 skills") == 6


class TestPageTree(WagtailPageTestCase):
    def test_courses_live_under_the_single_course_index(self):
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedSubpageTypes(CoursePage, set())


def test_editor_can_create_a_course_in_the_admin(client, course_index, superuser, features, data_scientist):
    client.force_login(superuser)
    provider = ProviderFactory(name="Evening Academy")
    data = nested_form_data(
        {
            "title": "Data Analysis Evenings",
            "slug": "data-analysis-evenings",
            "provider": provider.pk,
            "summary": "Spreadsheets to SQL in twelve weeks.",
            "level": "beginner",
            "study_mode": "online",
            "duration_weeks": 12,
            "hours_per_week": 6,
            "price": "950.00",
            "certification": "",
            "awarding_body": "",
            "start_dates": inline_formset([{"starts_on": "2027-01-11"}]),
            "syllabus": streamfield([("module", {"title": "Spreadsheets", "summary": "", "hours": 10})]),
            "career_links": inline_formset([{"career": data_scientist.pk}]),
            "action-publish": "publish",
        }
    )
    # Checkbox lists post one value per box under the same name, which nested_form_data cannot express.
    data["features"] = [features[0].pk]
    response = client.post(f"/admin/pages/add/courses/coursepage/{course_index.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    course = CoursePage.objects.get(slug="data-analysis-evenings")
    assert course.live and course.provider == provider
    assert list(course.features.all()) == [features[0]]
    assert course.start_dates.get().starts_on == datetime.date(2027, 1, 11)
    assert list(CareerPage.objects.filter(course_links__course=course)) == [data_scientist]


def test_negative_price_and_zero_weeks_are_refused_beside_the_fields(client, course_index, superuser):
    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": "Bad price",
            "slug": "bad-price",
            "provider": ProviderFactory().pk,
            "summary": "x",
            "level": "beginner",
            "study_mode": "online",
            "duration_weeks": 0,
            "hours_per_week": 6,
            "price": "-5",
            "start_dates": inline_formset([]),
            "syllabus": streamfield([]),
            "career_links": inline_formset([]),
        }
    )
    response = client.post(f"/admin/pages/add/courses/coursepage/{course_index.pk}/", data)
    assert response.status_code == 200
    assert not CoursePage.objects.filter(slug="bad-price").exists()
    errors = response.context["form"].errors
    assert errors["price"] == ["The price cannot be negative; enter 0 for a free course."]
    assert errors["duration_weeks"] == ["A course lasts at least one week."]


def test_providers_and_features_are_snippets_in_a_courses_menu(client, superuser):
    client.force_login(superuser)
    ProviderFactory(name="Harbour College")
    assert "Harbour College" in client.get("/admin/snippets/courses/provider/").content.decode()
    response = client.post(
        "/admin/snippets/courses/coursefeature/add/",
        {"name": "Interview coaching", "slug": "interview-coaching", "description": "", "sort_order": 4},
    )
    assert response.status_code == 302
    assert CourseFeature.objects.filter(slug="interview-coaching").exists()
    assert Provider.objects.count() == 1
    menu = client.get("/admin/").content.decode()
    assert "Course features" in menu and "Providers" in menu


def test_course_index_is_at_courses(home_page):
    index = CourseIndexPageFactory(parent=home_page)
    assert index.url == "/courses/"
    assert Page.objects.get(pk=index.pk).specific_class is CourseIndexPage
