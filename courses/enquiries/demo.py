"""Demo enquiries, so the admissions inbox and the dashboard have something to show on `make run`.

The data lives in courses/demo_content/enquiries.json (invented people at example.com and
example.org addresses); courses/demo.py calls :func:`seed` after the courses exist. Each enquiry is
matched by its email address, so a second run adds nothing. They are stored as already emailed:
seeding sends admissions nothing.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from careers import demo as careers_demo
from careers.models import CareerPage
from courses.enquiries.came_from import COMPARISON
from courses.enquiries.forms import CONSENT_VERSION, consent_words
from courses.enquiries.models import Enquiry
from courses.models import CourseIndexPage, CoursePage
from portal.demo import DemoContent
from portal.models import SiteSettings

DEMO_CONTENT = Path(__file__).resolve().parents[1] / "demo_content"
DATA_FILE = DEMO_CONTENT / "enquiries.json"
FIELDS = (
    "course",
    "came_from",
    "name",
    "email",
    "question",
    "start_date",
    "status",
    "note",
    "days_ago",
    "assigned",
)
DEMO_ADMISSIONS_USER = "demo-admissions"


def _course_start_dates() -> dict[str, set[str]]:
    """Each demo course's start dates as written in courses.json (courses/demo.py checks that file)."""
    courses = DemoContent(DEMO_CONTENT / "courses.json").data.get("courses", [])
    return {course["slug"]: set(course["start_dates"]) for course in courses}


def load(path: Path | None = None) -> dict[str, Any]:
    """The enquiries file, each checked against the demo courses and careers it names."""
    content = DemoContent(path or DATA_FILE)
    data = content.fields("the file", content.data, ("enquiries",))
    courses = _course_start_dates()
    careers = {career["slug"] for career in careers_demo.load()["careers"]}
    for where, enquiry in content.entries("enquiries", "enquiry", FIELDS):
        content.refer(where, "course", [enquiry["course"]], courses)
        if enquiry["came_from"] not in ("", COMPARISON):
            content.refer(f"{where}, came_from", "career", [enquiry["came_from"]], careers)
        content.choice(f"{where}, status", enquiry["status"], Enquiry.Status.values)
        if enquiry["start_date"] is not None:
            if enquiry["start_date"] not in courses[enquiry["course"]]:
                raise content.error(f"{where}, start_date", "is not one of the course's start dates")
            enquiry["start_date"] = content.date(f"{where}, start_date", enquiry["start_date"])
        days = enquiry["days_ago"]
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 300:
            raise content.error(f"{where}, days_ago", "should be a whole number of days from 0 to 300")
    return data


def seed(data: dict[str, Any], index: CourseIndexPage, site_settings: SiteSettings) -> int:
    """Create the demo enquiries (as :func:`load` gave them) not there yet; how many were created."""
    existing = set(Enquiry.objects.values_list("email", flat=True))
    courses = {course.slug: course for course in CoursePage.objects.child_of(index)}
    careers = {career.slug: career for career in CareerPage.objects.all()}
    assignee = get_user_model().objects.filter(username=DEMO_ADMISSIONS_USER).first()
    privacy = site_settings.privacy_page
    consent = consent_words(
        site_settings.organisation_name, site_settings.enquiry_retention_days, privacy.url if privacy else ""
    )
    created = 0
    for entry in data["enquiries"]:
        course = courses.get(entry["course"])
        if entry["email"] in existing or course is None:
            continue
        career = careers.get(entry["came_from"])
        kind, path = "", ""
        if career is not None:
            kind, path = "career", career.url or ""
        elif entry["came_from"] == COMPARISON:
            kind, path = "comparison", index.compare_url()
        received = timezone.now() - datetime.timedelta(days=entry["days_ago"], hours=3 + created)
        Enquiry.objects.create(
            course=course,
            course_title=course.title,
            name=entry["name"],
            email=entry["email"],
            question=entry["question"],
            start_date=entry["start_date"],
            consent=True,
            consent_text=consent[:500],
            consent_version=CONSENT_VERSION,
            came_from_page=career,
            came_from_kind=kind,
            came_from_path=path,
            status=entry["status"],
            note=entry["note"],
            assigned_to=assignee if entry["assigned"] else None,
            created_at=received,
            # Stored as already emailed: seeding the demo sends admissions nothing.
            email_sent_at=received,
            email_attempts=1,
            email_next_attempt_at=None,
        )
        created += 1
    return created
