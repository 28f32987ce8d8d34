"""Every dashboard view and download costs the same queries with 3 careers or 30 (issue 16, growth):
the tables page or stop at a limit, the downloads hold every row."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careers.factories import (
    CareerPageFactory,
    CareerRouteFactory,
    CareerSkillFactory,
    OfficialSalaryFigureFactory,
    SalaryFigureFactory,
    SalarySourceFactory,
    SkillFactory,
)
from careers.models import HelpfulComment, HelpfulVoteDay, SalaryFigure
from careers.models.salary import reliable_q
from courses.factories import CoursePageFactory, ProviderFactory
from portal.models import AudienceDailyCount, ComparedPairDailyCount

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LONG_AGO = TODAY - datetime.timedelta(days=900)
VIEWS = [
    "/admin/comparison/",
    "/admin/comparison/results/",
    "/admin/comparison/?export=csv",
    "/admin/comparison/?export=xlsx",
    "/admin/comparison/salaries/",
    "/admin/comparison/salaries/?ordering=title",
    "/admin/comparison/salaries/?export=csv",
    "/admin/comparison/salaries/?export=xlsx",
    "/admin/comparison/content-health/",
    "/admin/comparison/content-health/?export=csv",
    "/admin/comparison/content-health/?export=xlsx",
    "/admin/comparison/audience/",
    "/admin/comparison/audience/?table=careers&export=csv",
    "/admin/comparison/audience/?table=courses&export=xlsx",
    "/admin/comparison/audience/?table=comments&export=csv",
    "/admin/",
]


def grow(career_index, course_index, careers: int) -> None:
    """``careers`` careers, each with every problem content health lists, and a course per career
    (one in three a draft) that other courses are compared with, with a month of audience counts."""
    provider = ProviderFactory()
    source = SalarySourceFactory(is_illustrative=True, url="")
    first = CoursePageFactory(parent=course_index, provider=provider)
    for n in range(careers):
        career = CareerPageFactory(parent=career_index, soc_code="", body=[])
        SalaryFigureFactory(career=career, source=source, gathered_on=LONG_AGO)
        SalaryFigureFactory(career=career, region="London", typical=40_000 + n)
        OfficialSalaryFigureFactory(career=career, region="Wales", year=TODAY.year - 1)
        OfficialSalaryFigureFactory(career=career, region="Scotland")
        CareerSkillFactory(career=career, skill=SkillFactory())
        course = CoursePageFactory(parent=course_index, provider=provider, careers=[career] if n % 2 else [])
        if n % 3 == 0:
            course.unpublish()
            CareerRouteFactory(career=career, course=course)
        AudienceDailyCount.objects.create(day=TODAY, kind="career", page=career, count=n + 1)
        AudienceDailyCount.objects.create(day=TODAY, kind="course", page=course, count=n + 2)
        ComparedPairDailyCount.objects.create(day=TODAY, first=first, second=course, count=1)
        HelpfulVoteDay.objects.create(career=career, day=TODAY, yes=1, no=1)
        HelpfulComment.objects.create(career=career, day=TODAY, helpful=True, text="Useful.")


def queries(client, url: str) -> tuple[int, bytes]:
    client.get(url)  # warm what a first request fills (site root paths, permissions, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        # A streamed download runs its queries as it is read.
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, url
    return len(captured.captured_queries), body


@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_every_dashboard_view_and_download_costs_the_same_for_3_or_30_careers(
    client, request, who, career_index, course_index
):
    client.force_login(request.getfixturevalue(who))
    grow(career_index, course_index, 3)
    small = {url: queries(client, url) for url in VIEWS}
    grow(career_index, course_index, 27)
    for url in VIEWS:
        count, body = queries(client, url)
        assert count <= small[url][0], f"{url}: {small[url][0]} queries with 3 careers, {count} with 30"
        if "export=csv" in url:
            # Downloads hold every row however many the page shows.
            rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
            assert len(rows) > len(list(csv.reader(io.StringIO(small[url][1].decode("utf-8"))))), url


def test_a_big_catalogue_pages_its_tables_but_downloads_every_row(client, staff, career_index, course_index):
    grow(career_index, course_index, 30)
    client.force_login(staff)
    response = client.get("/admin/comparison/salaries/")
    assert len(response.context["chart"].bars) == 25
    assert "Showing careers 1 to 25 of 30" in response.content.decode()
    second = client.get("/admin/comparison/salaries/", {"p": 2, "ordering": "title"})
    assert "Showing careers 26 to 30 of 30" in second.content.decode()
    assert len(second.context["chart"].bars) == 5

    health = client.get("/admin/comparison/content-health/").content.decode()
    assert "Careers missing a part (30)" in health
    assert "Showing the first 25 of 30" in health

    download = client.get("/admin/comparison/salaries/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert len(rows) == 1 + SalaryFigure.objects.filter(reliable_q()).count() > 1 + 30
