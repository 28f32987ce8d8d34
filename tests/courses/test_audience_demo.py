"""The demo's month of audience signals: its data file, what seeding makes of it, and that a second
seed adds nothing."""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from careers.models import HelpfulComment, HelpfulVoteDay
from courses import audience_demo
from portal.demo import DemoContentError
from portal.models import AudienceDailyCount, ComparedPairDailyCount


def test_the_shipped_file_loads():
    data = audience_demo.load()
    assert data["days"] == 30 and len(data["comments"]) == 12


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda data: data["careers"].update(astronaut={"views": 3, "helpful": 0.5}),
            'unknown career "astronaut"',
        ),
        (lambda data: data["courses"].update(astronomy=3), '"courses": unknown course "astronomy"'),
        (lambda data: data.update(weekday_share=[1, 1, 1]), "should be seven numbers from 0 to 3"),
        (lambda data: data.update(days=0), "from 1 to 365"),
        (lambda data: data["careers"]["ui-designer"].update(helpful=2), "should be a share from 0 to 1"),
        (
            lambda data: data["comparisons"][0].update(courses=["ux-design", "ux-design"]),
            "comparison 1, courses: should name at least two different courses",
        ),
        (lambda data: data["comments"][0].update(days_ago=30), "comment 1, days_ago: should be from 0 to 29"),
        (lambda data: data["comments"][0].update(author="me"), "comment 1: unknown field author"),
    ],
    ids=["career", "course", "weekdays", "days", "helpful", "comparison", "days-ago", "field"],
)
def test_a_broken_file_is_refused_naming_the_entry(broken_demo_file, change, expected):
    path = broken_demo_file(audience_demo, change)
    with pytest.raises(DemoContentError) as refusal:
        audience_demo.load(path)
    assert str(refusal.value).startswith(f"{path}, ") and expected in str(refusal.value)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_content")
class TestSeeded:
    def test_a_month_of_views_with_quiet_weekends(self):
        today = timezone.localdate()
        views = AudienceDailyCount.objects.filter(kind="career")
        assert {row.day for row in views} == {today - datetime.timedelta(days=n) for n in range(30)}
        per_day: defaultdict = defaultdict(int)
        for row in views:
            per_day[row.day] += row.count
        weekdays = [total for day, total in per_day.items() if day.weekday() < 5]
        weekends = [total for day, total in per_day.items() if day.weekday() >= 5]
        assert statistics.mean(weekends) < 0.8 * statistics.mean(weekdays)

    def test_comparisons_answers_and_comments_are_there(self):
        assert AudienceDailyCount.objects.filter(kind="comparison").exists()
        assert ComparedPairDailyCount.objects.count() > 30
        yes = sum(HelpfulVoteDay.objects.values_list("yes", flat=True))
        no = sum(HelpfulVoteDay.objects.values_list("no", flat=True))
        assert yes > no > 0
        assert HelpfulComment.objects.count() == 12

    def test_a_second_seed_adds_nothing(self):
        def snapshot() -> tuple:
            return (
                sorted(AudienceDailyCount.objects.values_list("day", "kind", "page_id", "count")),
                sorted(ComparedPairDailyCount.objects.values_list("day", "first_id", "second_id", "count")),
                sorted(HelpfulVoteDay.objects.values_list("career_id", "day", "yes", "no")),
                sorted(HelpfulComment.objects.values_list("career_id", "text")),
            )

        first = snapshot()
        call_command("seed_demo", stdout=StringIO())
        assert snapshot() == first

    def test_the_audience_view_shows_the_demo(self, client, staff):
        client.force_login(staff)
        audience = client.get("/admin/comparison/audience/").context["audience"]
        assert audience.total("careers", "views") > 1000 and audience.comparisons_started > 50
        assert audience.comments and audience.pairs
