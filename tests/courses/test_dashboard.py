"""The staff comparison dashboard: who may see it, what the course report, its exports, the
salary chart and the content health report show, and what they cost in queries."""

from __future__ import annotations

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from careers.factories import CareerPageFactory, CareerSkillFactory, SalaryFigureFactory, SkillFactory
from courses.dashboard import CourseReportView
from courses.factories import CoursePageFactory, ProviderFactory
from courses.models import CoursePage
from tests.courses.conftest import make_catalogue

COURSES = "/admin/comparison/"
VIEWS = [
    COURSES,
    COURSES + "?export=csv",
    COURSES + "?export=xlsx",
    COURSES + "results/",
    "/admin/comparison/salaries/",
    "/admin/comparison/content-health/",
]
CONTENT_HEALTH = "/admin/comparison/content-health/"
ALLOWED = {"anonymous": False, "editor": False, "moderator": True, "staff": True, "superuser": True}


@pytest.fixture
def catalogue(course_index, career_index, features, skills):
    """Three courses: different providers, levels, modes, features, skills and careers."""
    analyst = CareerPageFactory(parent=career_index, title="Data Analyst", slug="data-analyst")
    SalaryFigureFactory(career=analyst, minimum=24_000, typical=34_000, maximum=50_000)
    scientist = CareerPageFactory(parent=career_index, title="Data Scientist", slug="data-scientist")
    SalaryFigureFactory(career=scientist, minimum=30_000, typical=52_000, maximum=80_000)
    SalaryFigureFactory(career=scientist, region="London", minimum=38_000, typical=60_000, maximum=95_000)
    acme, byte = ProviderFactory(name="Acme Academy"), ProviderFactory(name="Byte School")
    return {
        "sql": CoursePageFactory(
            parent=course_index,
            title="SQL Basics",
            provider=acme,
            level=CoursePage.Level.BEGINNER,
            study_mode=CoursePage.StudyMode.ONLINE,
            duration_weeks=4,
            price=Decimal("0"),
            features=[features[0]],
            skills=[skills["SQL"]],
            careers=[analyst],
        ),
        "ml": CoursePageFactory(
            parent=course_index,
            title="Machine Learning Bootcamp",
            provider=byte,
            level=CoursePage.Level.ADVANCED,
            study_mode=CoursePage.StudyMode.BLENDED,
            duration_weeks=12,
            price=Decimal("4500"),
            features=features,
            skills=[skills["Python"], skills["Machine learning"], skills["Statistics"]],
            careers=[analyst, scientist],
        ),
        "comms": CoursePageFactory(
            parent=course_index,
            title="Clear Communication",
            provider=acme,
            level=CoursePage.Level.INTERMEDIATE,
            study_mode=CoursePage.StudyMode.IN_PERSON,
            duration_weeks=2,
            price=Decimal("350"),
            features=[],
            skills=[skills["Communication"]],
            careers=[],
        ),
    }


def login(client, request, who: str) -> None:
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))


# --------------------------------------------------------------------------- permissions


@pytest.mark.parametrize("who", list(ALLOWED))
def test_permission_matrix_for_every_view_and_export(client, request, who, catalogue):
    login(client, request, who)
    for url in VIEWS:
        response = client.get(url)
        if ALLOWED[who]:
            assert response.status_code == 200, (who, url)
        elif who == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
        else:
            # Wagtail refuses admin views by sending the user to the admin home with a message.
            assert (response.status_code, response["Location"]) == (302, "/admin/"), url
            # Where the refusal lands: Wagtail's message, and none of the report's data.
            landing = client.get(url, follow=True).content.decode()
            assert "Sorry, you do not have permission to access this area." in landing, url
            assert "SQL Basics" not in landing and "Machine Learning Bootcamp" not in landing, url


@pytest.mark.parametrize("who", ["editor", "moderator", "staff", "superuser"])
def test_comparison_menu_and_home_panel_only_for_the_dashboard_permission(client, request, who, catalogue):
    login(client, request, who)
    html = client.get("/admin/").content.decode()
    assert ('"comparison"' in html) is ALLOWED[who]
    assert ("Open the content health report" in html) is ALLOWED[who]


# --------------------------------------------------------------------------- course report


def test_report_lists_every_course_with_its_comparison_figures(client, staff, catalogue):
    client.force_login(staff)
    response = client.get(COURSES)
    html = response.content.decode()
    assert [course.title for course in response.context["object_list"]] == [
        "Clear Communication",
        "Machine Learning Bootcamp",
        "SQL Basics",
    ]
    ml = response.context["object_list"][1]
    assert ml.provider.name == "Byte School" and ml.skill_count == 3 and ml.career_count == 2
    assert ml.feature_names == "Hands-on labs, Tutor support, Job matching"
    assert ml.best_salary_text == "£38,000–£95,000, London average £60,000"
    assert "£4,500" in html and "Free" in html and "12 weeks" in html
    assert "No salary figures" in html  # the course with no career
    # Staff edit no pages: a course opens read-only (courses/page_reading.py), never on "no permission".
    assert f'href="/admin/comparison/read/{catalogue["sql"].pk}/"' in html


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("price", ["SQL Basics", "Clear Communication", "Machine Learning Bootcamp"]),
        ("-price", ["Machine Learning Bootcamp", "Clear Communication", "SQL Basics"]),
        ("-best_typical", ["Machine Learning Bootcamp", "SQL Basics", "Clear Communication"]),
        ("skill_count", ["Clear Communication", "SQL Basics", "Machine Learning Bootcamp"]),
        ("provider__name", ["Clear Communication", "SQL Basics", "Machine Learning Bootcamp"]),
        ("nonsense", ["Clear Communication", "Machine Learning Bootcamp", "SQL Basics"]),
    ],
)
def test_report_sorts_by_any_column(client, staff, catalogue, ordering, expected):
    client.force_login(staff)
    response = client.get(COURSES, {"ordering": ordering})
    assert [course.title for course in response.context["object_list"]] == expected


def test_report_filters_by_provider_level_mode_and_feature(client, staff, catalogue, features):
    client.force_login(staff)
    acme = catalogue["sql"].provider

    def titles(**params) -> list[str]:
        response = client.get(COURSES, params)
        assert response.status_code == 200
        return [course.title for course in response.context["object_list"]]

    assert titles(provider=acme.pk) == ["Clear Communication", "SQL Basics"]
    assert titles(level="advanced") == ["Machine Learning Bootcamp"]
    assert titles(study_mode="in_person") == ["Clear Communication"]
    assert titles(feature=features[0].pk) == ["Machine Learning Bootcamp", "SQL Basics"]
    assert titles(feature=features[0].pk, provider=acme.pk) == ["SQL Basics"]
    # A malformed filter is ignored, never a server error.
    assert len(titles(provider="not-a-number", level="expert")) == 3


def test_exports_contain_every_course_beyond_one_page(client, staff, catalogue, course_index, monkeypatch):
    for n in range(4):
        CoursePageFactory(parent=course_index, title=f"Extra course {n}")
    monkeypatch.setattr(CourseReportView, "paginate_by", 3)
    client.force_login(staff)
    assert len(client.get(COURSES).context["object_list"]) == 3

    response = client.get(COURSES, {"export": "csv", "ordering": "title"})
    assert response["Content-Disposition"] == 'attachment; filename="course-comparison.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == CoursePage.objects.count() == 7
    ml = next(row for row in rows if row["Course"] == "Machine Learning Bootcamp")
    assert ml["Provider"] == "Byte School" and ml["Level"] == "Advanced" and ml["Study mode"] == "Blended"
    assert ml["Skills taught"] == "3" and ml["Careers"] == "Data Analyst, Data Scientist"
    # The band as numbers a spreadsheet can sort and sum, not as text.
    band = (
        ml["Best salary: minimum (GBP)"],
        ml["Best salary: typical (GBP)"],
        ml["Best salary: maximum (GBP)"],
    )
    assert band == ("38000", "60000", "95000")
    assert ml["Best-paid career"] == "Data Scientist" and ml["Price (GBP)"] == "4500.00"

    response = client.get(COURSES, {"export": "xlsx", "provider": catalogue["sql"].provider.pk})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][:3] == ("Course", "Provider", "Level")
    assert sorted(row[0] for row in values[1:]) == ["Clear Communication", "SQL Basics"]


def test_exports_keep_formula_like_text_inert(client, staff, course_index):
    CoursePageFactory(
        parent=course_index,
        title='=HYPERLINK("http://evil.example","Click")',
        provider=ProviderFactory(name="@SUM(1+1)"),
    )
    client.force_login(staff)
    response = client.get(COURSES, {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["Course"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert rows[0]["Provider"] == "'@SUM(1+1)"

    response = client.get(COURSES, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = next(sheet.iter_rows(min_row=2, max_row=2))[0]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://evil.example","Click")', "s")


def test_report_costs_the_same_queries_for_three_or_twelve_courses(
    client, staff, course_index, career_index, django_assert_max_num_queries
):
    courses = make_catalogue(course_index, career_index, 3)
    client.force_login(staff)
    client.get(COURSES)  # warm caches (site root paths, permissions)
    with CaptureQueriesContext(connection) as small:
        client.get(COURSES)
    # Counted now: the query log is emptied at the start of every request.
    small_count = len(small.captured_queries)
    first = courses[-1]
    for n in range(9):
        CoursePageFactory(
            parent=course_index,
            title=f"More course {n}",
            features=list(first.features.all()),
            skills=list(first.skills.all()),
            careers=[link.career for link in first.career_links.all()],
        )
    client.get(COURSES)  # warm again: new pages empty the same caches the first request filled
    with django_assert_max_num_queries(small_count):
        response = client.get(COURSES)
    assert len(response.context["object_list"]) == 12


@pytest.mark.parametrize(
    "url, title",
    [(COURSES, "Courses"), ("/admin/comparison/salaries/", "Salaries"), (CONTENT_HEALTH, "Content health")],
)
def test_every_dashboard_view_is_filed_under_comparison_in_the_breadcrumbs(client, staff, url, title):
    client.force_login(staff)
    response = client.get(url)
    labels = [item["label"] for item in response.context["breadcrumbs_items"]]
    assert labels[-2:] == ["Comparison", title]
    trail = response.content.decode().split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    words = " ".join(re.sub(r"<[^>]+>", " ", trail).split())
    assert words.endswith(f"Comparison {title}")


# --------------------------------------------------------------------------- salary chart


def test_salary_chart_draws_every_career_with_a_table_of_the_same_figures(
    client, staff, catalogue, career_index
):
    CareerPageFactory(parent=career_index, title="Prompt Whisperer")  # no figures yet
    client.force_login(staff)
    response = client.get("/admin/comparison/salaries/")
    html = response.content.decode()
    assert 'role="img" aria-labelledby="salary-chart-title salary-chart-desc"' in html
    assert "Salary bands of 2 careers, highest typical salary first" in html
    assert "Data Scientist: £30,000–£80,000, UK average £52,000." in html
    assert "<caption>The figures in the chart</caption>" in html
    assert [bar.career.title for bar in response.context["chart"].bars] == ["Data Scientist", "Data Analyst"]
    assert "£24,000" in html and "£34,000 (average)" in html
    assert "Careers with no salary figure" in html and "Prompt Whisperer" in html

    lowest_first = client.get("/admin/comparison/salaries/", {"ordering": "typical"}).context["chart"]
    assert [bar.career.title for bar in lowest_first.bars] == ["Data Analyst", "Data Scientist"]
    odd = client.get("/admin/comparison/salaries/", {"ordering": "<script>"})
    assert odd.status_code == 200 and odd.context["chart"].ordering == "-typical"


def test_salary_chart_scale_places_bars_in_proportion(client, staff, catalogue):
    client.force_login(staff)
    chart = client.get("/admin/comparison/salaries/").context["chart"]
    scientist = chart.bars[0]
    assert scientist.x_min < scientist.x_typical < scientist.x_max
    ticks = {tick.amount: tick.x for tick in chart.ticks}
    assert list(ticks) == list(range(0, 90_000, 10_000)), "gridlines every £10k up to the top maximum"
    assert (scientist.x_min, scientist.x_max) == (ticks[30_000], ticks[80_000])
    assert scientist.x_typical == pytest.approx(ticks[50_000] + (ticks[60_000] - ticks[50_000]) / 5)


def test_salary_chart_shows_a_change_on_the_next_request(client, staff, catalogue, career_index):
    """The chart keeps its whole-catalogue order and scale until content next changes."""
    client.force_login(staff)
    before = client.get("/admin/comparison/salaries/").context["chart"]
    assert [bar.career.title for bar in before.bars] == ["Data Scientist", "Data Analyst"]
    newcomer = CareerPageFactory(parent=career_index, title="Chief Astronomer")
    SalaryFigureFactory(career=newcomer, minimum=90_000, typical=120_000, maximum=150_000)
    after = client.get("/admin/comparison/salaries/").context["chart"]
    assert [bar.career.title for bar in after.bars] == ["Chief Astronomer", "Data Scientist", "Data Analyst"]
    assert max(tick.amount for tick in after.ticks) >= 150_000, "the scale grew with the new maximum"


# --------------------------------------------------------------------------- content health


@pytest.fixture
def neglected(catalogue, career_index, skills):
    """A stale figure, a career without a course, a skill nobody teaches and an old page."""
    lonely = CareerPageFactory(parent=career_index, title="Quantum Plumber", slug="quantum-plumber")
    SalaryFigureFactory(career=lonely, gathered_on=datetime.date.today() - datetime.timedelta(days=600))
    orphan_skill = SkillFactory(name="Soldering")
    CareerSkillFactory(career=lonely, skill=orphan_skill)
    CareerSkillFactory(career=lonely, skill=skills["SQL"])  # taught by SQL Basics
    old = catalogue["comms"]
    old_time = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    CoursePage.objects.filter(pk=old.pk).update(
        latest_revision_created_at=old_time, last_published_at=old_time, first_published_at=old_time
    )
    return {"career": lonely, "skill": orphan_skill, "old": old}


def test_content_health_lists_each_problem_with_a_link_to_fix_it(client, staff, neglected, catalogue):
    client.force_login(staff)
    response = client.get("/admin/comparison/content-health/")
    html = response.content.decode()
    context = response.context
    career_edit = f'href="/admin/comparison/read/{neglected["career"].pk}/"'

    assert [f.career.title for f in context["stale_figures"]] == ["Quantum Plumber"]
    assert [c.title for c in context["careers_without_course"]] == ["Quantum Plumber"]
    assert [c.title for c in context["courses_without_career"]] == ["Clear Communication"]
    assert [s.name for s in context["untaught_skills"]] == ["Soldering"]
    assert "Clear Communication" in [p.title for p in context["unrevised_pages"]]
    assert career_edit in html
    # Staff may not edit skills, so the skill is named without a link to a page they cannot open.
    assert f'href="/admin/snippets/careers/skill/edit/{neglected["skill"].pk}/"' not in html
    assert f'href="/admin/comparison/read/{neglected["old"].pk}/"' in html


def test_content_health_age_is_configurable(client, staff, neglected, settings):
    client.force_login(staff)
    url = "/admin/comparison/content-health/"
    assert client.get(url, {"months": "24"}).context["stale_figures"] == []
    settings.SALARY_STALE_AFTER_MONTHS = 36
    response = client.get(url)
    assert response.context["months"] == 36 and response.context["stale_figures"] == []
    response = client.get(url, {"months": "-3"})
    assert response.status_code == 200 and response.context["months"] == 36
    assert "is not a number of months from 1 to 120" in response.content.decode()
    for raw in ("²", "9" * 5000, "12.5", "<b>6</b>"):
        response = client.get(url, {"months": raw})
        assert response.status_code == 200 and response.context["months"] == 36, raw
        assert "is not a number of months from 1 to 120" in response.content.decode(), raw
    assert "&lt;b&gt;6&lt;/b&gt;" in response.content.decode()


@pytest.mark.parametrize(("days_old", "stale"), [(480, False), (600, True)])
def test_stale_means_the_same_on_the_career_page_and_in_content_health(
    client, staff, career_index, days_old, stale
):
    """16 months old is fresh everywhere and 20 months stale everywhere (SALARY_STALE_AFTER_MONTHS)."""
    career = CareerPageFactory(parent=career_index, title="Tide Analyst", slug="tide-analyst")
    SalaryFigureFactory(career=career, gathered_on=datetime.date.today() - datetime.timedelta(days=days_old))

    page = client.get(career.url).content.decode()
    client.force_login(staff)
    health = client.get("/admin/comparison/content-health/").context

    assert ("Possibly out of date" in page) is stale
    assert ("more than 18 months ago" in page) is stale
    assert ([f.career.title for f in health["stale_figures"]] == ["Tide Analyst"]) is stale


def test_home_panel_sums_up_content_health_with_links(client, staff, neglected):
    client.force_login(staff)
    html = client.get("/admin/").content.decode()
    assert "Salary figures older than 18 months: 1" in html
    assert "Careers with no course: 1" in html
    assert "Skills careers need that no course teaches: 1" in html
    assert 'href="/admin/comparison/content-health/#untaught-skills"' in html
