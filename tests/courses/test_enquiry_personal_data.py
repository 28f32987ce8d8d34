"""A person's data on request (find, export, delete) and the retention job that deletes old enquiries."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from courses.enquiries.models import Enquiry
from courses.factories import EnquiryFactory

pytestmark = pytest.mark.django_db

PERSON = "/admin/enquiries/person/"


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def enquiries(enquiry_setup):
    course = enquiry_setup.course
    return {
        "priya": [
            EnquiryFactory(course=course, name="Priya Shah", email="priya@example.com"),
            EnquiryFactory(course=None, course_title="Old course", name="Priya S", email="PRIYA@Example.com"),
        ],
        "tom": [EnquiryFactory(course=course, name="Tom Baker", email="tom@example.org", question="=1+1")],
    }


def test_the_person_view_finds_every_enquiry_from_an_address_in_any_case(client, admissions, enquiries):
    client.force_login(admissions)
    page = text(client.post(PERSON, {"email": " Priya@EXAMPLE.com ", "action": "find"}))
    assert "2 enquiries from Priya@EXAMPLE.com" in page
    assert "Priya Shah" in page and "Priya S" in page and "Tom Baker" not in page
    assert "Download as CSV" in page and "Delete all of them" in page


def test_an_address_with_no_enquiries_says_so(client, admissions, enquiries):
    client.force_login(admissions)
    page = client.post(PERSON, {"email": "nobody@example.net", "action": "find"}).content.decode()
    assert "No enquiry was sent from that address" in page


@pytest.mark.parametrize("email", ["", "not-an-address", "a\x00@example.com", "x" * 300 + "@example.com"])
def test_a_bad_address_gets_a_message_and_changes_nothing(client, admissions, enquiries, email):
    client.force_login(admissions)
    response = client.post(PERSON, {"email": email, "action": "confirm_delete"})
    assert response.status_code == 400
    assert Enquiry.objects.count() == 3


def test_a_person_export_holds_all_their_enquiries_and_nobody_else(client, admissions, enquiries):
    client.force_login(admissions)
    response = client.post(PERSON, {"email": "tom@example.org", "action": "export"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert (
        disposition.startswith('attachment; filename="enquiries-for-one-person-') and "tom" not in disposition
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["Name"] for row in rows] == ["Tom Baker"]
    assert rows[0]["Question"] == "'=1+1", "a formula is defused"
    assert rows[0]["Consent given to"].startswith("I agree")
    assert rows[0]["Status"] == "New"


def test_deleting_a_person_asks_first_then_deletes_their_enquiries_and_their_history(
    client, admissions, enquiries
):
    client.force_login(admissions)
    content_type = ContentType.objects.get_for_model(Enquiry)
    priya = enquiries["priya"][0]
    client.post(f"/admin/enquiries/edit/{priya.pk}/", {"status": "contacted", "note": "Rang her."})
    assert ModelLogEntry.objects.filter(content_type=content_type, object_id=str(priya.pk)).exists()

    confirm = text(client.post(PERSON, {"email": "priya@example.com", "action": "delete"}))
    assert "Delete all 2 enquiries from priya@example.com" in confirm
    assert Enquiry.objects.count() == 3, "nothing goes before the confirmation"

    response = client.post(PERSON, {"email": "priya@example.com", "action": "confirm_delete"}, follow=True)
    assert "Deleted 2 enquiries from priya@example.com." in response.content.decode()
    assert list(Enquiry.objects.values_list("name", flat=True)) == ["Tom Baker"]
    assert not ModelLogEntry.objects.filter(content_type=content_type, object_id=str(priya.pk)).exists()


def test_someone_who_may_not_delete_cannot_delete_a_person(client, admissions, enquiries):
    admissions.groups.first().permissions.filter(codename="delete_enquiry").delete()
    client.force_login(admissions)
    page = client.post(PERSON, {"email": "priya@example.com", "action": "find"}).content.decode()
    assert "Delete all of them" not in page
    refused = client.post(PERSON, {"email": "priya@example.com", "action": "confirm_delete"})
    assert refused.status_code in (302, 403)
    assert Enquiry.objects.count() == 3


def _age(enquiry: Enquiry, days: int) -> None:
    enquiry.created_at = timezone.now() - datetime.timedelta(days=days)
    enquiry.save(update_fields=["created_at"])


def test_the_retention_job_deletes_enquiries_older_than_the_site_setting(enquiry_setup, enquiries):
    _age(enquiries["priya"][0], 400)
    _age(enquiries["priya"][1], 364)
    out = io.StringIO()
    call_command("delete_old_enquiries", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "Dry run: 1 enquiry older than 365 days would be deleted."
    assert Enquiry.objects.count() == 3

    out = io.StringIO()
    call_command("delete_old_enquiries", stdout=out)
    assert out.getvalue().strip() == "Deleted 1 enquiry older than 365 days."
    assert Enquiry.objects.count() == 2

    enquiry_setup.site_settings.enquiry_retention_days = 30
    enquiry_setup.site_settings.save()
    _age(enquiries["tom"][0], 31)
    out = io.StringIO()
    call_command("delete_old_enquiries", stdout=out)
    assert out.getvalue().strip() == "Deleted 2 enquiries older than 30 days."
    assert not Enquiry.objects.exists()


def test_the_retention_job_takes_a_number_of_days_for_a_one_off(enquiries):
    _age(enquiries["tom"][0], 10)
    out = io.StringIO()
    call_command("delete_old_enquiries", "--days", "7", stdout=out)
    assert out.getvalue().strip() == "Deleted 1 enquiry older than 7 days."
    with pytest.raises(CommandError, match="at least 1"):
        call_command("delete_old_enquiries", "--days", "0")


def test_a_deleted_course_leaves_its_enquiries_with_the_course_title(enquiry_setup, enquiries):
    enquiry_setup.course.delete()
    enquiry = Enquiry.objects.get(name="Tom Baker")
    assert enquiry.course is None and enquiry.course_title == "Data Bootcamp"
