"""A student asks about a course: the form, what it stores and emails, and every input it refuses."""

from __future__ import annotations

import html
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from careers.factories import full_body
from courses.enquiries.models import Enquiry
from tests.courses.conftest import future

pytestmark = pytest.mark.django_db

ENQUIRE = "/courses/enquire/"
SENT = "/courses/enquire/sent/"


@pytest.fixture(autouse=True)
def empty_cache():
    # The per-address rate limit counts in the cache.
    cache.clear()
    yield
    cache.clear()


def form_data(setup, **changes) -> dict[str, str]:
    data = {
        "course": setup.course.slug,
        "came_from": str(setup.career.pk),
        "name": "Priya Shah",
        "email": "Priya.Shah@Example.COM",
        "question": "Is there a part-time option?",
        "start_date": future(40).isoformat(),
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def text(response) -> str:
    """The page as a reader hears it: no tags, single spaces."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def field_error(page: str, field: str) -> str:
    """The error shown next to a field (Django's errorlist with the id its input points to)."""
    found = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).strip() if found else ""


def test_the_course_page_offers_the_form_passing_on_the_career_that_led_there(client, enquiry_setup):
    career_id = enquiry_setup.career.pk
    page = client.get(f"/courses/data-bootcamp/?from={career_id}").content.decode()
    assert f'href="/courses/enquire/?course=data-bootcamp&amp;from={career_id}"' in page
    assert "replies within 2 working days" in page

    plain = client.get("/courses/data-bootcamp/").content.decode()
    assert 'href="/courses/enquire/?course=data-bootcamp"' in plain
    # A page that is not ours, or not public, is not passed on.
    assert (
        "from=" not in client.get("/courses/data-bootcamp/?from=999999").content.decode().split("enquire")[1]
    )


def test_a_career_links_to_its_courses_saying_where_the_student_came_from(client, enquiry_setup):
    career = enquiry_setup.career
    career.body = full_body(enquiry_setup.course.pk)
    career.save_revision().publish()
    page = client.get("/careers/data-scientist/").content.decode()
    # The "Courses that prepare you" card, and the article's call to action to the form's section.
    assert f'href="/courses/data-bootcamp/?from={career.pk}"' in page
    assert f'href="/courses/data-bootcamp/?from={career.pk}#enquire"' in page


def test_the_form_offers_the_course_upcoming_start_dates_consent_and_the_privacy_notice(
    client, enquiry_setup
):
    response = client.get(f"{ENQUIRE}?course=data-bootcamp&from={enquiry_setup.career.pk}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "<h1>Ask about Data Bootcamp</h1>" in page
    assert f'<option value="{future(40).isoformat()}">' in page
    assert f'<option value="{future(130).isoformat()}">' in page
    assert future(-10).isoformat() not in page, "a start date in the past is not offered"
    assert ">Not sure yet</option>" in page
    assert "I agree that Careers Portal may keep these details and use them to answer my enquiry." in page
    assert "we delete them after a year" in page
    assert 'Read our <a href="/privacy/">privacy notice</a>' in page
    assert f'name="came_from" value="{enquiry_setup.career.pk}"' in page
    assert "within 2 working days" in page
    # The trap for robots: hidden from people and assistive technology, out of the tab order.
    assert re.search(r'<div class="visually-hidden" aria-hidden="true">\s*<label for="id_website">', page)
    assert 'autocomplete="off" tabindex="-1"' in page


def test_a_good_enquiry_is_stored_emailed_and_the_student_told_what_happens_next(
    client, enquiry_setup, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ENQUIRE, form_data(enquiry_setup))
    assert response.status_code == 303
    assert response["Location"] == SENT

    enquiry = Enquiry.objects.get()
    assert (enquiry.course, enquiry.course_title) == (enquiry_setup.course, "Data Bootcamp")
    assert (enquiry.name, enquiry.email) == ("Priya Shah", "Priya.Shah@example.com")
    assert enquiry.question == "Is there a part-time option?"
    assert enquiry.start_date == future(40)
    assert enquiry.consent and enquiry.consent_version == "2026-11"
    assert enquiry.consent_text.startswith("I agree that Careers Portal may keep these details")
    assert enquiry.consent_text.endswith("Privacy notice: /privacy/")
    assert enquiry.came_from_page.specific == enquiry_setup.career
    assert (enquiry.came_from_kind, enquiry.came_from_path) == ("career", "/careers/data-scientist/")
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.email_sent_at is not None and enquiry.email_attempts == 1

    [email] = mail.outbox
    assert email.to == ["admissions@example.org"]
    assert email.reply_to == ["Priya.Shah@example.com"]
    assert email.subject == "New enquiry: Data Bootcamp"
    assert "Came from: Career: Data Scientist (/careers/data-scientist/)" in email.body
    assert f"/admin/enquiries/edit/{enquiry.pk}/" in email.body

    thanks = client.get(SENT)
    page = text(thanks)
    assert "Thank you, Priya Shah" in page
    assert "Admissions will reply to Priya.Shah@example.com within 2 working days." in page
    assert "no-store" in thanks["Cache-Control"]


def test_the_thank_you_names_nobody_to_a_browser_that_did_not_send_it(client, enquiry_setup):
    client.post(ENQUIRE, form_data(enquiry_setup))
    page = Client().get(SENT).content.decode()
    assert "Priya" not in page
    assert "our admissions team will reply to the email address you gave within 2 working days" in page


def test_a_student_who_is_not_sure_of_a_start_date_can_say_so(client, enquiry_setup):
    client.post(ENQUIRE, form_data(enquiry_setup, start_date="", question=""))
    assert Enquiry.objects.get().start_date is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter your name, so admissions know who to reply to."),
        (
            "name",
            "Priya\x00Shah",
            "Remove the invisible control characters (such as a NUL byte) and try again.",
        ),
        ("name", "Priya\nBcc: x@example.com", "Your name cannot contain line breaks or control characters."),
        ("name", "P" * 121, "Keep your name to 120 characters or fewer."),
        ("email", "", "Enter your email address, so admissions can reply."),
        ("email", "priya.example.com", "Enter an email address in the form name@example.com."),
        ("email", "priya@exa mple.com", "Enter an email address in the form name@example.com."),
        (
            "email",
            "priya@example.com\x00",
            "Remove the invisible control characters (such as a NUL byte) and try again.",
        ),
        ("email", "p" * 250 + "@example.com", "An email address has at most 254 characters: check yours."),
        ("question", "Q" * 2001, "Keep your question to 2,000 characters or fewer (it has 2001)."),
        (
            "question",
            "Part-time?\x00",
            "Remove the invisible control characters (such as a NUL byte) and try again.",
        ),
        (
            "question",
            "Part-time?\x1b[31m",
            "Remove the invisible control characters from your question and try again.",
        ),
        ("start_date", "2020-01-01", "Choose one of the start dates listed, or “Not sure yet”."),
        ("start_date", future(-10).isoformat(), "Choose one of the start dates listed, or “Not sure yet”."),
        ("start_date", "notadate", "Choose one of the start dates listed, or “Not sure yet”."),
        ("consent", None, "Tick the box to agree, or admissions cannot keep and answer your enquiry."),
    ],
)
def test_bad_input_stores_nothing_and_says_what_to_fix_next_to_the_field(
    client, enquiry_setup, field, value, message
):
    response = client.post(ENQUIRE, form_data(enquiry_setup, **{field: value}))
    page = response.content.decode()
    assert response.status_code == 400
    assert not Enquiry.objects.exists() and not mail.outbox
    assert field_error(page, field) == message
    # The summary at the top links to the field; the field points at its message.
    assert f'<a href="#id_{field}">{html.escape(message)}</a>' in page
    assert re.search(rf'id="id_{field}"[^>]*aria-describedby="[^"]*id_{field}_error', page) or re.search(
        rf'aria-describedby="[^"]*id_{field}_error[^"]*"[^>]*id="id_{field}"', page
    )
    assert "<title>Error: Ask about Data Bootcamp" in page
    # What the student typed is still there to correct.
    if field != "name":
        assert 'value="Priya Shah"' in page


@pytest.mark.parametrize("course", ["no-such-course", "", "\x00", "x" * 300, "data-bootcamp/../x"])
def test_an_unknown_course_gets_a_clear_page_and_nothing_is_stored(client, enquiry_setup, course):
    response = client.post(ENQUIRE, form_data(enquiry_setup, course=course))
    assert response.status_code == 404
    assert "We could not find that course" in response.content.decode()
    assert client.get(f"{ENQUIRE}?course=no-such-course").status_code == 404
    assert not Enquiry.objects.exists() and not mail.outbox


def test_an_unpublished_course_takes_no_enquiries(client, enquiry_setup):
    enquiry_setup.course.unpublish()
    response = client.post(ENQUIRE, form_data(enquiry_setup))
    assert response.status_code == 404
    assert "We could not find that course" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_the_robot_trap_refuses_the_enquiry_with_a_message_and_keeps_the_details(client, enquiry_setup):
    response = client.post(ENQUIRE, form_data(enquiry_setup, website="https://spam.example.net"))
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "a field that should stay empty was filled in" in page
    assert 'value="Priya Shah"' in page and "spam.example.net" not in page
    assert not Enquiry.objects.exists() and not mail.outbox


def test_too_many_enquiries_from_one_address_are_refused_with_a_message(client, enquiry_setup, settings):
    settings.ENQUIRY_RATE_LIMIT = 2
    settings.ENQUIRY_RATE_LIMIT_WINDOW_SECONDS = 600
    for _ in range(2):
        assert client.post(ENQUIRE, form_data(enquiry_setup)).status_code == 303
    response = client.post(ENQUIRE, form_data(enquiry_setup))
    page = html.unescape(response.content.decode())
    assert response.status_code == 429
    assert "Please wait 10 minutes and send it again: what you typed is still here." in page
    assert 'value="Priya Shah"' in page
    assert Enquiry.objects.count() == 2
    other = client.post(ENQUIRE, form_data(enquiry_setup), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 303, "another address is not held up"


def test_a_post_without_the_csrf_token_is_refused_and_stores_nothing(enquiry_setup):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(ENQUIRE, form_data(enquiry_setup)).status_code == 403
    assert not Enquiry.objects.exists()

    browser.get(f"{ENQUIRE}?course=data-bootcamp")
    token = browser.cookies["csrftoken"].value
    response = browser.post(ENQUIRE, {**form_data(enquiry_setup), "csrfmiddlewaretoken": token})
    assert response.status_code == 303
    assert Enquiry.objects.count() == 1


@pytest.mark.parametrize("came_from", ["", "0", "-1", "12abc", "' OR 1=1--", "9" * 40, "\x00", "999999"])
def test_an_odd_came_from_is_ignored_not_refused(client, enquiry_setup, came_from):
    assert client.post(ENQUIRE, form_data(enquiry_setup, came_from=came_from)).status_code == 303
    enquiry = Enquiry.objects.get()
    assert (enquiry.came_from_page, enquiry.came_from_kind, enquiry.came_from_path) == (None, "", "")


def test_a_student_from_the_comparison_is_recorded_as_such(client, enquiry_setup):
    page = client.get("/courses/data-bootcamp/?from=compare").content.decode()
    assert "course=data-bootcamp&amp;from=compare" in page
    client.post(ENQUIRE, form_data(enquiry_setup, came_from="compare"))
    enquiry = Enquiry.objects.get()
    assert (enquiry.came_from_kind, enquiry.came_from_path, enquiry.came_from_page) == (
        "comparison",
        "/courses/compare/",
        None,
    )
    assert enquiry.came_from_text == "Comparison"


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.mark.usefixtures("page_cache_on")
def test_the_page_cache_keeps_course_pages_but_never_the_form_the_send_or_the_thank_you(
    client, enquiry_setup
):
    career_id = enquiry_setup.career.pk
    for address in ("/courses/data-bootcamp/", f"/courses/data-bootcamp/?from={career_id}"):
        assert client.get(address)["X-Page-Cache"] == "miss"
        assert client.get(address)["X-Page-Cache"] == "hit"
    # A from= the site never writes is rendered each time, never stored.
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/courses/data-bootcamp/?from=0999")

    for _ in range(2):
        assert "X-Page-Cache" not in client.get(f"{ENQUIRE}?course=data-bootcamp&from={career_id}")
    client.post(ENQUIRE, form_data(enquiry_setup))
    for _ in range(2):
        thanks = client.get(SENT)
        assert "X-Page-Cache" not in thanks and "Priya Shah" in thanks.content.decode()
    assert "Priya" not in Client().get(SENT).content.decode()
