"""The demo enquiries `seed_demo` adds for the admissions inbox, the settings and privacy notice
the form relies on, and how a broken enquiries file is refused."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Site

from courses.enquiries import demo
from courses.enquiries.models import Enquiry
from portal.demo import DemoContentError
from portal.models import SiteSettings


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_content")
class TestSeeded:
    def test_a_handful_of_enquiries_from_careers_the_comparison_and_straight_to_courses(self):
        enquiries = list(Enquiry.objects.select_related("course", "came_from_page", "assigned_to"))
        assert len(enquiries) == 6
        assert {enquiry.came_from_kind for enquiry in enquiries} == {"career", "comparison", ""}
        assert {enquiry.status for enquiry in enquiries} == {"new", "contacted", "closed"}
        for enquiry in enquiries:
            assert enquiry.course is not None and enquiry.course.live
            assert enquiry.email.endswith(("@example.com", "@example.org"))
            assert enquiry.email_sent_at is not None, "seeding emails nobody"
            if enquiry.came_from_kind == "career":
                assert enquiry.came_from_path == enquiry.came_from_page.url
            if enquiry.start_date:
                assert enquiry.start_date in {start.starts_on for start in enquiry.course.start_dates.all()}
        assert any(
            enquiry.assigned_to and enquiry.assigned_to.username == "demo-admissions" for enquiry in enquiries
        )

    def test_a_second_seed_adds_no_enquiry(self):
        before = sorted(Enquiry.objects.values_list("pk", flat=True))
        call_command("seed_demo", stdout=StringIO())
        assert sorted(Enquiry.objects.values_list("pk", flat=True)) == before

    def test_the_settings_send_enquiries_to_admissions_and_link_the_privacy_notice(self, client):
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        assert site_settings.admissions_email == "admissions@example.org"
        assert site_settings.privacy_page.url == "/privacy/"
        notice = " ".join(client.get("/privacy/").content.decode().split())
        for words in (
            "When you ask about a course",
            "deleted automatically a year after it was sent",
            "We keep only totals for each day",
            "We do not store IP addresses or browser details (user agents), we set no cookie to count you",
        ):
            assert words in notice
        form = client.get("/courses/enquire/?course=artificial-intelligence").content.decode()
        assert 'Read our <a href="/privacy/">privacy notice</a>' in form


def test_the_shipped_enquiries_file_loads_with_dates():
    enquiries = demo.load()["enquiries"]
    assert len(enquiries) == 6
    assert enquiries[0]["start_date"].isoformat() == "2027-04-12"


def _first(data):
    return data["enquiries"][0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda data: _first(data).update(course="astronomy"), 'unknown course "astronomy"'),
        (lambda data: _first(data).update(came_from="astronaut"), 'came_from: unknown career "astronaut"'),
        (lambda data: _first(data).update(start_date="2027-04-13"), "is not one of the course's start dates"),
        (
            lambda data: _first(data).update(status="lost"),
            'status: "lost" is not one of new, contacted, closed',
        ),
        (lambda data: _first(data).update(days_ago=-1), "days_ago: should be a whole number of days"),
        (lambda data: _first(data).pop("email"), "missing email"),
    ],
    ids=["course", "career", "start-date", "status", "days", "missing"],
)
def test_a_broken_enquiries_file_is_refused_naming_the_entry(broken_demo_file, change, expected):
    path = broken_demo_file(demo, change)
    with pytest.raises(DemoContentError) as refusal:
        demo.load(path)
    assert str(refusal.value).startswith(f"{path}, enquiry ")
    assert expected in str(refusal.value)
