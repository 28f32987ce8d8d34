"""From a career to an enquiry and into the admissions inbox, in a real browser, axe-clean throughout."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from careers.factories import CareerIndexPageFactory, CareerPageFactory, full_body
from courses.factories import CourseIndexPageFactory, CoursePageFactory
from portal.factories import StandardPageFactory
from portal.models import SiteSettings
from tests.browser.test_dashboard_browser import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def career_with_course(site, home_page):
    careers = CareerIndexPageFactory(parent=home_page)
    courses = CourseIndexPageFactory(parent=home_page)
    career = CareerPageFactory(parent=careers, title="Data Scientist", slug="data-scientist")
    start = timezone.localdate() + datetime.timedelta(days=45)
    course = CoursePageFactory(
        parent=courses, title="Data Bootcamp", slug="data-bootcamp", careers=[career], start_dates=[start]
    )
    career.body = full_body(course.pk)
    career.save_revision().publish()
    site_settings = SiteSettings.for_site(site)
    site_settings.admissions_email = "admissions@example.org"
    site_settings.privacy_page = StandardPageFactory(parent=home_page, title="Privacy notice", slug="privacy")
    site_settings.save()
    return career, start


def test_a_student_enquires_from_a_career_and_admissions_find_it_in_the_inbox(
    live_server, page: Page, career_with_course, admissions, axe_clean
):
    career, start = career_with_course
    mail.outbox.clear()

    # The student reads the career and follows its call to action to the course.
    page.goto(live_server.url + "/careers/data-scientist/")
    axe_clean(page)
    page.get_by_role("complementary", name="Ready to start?").get_by_role(
        "link", name=re.compile(r"^View the course\s*: Data Bootcamp$")
    ).click()
    expect(page).to_have_url(re.compile(rf"/courses/data-bootcamp/\?from={career.pk}#enquire$"))
    expect(page.get_by_role("heading", name="Ask about this course")).to_be_visible()
    axe_clean(page)

    page.get_by_role("link", name=re.compile(r"^Ask about this course\s*: Data Bootcamp$")).click()
    expect(page.get_by_role("heading", name="Ask about Data Bootcamp")).to_be_visible()
    axe_clean(page)

    # A mistyped address: the form says what to fix, beside the field, and keeps the rest.
    page.get_by_label("Your name").fill("Priya Shah")
    page.get_by_label("Your email address").fill("priya.example.com")
    page.get_by_label("Start date you are interested in").select_option(start.isoformat())
    page.get_by_label("Your question (optional)").fill("Is there a part-time option?")
    page.get_by_label("I agree that").check()
    page.get_by_role("button", name="Send enquiry").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_contain_text("Your enquiry has not been sent yet")
    email = page.get_by_label("Your email address")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_email_error")).to_have_text(
        "Enter an email address in the form name@example.com."
    )
    expect(page.get_by_label("Your name")).to_have_value("Priya Shah")
    axe_clean(page)
    summary.get_by_role("link", name="Enter an email address in the form name@example.com.").click()
    expect(email).to_be_focused()

    email.fill("priya@example.com")
    page.get_by_label("I agree that").check()
    page.get_by_role("button", name="Send enquiry").click()
    expect(page.get_by_role("heading", name="Thank you, Priya Shah")).to_be_visible()
    expect(
        page.get_by_text("Admissions will reply to priya@example.com within 2 working days.")
    ).to_be_visible()
    axe_clean(page)

    [sent] = mail.outbox
    assert sent.to == ["admissions@example.org"] and "Career: Data Scientist" in sent.body

    # Admissions sign in and find it, with the career that led to it.
    sign_in(page, live_server.url, "admissions")
    axe_clean(page)
    page.get_by_role("link", name="Enquiries").click()
    expect(page).to_have_url(live_server.url + "/admin/enquiries/")
    row = page.locator("table.listing tbody tr", has_text="Priya Shah")
    expect(row.get_by_role("link", name="Career: Data Scientist")).to_have_attribute(
        "href", "/careers/data-scientist/"
    )
    expect(row).to_contain_text("Data Bootcamp")
    expect(row).to_contain_text("New")
    axe_clean(page)

    row.get_by_role("link", name="Priya Shah").click()
    expect(page.get_by_text("Is there a part-time option?")).to_be_visible()
    axe_clean(page)
    page.get_by_role("combobox", name="Status").select_option("contacted")
    page.get_by_role("combobox", name="Assigned to").select_option(label="Ada Mills")
    page.get_by_role("button", name="Save").click()
    row = page.locator("table.listing tbody tr", has_text="Priya Shah")
    expect(row).to_contain_text("Contacted")
    expect(row).to_contain_text("Ada Mills")

    page.get_by_role("link", name="Find a person's enquiries").click()
    page.get_by_label("The person's email address").fill("PRIYA@example.com")
    page.get_by_role("button", name="Find enquiries").click()
    expect(page.get_by_test_id("person-enquiries")).to_contain_text("Priya Shah")
    axe_clean(page)
