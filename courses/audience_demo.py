"""A month of plausible audience signals for the demo, so the dashboard's Audience view has something
to show on ``make run``.

The numbers are described, not listed, in courses/demo_content/audience.json: each career's and
course's typical weekday views and each career's share of "yes" answers, the weekly rhythm (quiet
weekends), how often some courses are compared, and a dozen comments. Each day's figures are
drawn from a random generator seeded with the page and the date, so a day always gets the same
numbers. Seeding is idempotent: a day that already has a row (seeded before, or counted for real)
is left alone, and a comment already there is not added twice. Runs after courses/demo.py has
made the pages (it is called from there).
"""

from __future__ import annotations

import datetime
import random
from itertools import combinations
from pathlib import Path
from typing import Any

from django.utils import timezone

from careers import demo as careers_demo
from careers.models import CareerPage, HelpfulComment, HelpfulVoteDay
from courses.models import CourseIndexPage, CoursePage
from portal.demo import DemoContent
from portal.models import AudienceDailyCount, ComparedPairDailyCount

DATA_FILE = Path(__file__).resolve().parent / "demo_content" / "audience.json"
COURSES_FILE = DATA_FILE.with_name("courses.json")
Kind = AudienceDailyCount.Kind


def load(path: Path | None = None) -> dict[str, Any]:
    """The audience data file, checked against itself and the careers and courses it names."""
    content = DemoContent(path or DATA_FILE)
    data = content.fields(
        "the file",
        content.data,
        ("days", "weekday_share", "answer_share", "careers", "courses", "comparisons", "comments"),
    )
    if not isinstance(data["days"], int) or not 1 <= data["days"] <= 365:
        raise content.error('"days"', "should be a whole number of days from 1 to 365")
    shares = data["weekday_share"]
    if not isinstance(shares, list) or len(shares) != 7 or any(not 0 <= share <= 3 for share in shares):
        raise content.error('"weekday_share"', "should be seven numbers from 0 to 3, Monday first")
    known_careers = {career["slug"] for career in _careers_data()}
    known_courses = {course["slug"] for course in _courses_data()}
    content.refer('"careers"', "career", data["careers"], known_careers)
    for slug, career in data["careers"].items():
        content.fields(f'career "{slug}"', career, ("views", "helpful"))
        if not 0 <= career["helpful"] <= 1:
            raise content.error(f'career "{slug}", helpful', "should be a share from 0 to 1")
    content.refer('"courses"', "course", data["courses"], known_courses)
    for position, comparison in enumerate(data["comparisons"], start=1):
        where = f"comparison {position}"
        content.fields(where, comparison, ("courses", "per_day"))
        content.refer(f"{where}, courses", "course", comparison["courses"], known_courses)
        if len(set(comparison["courses"])) < 2:
            raise content.error(f"{where}, courses", "should name at least two different courses")
    for position, comment in enumerate(data["comments"], start=1):
        where = f"comment {position}"
        content.fields(where, comment, ("career", "days_ago", "helpful", "text"))
        content.refer(f"{where}, career", "career", [comment["career"]], known_careers)
        if not 0 <= comment["days_ago"] < data["days"]:
            raise content.error(f"{where}, days_ago", f"should be from 0 to {data['days'] - 1}")
    return data


def _careers_data() -> list[dict[str, Any]]:
    # Only the slugs are read here; the careers and courses loaders check the rest of their files.
    return DemoContent(careers_demo.DATA_FILE).data["careers"]


def _courses_data() -> list[dict[str, Any]]:
    return DemoContent(COURSES_FILE).data["courses"]


def _draw(seed: str, mean: float) -> int:
    """A whole number around ``mean`` (never below 0), the same every time for the same seed."""
    generator = random.Random(seed)  # noqa: S311 (demo figures, repeatable on purpose)
    return max(0, round(generator.gauss(float(mean), float(mean) ** 0.5 + 0.5)))


def seed() -> str:
    data = load()
    today = timezone.localdate()
    days = [today - datetime.timedelta(days=offset) for offset in range(data["days"])]
    careers = {page.slug: page for page in CareerPage.objects.filter(slug__in=data["careers"])}
    courses = {page.slug: page for page in CoursePage.objects.filter(slug__in=data["courses"])}
    index = CourseIndexPage.objects.first()
    shares = [float(share) for share in data["weekday_share"]]

    views, answers, pairs = [], [], []
    for day in days:
        share = shares[day.weekday()]
        for slug, career in careers.items():
            figures = data["careers"][slug]
            seen = _draw(f"career:{slug}:{day}", figures["views"] * share)
            answered = _draw(f"answers:{slug}:{day}", seen * float(data["answer_share"]))
            yes = round(answered * float(figures["helpful"]))
            if seen:
                views.append(AudienceDailyCount(day=day, kind=Kind.CAREER, page=career, count=seen))
            if answered:
                answers.append(HelpfulVoteDay(career=career, day=day, yes=yes, no=answered - yes))
        for slug, course in courses.items():
            seen = _draw(f"course:{slug}:{day}", data["courses"][slug] * share)
            if seen:
                views.append(AudienceDailyCount(day=day, kind=Kind.COURSE, page=course, count=seen))
        started = 0
        for position, comparison in enumerate(data["comparisons"]):
            compared = [courses[slug] for slug in comparison["courses"] if slug in courses]
            times = _draw(f"comparison:{position}:{day}", float(comparison["per_day"]) * share)
            if len(compared) < 2 or not times:
                continue
            started += times
            for first, second in combinations(sorted(compared, key=lambda page: page.pk), 2):
                pairs.append((day, first, second, times))
        if index is not None and started:
            views.append(AudienceDailyCount(day=day, kind=Kind.COMPARISON, page=index, count=started))

    # One row per day and pair, however many comparisons put the pair side by side.
    pair_totals: dict[tuple[datetime.date, int, int], ComparedPairDailyCount] = {}
    for day, first, second, times in pairs:
        row = pair_totals.setdefault(
            (day, first.pk, second.pk), ComparedPairDailyCount(day=day, first=first, second=second, count=0)
        )
        row.count += times
    # ignore_conflicts: a day already there (seeded earlier or counted for real) keeps its figures.
    AudienceDailyCount.objects.bulk_create(views, ignore_conflicts=True)
    ComparedPairDailyCount.objects.bulk_create(pair_totals.values(), ignore_conflicts=True)
    HelpfulVoteDay.objects.bulk_create(answers, ignore_conflicts=True)
    added = _comments(data["comments"], careers, today)
    return (
        f"a month of audience signals ({len(days)} days, {len(careers)} careers, {len(courses)} courses); "
        f"{added} comments added"
    )


def _comments(comments: list[dict[str, Any]], careers: dict[str, CareerPage], today: datetime.date) -> int:
    existing = set(HelpfulComment.objects.values_list("career_id", "text"))
    new = [
        HelpfulComment(
            career=careers[comment["career"]],
            day=today - datetime.timedelta(days=comment["days_ago"]),
            helpful=comment["helpful"],
            text=comment["text"],
        )
        for comment in comments
        if comment["career"] in careers and (careers[comment["career"]].pk, comment["text"]) not in existing
    ]
    HelpfulComment.objects.bulk_create(new)
    return len(new)
