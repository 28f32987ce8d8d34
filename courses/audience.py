"""What the dashboard's Audience view shows: who read what, what helped, and where it led.

Everything comes from daily aggregates, read over a period staff choose (the last 7, 30 or 90
days, or from one date to another): page views counted by portal/audience_counting.py, "Was this
helpful?" answers (careers/helpful.py) and enquiries (:func:`enquiry_counts`). Nothing here knows
who anyone is: there is nothing stored that could say.

A course's funnel is: views of the careers it prepares for (each career counts toward every
course linked to it), then views of the course page, then enquiries about the course.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, Sum
from django.http import QueryDict
from django.utils import timezone

from careers.models import CareerPage, HelpfulComment, HelpfulVoteDay
from courses.course_text import uk_date
from courses.enquiries.models import CameFromKind, Enquiry
from courses.models import CourseCareerLink, CoursePage
from portal.models import AudienceDailyCount, ComparedPairDailyCount

PERIOD_CHOICES = [(7, "Last 7 days"), (30, "Last 30 days"), (90, "Last 90 days")]
DEFAULT_DAYS = 30
MAX_SPAN_DAYS = 731
EARLIEST = datetime.date(2000, 1, 1)
Kind = AudienceDailyCount.Kind


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def last(cls, days: int, today: datetime.date) -> Period:
        return cls(today - datetime.timedelta(days=days - 1), today)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as aware datetimes: local midnight at its start, local midnight after its end."""
        after = self.end + datetime.timedelta(days=1)
        return (
            timezone.make_aware(datetime.datetime.combine(self.start, datetime.time())),
            timezone.make_aware(datetime.datetime.combine(after, datetime.time())),
        )

    def __str__(self) -> str:
        days = f"{self.days} day{'s' if self.days != 1 else ''}"
        return f"{uk_date(self.start)} to {uk_date(self.end)} ({days})"


class PeriodForm(forms.Form):
    """?days=7|30|90, or ?start=YYYY-MM-DD&end=YYYY-MM-DD (which wins when given)."""

    days = forms.TypedChoiceField(
        choices=PERIOD_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        label="Period",
        error_messages={"invalid_choice": "Choose the last 7, 30 or 90 days."},
    )
    start = forms.DateField(
        required=False,
        label="From",
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "The start is not a date: use the date picker or YYYY-MM-DD."},
    )
    end = forms.DateField(
        required=False,
        label="To",
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "The end is not a date: use the date picker or YYYY-MM-DD."},
    )

    def __init__(self, *args, today: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if self.errors or (start is None and end is None):
            return data
        if start is None or end is None:
            raise forms.ValidationError("Choose both a start and an end date, or one of the periods.")
        if start > end:
            raise forms.ValidationError("The start date is after the end date.")
        if end > self.today:
            raise forms.ValidationError("The end date is in the future: nothing is counted there yet.")
        if start < EARLIEST:
            raise forms.ValidationError(f"Nothing was counted before {EARLIEST.year}: choose a later start.")
        if (end - start).days + 1 > MAX_SPAN_DAYS:
            raise forms.ValidationError(f"Choose at most {MAX_SPAN_DAYS} days at a time.")
        return data


def parse_period(
    query: QueryDict, today: datetime.date | None = None
) -> tuple[Period, PeriodForm, list[str]]:
    """The period asked for, the form to show again, and why the default was used instead, if it was."""
    today = today or timezone.localdate()
    form = PeriodForm(query, today=today)
    if not form.is_valid():
        problems = [error for errors in form.errors.values() for error in errors]
        return Period.last(DEFAULT_DAYS, today), form, [*problems, f"Showing the last {DEFAULT_DAYS} days."]
    data = form.cleaned_data
    if data.get("start") is not None:
        return Period(data["start"], data["end"]), form, []
    return Period.last(data.get("days") or DEFAULT_DAYS, today), form, []


# --------------------------------------------------------------------------- enquiries


@dataclass(frozen=True)
class EnquiryCounts:
    """Enquiries made in a period, per course and per (course, career read just before)."""

    per_course: dict[int, int] = field(default_factory=dict)
    from_careers: dict[tuple[int, int], int] = field(default_factory=dict)


def enquiry_counts(period: Period) -> EnquiryCounts:
    """Enquiries per course in the period, and those per course that came from a career article
    (``came_from_kind`` "career"): two grouped queries, however many enquiries there are."""
    start, end = period.bounds()
    made = Enquiry.objects.filter(created_at__gte=start, created_at__lt=end, course__isnull=False).order_by()
    per_course = made.values("course_id").annotate(n=Count("pk")).values_list("course_id", "n")
    from_careers = (
        made.filter(came_from_kind=CameFromKind.CAREER, came_from_page__isnull=False)
        .values("course_id", "came_from_page_id")
        .annotate(n=Count("pk"))
        .values_list("course_id", "came_from_page_id", "n")
    )
    return EnquiryCounts(dict(per_course), {(course, career): n for course, career, n in from_careers})


# --------------------------------------------------------------------------- the view's figures


@dataclass
class CareerRow:
    pk: int
    title: str
    live: bool
    views: int = 0
    yes: int = 0
    no: int = 0
    comments: int = 0


@dataclass
class CourseRow:
    pk: int
    title: str
    live: bool
    career_views: int = 0
    views: int = 0
    enquiries: int = 0

    @property
    def views_per_career_view(self) -> str:
        return _share(self.views, self.career_views)

    @property
    def enquiries_per_view(self) -> str:
        return _share(self.enquiries, self.views)


@dataclass(frozen=True)
class PairRow:
    first: str
    second: str
    count: int


@dataclass(frozen=True)
class CommentRow:
    day: datetime.date
    career: str
    answer: str
    text: str


@dataclass(frozen=True)
class SourceRow:
    course: str
    career: str
    enquiries: int


@dataclass(frozen=True)
class DayRow:
    day: datetime.date
    career_views: int
    course_views: int
    comparisons: int
    yes: int
    no: int


@dataclass
class Audience:
    period: Period
    careers: list[CareerRow]
    courses: list[CourseRow]
    comparisons_started: int
    pairs: list[PairRow]
    comments: list[CommentRow]
    enquiry_sources: list[SourceRow]
    days: list[DayRow]

    def total(self, rows: str, attribute: str) -> int:
        return sum(getattr(row, attribute) for row in getattr(self, rows))


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def build_audience(period: Period) -> Audience:
    """Every figure of the Audience view for one period, in a fixed number of queries."""
    in_period = {"day__range": (period.start, period.end)}
    views: dict[tuple[str, int], int] = {
        (kind, page): total
        for kind, page, total in AudienceDailyCount.objects.filter(**in_period)
        .values("kind", "page_id")
        .annotate(total=Sum("count"))
        .values_list("kind", "page_id", "total")
    }
    careers = {
        pk: CareerRow(pk, title, live, views=views.get((Kind.CAREER, pk), 0))
        for pk, title, live in CareerPage.objects.order_by("title").values_list("pk", "title", "live")
    }
    for career_id, yes, no in (
        HelpfulVoteDay.objects.filter(**in_period)
        .values("career_id")
        .annotate(yes_total=Sum("yes"), no_total=Sum("no"))
        .values_list("career_id", "yes_total", "no_total")
    ):
        careers[career_id].yes, careers[career_id].no = yes, no
    comments = []
    for day, career_id, helpful, text in HelpfulComment.objects.filter(**in_period).values_list(
        "day", "career_id", "helpful", "text"
    ):
        careers[career_id].comments += 1
        comments.append(CommentRow(day, careers[career_id].title, "Yes" if helpful else "No", text))

    enquiries = enquiry_counts(period)
    linked: defaultdict[int, list[int]] = defaultdict(list)
    for course_id, career_id in CourseCareerLink.objects.values_list("course_id", "career_id"):
        linked[course_id].append(career_id)
    courses = {
        pk: CourseRow(
            pk,
            title,
            live,
            career_views=sum(careers[career].views for career in linked[pk] if career in careers),
            views=views.get((Kind.COURSE, pk), 0),
            enquiries=enquiries.per_course.get(pk, 0),
        )
        for pk, title, live in CoursePage.objects.order_by("title").values_list("pk", "title", "live")
    }
    pairs = [
        PairRow(_title(courses, first), _title(courses, second), total)
        for first, second, total in ComparedPairDailyCount.objects.filter(**in_period)
        .values("first_id", "second_id")
        .annotate(total=Sum("count"))
        .order_by("-total", "first_id", "second_id")
        .values_list("first_id", "second_id", "total")
    ]
    sources = sorted(
        (
            SourceRow(_title(courses, course), _title(careers, career), n)
            for (course, career), n in enquiries.from_careers.items()
        ),
        key=lambda row: (-row.enquiries, row.course, row.career),
    )
    return Audience(
        period=period,
        careers=sorted(careers.values(), key=lambda row: (-row.views, row.title)),
        courses=sorted(courses.values(), key=lambda row: (-row.views, row.title)),
        comparisons_started=sum(n for (kind, _), n in views.items() if kind == Kind.COMPARISON),
        pairs=pairs,
        comments=comments,
        enquiry_sources=sources,
        days=_days(period, in_period),
    )


def _title(rows: dict, pk: int) -> str:
    row = rows.get(pk)
    return row.title if row is not None else f"(page {pk}, since deleted or moved)"


def _days(period: Period, in_period: dict) -> list[DayRow]:
    """Each day's totals, oldest first, days with nothing counted included."""
    by_kind: Counter[tuple[datetime.date, str]] = Counter()
    for day, kind, total in (
        AudienceDailyCount.objects.filter(**in_period)
        .values("day", "kind")
        .annotate(total=Sum("count"))
        .values_list("day", "kind", "total")
    ):
        by_kind[(day, kind)] = total
    answers = {
        day: (yes, no)
        for day, yes, no in HelpfulVoteDay.objects.filter(**in_period)
        .values("day")
        .annotate(yes_total=Sum("yes"), no_total=Sum("no"))
        .values_list("day", "yes_total", "no_total")
    }
    rows = []
    for offset in range(period.days):
        day = period.start + datetime.timedelta(days=offset)
        yes, no = answers.get(day, (0, 0))
        rows.append(
            DayRow(
                day,
                by_kind[(day, Kind.CAREER)],
                by_kind[(day, Kind.COURSE)],
                by_kind[(day, Kind.COMPARISON)],
                yes,
                no,
            )
        )
    return rows
