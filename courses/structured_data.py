"""schema.org Course for a course page and an ItemList of courses for the course index.

Follows the shape search engines read for course listings: the provider as an
Organization, an Offer with the price in GBP, and a CourseInstance with the course
mode, the weekly schedule and the start dates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import prefetch_related_objects
from django.http import HttpRequest

from courses.course_outlook import published_snippet_prefetches
from courses.page_context import COURSES_PER_PAGE

if TYPE_CHECKING:
    from courses.models import CourseIndexPage, CoursePage

# schema.org's courseMode values as search engines expect them.
COURSE_MODES = {"online": "Online", "in_person": "Onsite", "blended": "Blended"}


def provider(course: CoursePage) -> dict[str, Any]:
    organisation: dict[str, Any] = {"@type": "Organization", "name": course.provider.name}
    if course.provider.website:
        organisation["sameAs"] = course.provider.website
    return organisation


def course(page: CoursePage, request: HttpRequest | None) -> dict[str, Any]:
    # Published skills only, whichever part of the page fetches them first (the head may be first).
    prefetch_related_objects([page], "provider", "start_dates", *published_snippet_prefetches(type(page)))
    url = page.get_full_url(request)
    mode = COURSE_MODES.get(page.study_mode, page.get_study_mode_display())
    instance: dict[str, Any] = {
        "@type": "CourseInstance",
        "courseMode": mode,
        "courseWorkload": f"PT{page.duration_weeks * page.hours_per_week}H",
        "courseSchedule": {
            "@type": "Schedule",
            "duration": f"PT{page.hours_per_week}H",
            "repeatFrequency": "Weekly",
            "repeatCount": page.duration_weeks,
        },
    }
    instances = []
    start_dates = sorted(start.starts_on for start in page.start_dates.all())
    for starts_on in start_dates:
        instances.append({**instance, "startDate": starts_on.isoformat()})
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": page.title,
        "description": page.search_description or page.summary,
        "url": url,
        "provider": provider(page),
        "offers": [
            {
                "@type": "Offer",
                "category": "Free" if page.is_free else "Paid",
                "price": f"{page.price:.2f}",
                "priceCurrency": "GBP",
                "url": url,
            }
        ],
        "timeRequired": f"P{page.duration_weeks}W",
        "educationalLevel": page.get_level_display(),
        "hasCourseInstance": instances or [instance],
    }
    skills = sorted(skill.name for skill in page.skills.all())
    if skills:
        data["teaches"] = skills
    if page.certification:
        data["educationalCredentialAwarded"] = page.certification
    return data


def course_list(index: CourseIndexPage, request: HttpRequest | None) -> list[dict[str, Any]]:
    """The index as an ItemList of its public courses, each by its own URL (the summary form
    search engines accept, so each course's full details live on one page only).

    Only on the list itself: the comparison routes beneath the index are not the list. It holds
    the first page of the list as it first appears (the canonical page; later pages name it as
    theirs), so it costs the same for 16 courses or 200."""
    if request is not None and request.path != index.get_url(request):
        return []
    courses = index.courses().order_by("title")[:COURSES_PER_PAGE]
    item_list = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": index.title,
        "url": index.get_full_url(request),
        "itemListElement": [
            {"@type": "ListItem", "position": position, "url": item.get_full_url(request), "name": item.title}
            for position, item in enumerate(courses, start=1)
        ],
    }
    return [item_list]
