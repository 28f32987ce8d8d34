"""Content health checks on what a career page shows: its salary sources, its parts, its course links.

Each check is a fixed number of queries whatever the catalogue's size. ``courses/content_health.py``
counts them for the dashboard and the admin home panel. The two that read every career's body in
Python grow with the catalogue (2.8x the CPU at 1,000 careers), so their rows are kept in the
cache under the content version, which every change to a page, snippet or restriction bumps.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from wagtail.models import Page

from careers.models import CareerPage, CareerRoute, SalaryFigure, SalarySource
from courses.models import CourseCareerLink
from portal import content_version
from portal.visibility import public_pages

# The body sections every "Day in the Life" article has, by block type, as editors know them.
BODY_SECTIONS = {
    "time_of_day": "the day (a time of day section)",
    "skills": "the skills section",
    "challenges": "the challenges section",
    "suitability": "the “Is this role for you?” section",
}


def questionable_salary_sources() -> QuerySet[SalarySource]:
    """Sources that career figures use although they are illustrative or give readers no link,
    each annotated with ``figure_count``, illustrative ones first."""
    used = SalaryFigure.objects.filter(source=OuterRef("pk"))
    return (
        SalarySource.objects.filter(Exists(used))
        .filter(Q(is_illustrative=True) | Q(url=""))
        .annotate(figure_count=Count("figures"))
        .order_by("-is_illustrative", "name")
    )


@dataclass(frozen=True)
class CareerProblem:
    """A career and what it lacks or links to wrongly, in the words an editor reads, with the courses
    (id, title) whose page fixes it where the fix is there rather than on the career."""

    career_id: int
    title: str
    live: bool
    problems: tuple[str, ...]
    courses: tuple[tuple[int, str], ...] = ()


def careers_missing_parts() -> list[CareerProblem]:
    return content_version.remember(
        content_version.key_for(None, "content-health", "missing-parts"), _careers_missing_parts
    )


def broken_course_links() -> list[CareerProblem]:
    return content_version.remember(
        content_version.key_for(None, "content-health", "broken-course-links"), _broken_course_links
    )


def _careers_missing_parts() -> list[CareerProblem]:
    """Careers without a hero image, a SOC code, or one of the article's body sections, A–Z."""
    rows = []
    careers = CareerPage.objects.order_by("title").only(
        "id", "title", "live", "hero_image", "soc_code", "body"
    )
    for career in careers:
        missing = []
        if career.hero_image_id is None:
            missing.append("a hero image")
        if not career.soc_code:
            missing.append("a SOC code (needed for the official salary figures)")
        present = {block["type"] for block in career.body.raw_data}
        missing += [label for kind, label in BODY_SECTIONS.items() if kind not in present]
        if missing:
            rows.append(CareerProblem(career.pk, career.title, career.live, tuple(missing)))
    return rows


def _links_to_unseen_courses(links: QuerySet) -> QuerySet:
    """Rows of a career-to-course link table (a ``career`` and a ``course`` page FK) whose course
    readers cannot see, A–Z by career."""
    return (
        links.exclude(course__in=public_pages(Page.objects.all()))
        .select_related("career", "course")
        .order_by("career__title", "course__title", "pk")
    )


def _broken_course_links() -> list[CareerProblem]:
    """Careers whose call to action, route in or course link points at a course readers cannot see
    (unpublished, private or deleted), A–Z. Four queries.

    Course links are made from either side (a course names the careers it prepares for, a career
    the courses that prepare for it), read once a pair through ``courses.CourseCareerLink``; the
    career page leaves out the ones readers cannot see.
    """
    calls: dict[int, tuple[CareerPage, list[int | None]]] = {}
    for career in CareerPage.objects.order_by("title").only("id", "title", "live", "body"):
        course_ids = [
            block["value"].get("course")
            for block in career.body.raw_data
            if block["type"] == "call_to_action"
        ]
        if course_ids:
            calls[career.pk] = (career, course_ids)
    named = {course_id for _, ids in calls.values() for course_id in ids if course_id}
    visible = set(public_pages(Page.objects.filter(pk__in=named)).values_list("pk", flat=True))
    found: dict[int, tuple[str, bool, list[str], list[tuple[int, str]]]] = {}

    def flag(career: CareerPage, problem: str, course: Page | None = None) -> None:
        entry = found.setdefault(career.pk, (career.title, career.live, [], []))
        entry[2].append(problem)
        if course is not None and (course.pk, course.title) not in entry[3]:
            entry[3].append((course.pk, course.title))

    for career, ids in calls.values():
        for course_id in ids:
            if course_id not in visible:
                flag(
                    career,
                    "the call to action names no course"
                    if not course_id
                    else "the call to action links to a course readers cannot see",
                )
    routes = CareerRoute.objects.filter(kind=CareerRoute.Kind.COURSE)
    for route in _links_to_unseen_courses(routes):
        course = route.course.title if route.course else "no course"
        flag(route.career, f"the route in through “{course}” links to a course readers cannot see")
    for link in _links_to_unseen_courses(CourseCareerLink.objects.all()):
        problem = f"“{link.course.title}” prepares for it but readers cannot see the course"
        flag(link.career, problem, link.course)
    return sorted(
        (
            CareerProblem(pk, title, live, tuple(problems), tuple(courses))
            for pk, (title, live, problems, courses) in found.items()
        ),
        key=lambda row: row.title,
    )
