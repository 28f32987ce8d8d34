"""The admissions inbox in the admin: who may open it, what it lists, filters and exports, and
what admissions may change."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from courses.enquiries.models import Enquiry
from courses.factories import EnquiryFactory
from portal.factories import UserFactory

pytestmark = pytest.mark.django_db

INBOX = "/admin/enquiries/"
PERSON = "/admin/enquiries/person/"


@pytest.fixture
def enquiry(enquiry_setup):
    return EnquiryFactory(
        course=enquiry_setup.course,
        name="Priya Shah",
        email="priya@example.com",
        came_from_page=enquiry_setup.career,
        came_from_kind="career",
        came_from_path="/careers/data-scientist/",
    )


def inbox_urls(enquiry: Enquiry) -> dict[str, str]:
    return {
        "list": INBOX,
        "list results": f"{INBOX}results/",
        "edit": f"{INBOX}edit/{enquiry.pk}/",
        "delete": f"{INBOX}delete/{enquiry.pk}/",
        "history": f"{INBOX}history/{enquiry.pk}/",
        "export csv": f"{INBOX}?export=csv",
        "export xlsx": f"{INBOX}?export=xlsx",
        "person": PERSON,
    }


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("who", ["anonymous", "editor", "moderator", "staff"])
def test_only_admissions_and_superusers_reach_the_inbox(client, enquiry, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for name, url in inbox_urls(enquiry).items():
        response = client.get(url)
        assert response.status_code in (302, 403), f"{who} reached {name}"
        if response.status_code == 302:
            assert response["Location"].split("?")[0] in ("/admin/login/", "/admin/"), name
        assert b"Priya" not in body(response)
    response = client.post(PERSON, {"email": "priya@example.com", "action": "confirm_delete"})
    assert response.status_code in (302, 403)
    assert Enquiry.objects.filter(pk=enquiry.pk).exists()
    if who != "anonymous":
        assert b"Enquiries" not in client.get("/admin/").content, f"{who} sees the menu"


@pytest.mark.parametrize("who", ["admissions", "superuser"])
def test_admissions_and_superusers_open_every_inbox_view(client, enquiry, who, request):
    client.force_login(request.getfixturevalue(who))
    for name, url in inbox_urls(enquiry).items():
        response = client.get(url)
        assert response.status_code == 200, f"{who} could not open {name}"
    assert b"Enquiries" in client.get("/admin/").content


def test_nobody_adds_an_enquiry_in_the_admin(client, enquiry, superuser):
    client.force_login(superuser)
    assert client.get(f"{INBOX}new/").status_code == 404
    assert client.get(f"{INBOX}copy/{enquiry.pk}/").status_code == 404
    assert f'href="{INBOX}new/"' not in client.get(INBOX).content.decode()


def test_admissions_get_none_of_the_editing_tools(client, admissions, enquiry):
    client.force_login(admissions)
    response = client.get("/admin/choose-page/")
    assert response.status_code in (302, 403)
    assert b"Data Scientist" not in response.content


def test_the_list_shows_course_career_that_led_there_status_assignee_and_date(client, admissions, enquiry):
    enquiry.assigned_to = admissions
    enquiry.status = Enquiry.Status.CONTACTED
    enquiry.save()
    EnquiryFactory(course=enquiry.course, name="Tom Baker", came_from_kind="comparison", came_from_path="/x/")
    client.force_login(admissions)
    page = client.get(INBOX).content.decode()
    assert f'href="{INBOX}edit/{enquiry.pk}/"' in page
    assert '<a href="/careers/data-scientist/">Career: Data Scientist</a>' in page
    assert "Comparison" in page and "Tom Baker" in page
    assert "Contacted" in page and "Ada Mills" in page and "Data Bootcamp" in page


def test_filters_narrow_the_list(client, admissions, enquiry, enquiry_setup):
    other = EnquiryFactory(course=None, course_title="Withdrawn course", name="Tom Baker")
    other.status = Enquiry.Status.CLOSED
    other.assigned_to = admissions
    other.created_at = timezone.now() - datetime.timedelta(days=40)
    other.save()
    client.force_login(admissions)

    def names(query: str) -> set[str]:
        page = client.get(f"{INBOX}?{query}").content.decode()
        return {name for name in ("Priya Shah", "Tom Baker") if name in page}

    assert names("") == {"Priya Shah", "Tom Baker"}
    assert names("status=closed") == {"Tom Baker"}
    assert names(f"course={enquiry_setup.course.pk}") == {"Priya Shah"}
    assert names(f"assigned_to={admissions.pk}") == {"Tom Baker"}
    assert names("assigned_to=null") == {"Priya Shah"}
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    assert names(f"created_at_from={since}") == {"Priya Shah"}
    assert names(f"created_at_to={since}") == {"Tom Baker"}
    assert names("q=priya") == {"Priya Shah"}


def test_admissions_update_status_note_and_assignee_but_never_what_the_student_sent(
    client, admissions, enquiry, editor
):
    colleague = UserFactory(username="colleague", first_name="Ben", last_name="Ola", groups=["Admissions"])
    client.force_login(admissions)
    page = client.get(f"{INBOX}edit/{enquiry.pk}/").content.decode()
    assert "Priya Shah" in page and "priya@example.com" in page
    assert '<a href="/careers/data-scientist/">Career: Data Scientist</a>' in page
    assert 'name="name"' not in page and 'name="email"' not in page
    assert f'<option value="{colleague.pk}">Ben Ola</option>' in page
    assert f'<option value="{editor.pk}"' not in page, "only people who work on enquiries"

    response = client.post(
        f"{INBOX}edit/{enquiry.pk}/",
        {
            "status": "contacted",
            "assigned_to": colleague.pk,
            "note": "Phoned; sending the timetable.",
            "name": "Someone Else",
            "email": "else@example.com",
            "question": "changed",
        },
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.assigned_to, enquiry.note) == (
        "contacted",
        colleague,
        "Phoned; sending the timetable.",
    )
    assert (enquiry.name, enquiry.email, enquiry.question) == (
        "Priya Shah",
        "priya@example.com",
        "When does the next cohort start?",
    )

    refused = client.post(f"{INBOX}edit/{enquiry.pk}/", {"status": "closed", "assigned_to": editor.pk})
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.status == "contacted"


FORMULAS = {
    "name": '=HYPERLINK("https://evil.example","Click")',
    "question": "+1+cmd|' /C calc'!A0",
    "note": "@SUM(A1:A2)",
    "course_title": "-2+3",
}


@pytest.fixture
def formula_enquiry(enquiry_setup):
    return EnquiryFactory(course=enquiry_setup.course, email="tab@example.com", **FORMULAS)


def test_the_csv_export_defuses_cells_a_spreadsheet_would_run(client, admissions, formula_enquiry):
    client.force_login(admissions)
    response = client.get(f"{INBOX}?export=csv")
    assert response["Content-Disposition"] == 'attachment; filename="enquiries.csv"'
    rows = list(csv.DictReader(io.StringIO(body(response).decode("utf-8"))))
    [row] = rows
    assert row["Name"] == "'" + FORMULAS["name"]
    assert row["Question"] == "'" + FORMULAS["question"]
    assert row["Note"] == "'" + FORMULAS["note"]
    assert row["Course"] == "'" + FORMULAS["course_title"]
    assert row["Email"] == "tab@example.com"


def test_the_xlsx_export_keeps_formula_like_cells_as_text(client, admissions, formula_enquiry):
    client.force_login(admissions)
    response = client.get(f"{INBOX}?export=xlsx")
    assert "enquiries.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    headings = [cell.value for cell in sheet[1]]
    cells = {heading: cell for heading, cell in zip(headings, sheet[2], strict=True)}
    for heading, field in (("Name", "name"), ("Question", "question"), ("Note", "note")):
        # Wagtail stores them as strings: the spreadsheet shows them and never runs them.
        assert cells[heading].data_type == "s"
        assert cells[heading].value == FORMULAS[field]
