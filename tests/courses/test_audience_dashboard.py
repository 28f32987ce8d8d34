"""The dashboard's Audience view: who may see it, the period it reads, its figures and funnel, and
its CSV and XLSX downloads."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.http import QueryDict
from django.utils import timezone
from openpyxl import load_workbook

from careers.factories import CareerPageFactory
from careers.models import HelpfulComment, HelpfulVoteDay
from courses.audience import DEFAULT_DAYS, Period, enquiry_counts, parse_period
from courses.enquiries.models import Enquiry
from courses.factories import CoursePageFactory, EnquiryFactory
from portal.models import AudienceDailyCount, ComparedPairDailyCount

pytestmark = pytest.mark.django_db

AUDIENCE = "/admin/comparison/audience/"
ALLOWED = {"anonymous": False, "editor": False, "moderator": True, "staff": True, "superuser": True}
TODAY = timezone.localdate()


def ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def signals(career_index, course_index):
    """Two careers and three courses with a month of signals, and some older ones outside it."""
    analyst = CareerPageFactory(parent=career_index, title="Data Analyst")
    engineer = CareerPageFactory(parent=career_index, title="Data Engineer")
    sql = CoursePageFactory(parent=course_index, title="SQL Basics", careers=[analyst, engineer])
    python = CoursePageFactory(parent=course_index, title="Python for Data", careers=[engineer])
    stats = CoursePageFactory(parent=course_index, title="Statistics", careers=[])
    count = AudienceDailyCount.objects.create
    for day, n in ((0, 5), (3, 7), (29, 1), (40, 100)):
        count(day=ago(day), kind="career", page=analyst, count=n)
    count(day=ago(1), kind="career", page=engineer, count=4)
    count(day=ago(1), kind="course", page=sql, count=6)
    count(day=ago(2), kind="course", page=python, count=2)
    count(day=ago(2), kind="comparison", page=course_index, count=3)
    ComparedPairDailyCount.objects.create(day=ago(2), first=sql, second=python, count=3)
    ComparedPairDailyCount.objects.create(day=ago(5), first=sql, second=stats, count=1)
    HelpfulVoteDay.objects.create(career=analyst, day=ago(1), yes=4, no=1)
    HelpfulVoteDay.objects.create(career=analyst, day=ago(60), yes=50, no=50)
    HelpfulComment.objects.create(career=analyst, day=ago(1), helpful=False, text='=HYPERLINK("x")')
    HelpfulComment.objects.create(career=engineer, day=ago(2), helpful=True, text="Clear and honest.")
    return {"analyst": analyst, "engineer": engineer, "sql": sql, "python": python, "stats": stats}


def login(client, request, who: str) -> None:
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))


def download(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(download(response).decode())))


@pytest.mark.parametrize("who", list(ALLOWED))
def test_the_audience_view_and_its_downloads_are_for_dashboard_users_only(client, request, who, signals):
    login(client, request, who)
    for url in (AUDIENCE, AUDIENCE + "?table=careers&export=csv", AUDIENCE + "?table=comments&export=xlsx"):
        response = client.get(url)
        if ALLOWED[who]:
            assert response.status_code == 200, (who, url)
        elif who == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
        else:
            assert (response.status_code, response["Location"]) == (302, "/admin/"), url
            landing = client.get(url, follow=True).content.decode()
            assert "Clear and honest." not in landing and "Data Analyst" not in landing
    if who != "anonymous":
        menu = client.get("/admin/").content.decode()
        assert ('"comparison-audience"' in menu) is ALLOWED[who]


def test_the_view_shows_views_answers_comparisons_and_funnel_for_the_period(client, staff, signals):
    client.force_login(staff)
    response = client.get(AUDIENCE)
    audience = response.context["audience"]
    careers = {row.title: (row.views, row.yes, row.no, row.comments) for row in audience.careers}
    assert careers == {"Data Analyst": (13, 4, 1, 1), "Data Engineer": (4, 0, 0, 1)}
    funnel = {row.title: (row.career_views, row.views, row.enquiries) for row in audience.courses}
    assert funnel == {"SQL Basics": (17, 6, 0), "Python for Data": (4, 2, 0), "Statistics": (0, 0, 0)}
    assert audience.comparisons_started == 3
    assert [(p.first, p.second, p.count) for p in audience.pairs] == [
        ("SQL Basics", "Python for Data", 3),
        ("SQL Basics", "Statistics", 1),
    ]
    html = response.content.decode()
    assert "Clear and honest." in html and "No enquiry in this period came from a career article." in html
    assert [row.career_views for row in audience.days][-4:] == [7, 0, 4, 5]


def test_a_shorter_period_leaves_out_what_came_before(client, staff, signals):
    client.force_login(staff)
    audience = client.get(AUDIENCE, {"days": "7"}).context["audience"]
    assert {row.title: row.views for row in audience.careers}["Data Analyst"] == 12
    assert len(audience.days) == 7
    custom = client.get(AUDIENCE, {"start": ago(45).isoformat(), "end": ago(35).isoformat()})
    assert custom.context["period"] == Period(ago(45), ago(35))
    assert {row.title: row.views for row in custom.context["audience"].careers}["Data Analyst"] == 100
    assert custom.context["chosen_days"] is None


@pytest.mark.parametrize(
    "query, message",
    [
        ({"days": "8"}, "Choose the last 7, 30 or 90 days."),
        ({"start": "yesterday", "end": TODAY.isoformat()}, "The start is not a date"),
        ({"start": "2026-02-30", "end": "2026-03-01"}, "The start is not a date"),
        ({"start": ago(3).isoformat()}, "Choose both a start and an end date"),
        ({"start": ago(1).isoformat(), "end": ago(3).isoformat()}, "The start date is after the end date."),
        (
            {"start": ago(1).isoformat(), "end": (TODAY + datetime.timedelta(days=1)).isoformat()},
            "in the future",
        ),
        ({"start": "1999-12-31", "end": "2000-01-05"}, "Nothing was counted before 2000"),
        ({"start": "2000-01-01", "end": TODAY.isoformat()}, "at most 731 days"),
        ({"start": "\x00", "end": "9" * 400}, "The start is not a date"),
    ],
)
def test_a_period_that_cannot_be_used_says_why_and_shows_the_default(client, staff, query, message):
    client.force_login(staff)
    response = client.get(AUDIENCE, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f"Showing the last {DEFAULT_DAYS} days." in html
    assert response.context["period"] == Period.last(DEFAULT_DAYS, TODAY)


def test_parse_period_reads_presets_and_dates():
    today = datetime.date(2026, 11, 30)
    assert parse_period(QueryDict(""), today)[0] == Period(datetime.date(2026, 11, 1), today)
    assert parse_period(QueryDict("days=90"), today)[0].days == 90
    period, _form, problems = parse_period(QueryDict("days=7&start=2026-01-01&end=2026-01-31"), today)
    assert (period, problems) == (Period(datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)), [])
    assert str(period) == "1 January 2026 to 31 January 2026 (31 days)"


def test_each_table_downloads_as_csv_and_xlsx_for_the_period(client, staff, signals):
    client.force_login(staff)
    response = client.get(AUDIENCE, {"days": "7", "table": "courses", "export": "csv"})
    assert f'filename="audience-courses-{ago(6)}-to-{TODAY}.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == [
        "Course",
        "Views of its careers",
        "Course views",
        "Enquiries",
        "Course views per career view",
        "Enquiries per course view",
    ]
    assert rows[1] == ["SQL Basics", "16", "6", "0", "38%", "0%"]

    pairs = load_workbook(
        io.BytesIO(download(client.get(AUDIENCE, {"table": "pairs", "export": "xlsx"})))
    ).active
    assert [cell.value for cell in next(pairs.iter_rows(min_row=2, max_row=2))] == [
        "SQL Basics",
        "Python for Data",
        3,
    ]
    days = csv_rows(client.get(AUDIENCE, {"days": "7", "table": "days", "export": "csv"}))
    assert len(days) == 8 and days[-1][:2] == [TODAY.isoformat(), "5"]


def test_comments_download_keeps_formula_like_text_inert(client, staff, signals):
    client.force_login(staff)
    rows = csv_rows(client.get(AUDIENCE, {"table": "comments", "export": "csv"}))
    assert rows[1] == [ago(1).isoformat(), "Data Analyst", "No", '\'=HYPERLINK("x")']
    sheet = load_workbook(
        io.BytesIO(download(client.get(AUDIENCE, {"table": "comments", "export": "xlsx"})))
    ).active
    cell = next(sheet.iter_rows(min_row=2, max_row=2))[3]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")


def test_an_unknown_download_says_so_instead_of_failing(client, staff, signals):
    client.force_login(staff)
    for query in ({"table": "secrets", "export": "csv"}, {"table": "careers", "export": "pdf"}):
        response = client.get(AUDIENCE, query)
        assert response.status_code == 200
        assert "That download does not exist" in response.content.decode()


def test_enquiries_are_counted_per_course_and_per_career_that_led_there(client, staff, signals):
    sql, python, analyst = signals["sql"], signals["python"], signals["analyst"]
    EnquiryFactory(course=sql, came_from_page=analyst, came_from_kind="career")
    EnquiryFactory(course=sql, came_from_page=analyst, came_from_kind="career")
    EnquiryFactory(course=sql, came_from_kind="comparison", came_from_path="/courses/compare/")
    EnquiryFactory(course=python)
    old = EnquiryFactory(course=python, came_from_page=analyst, came_from_kind="career")
    Enquiry.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=60))

    counts = enquiry_counts(Period.last(30, TODAY))

    assert counts.per_course == {sql.pk: 3, python.pk: 1}
    assert counts.from_careers == {(sql.pk, analyst.pk): 2}
    client.force_login(staff)
    page = client.get(AUDIENCE).content.decode()
    assert "Data Analyst" in page and "SQL Basics" in page
