"""The email to admissions: sent after the enquiry is committed, never losing it when sending fails,
and retried (by its own task where the backend can wait, and by send_pending_enquiry_emails)."""

from __future__ import annotations

import datetime
import io
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks import default_task_backend

from courses.enquiries import notify
from courses.enquiries.models import Enquiry
from courses.factories import EnquiryFactory
from tests.courses.test_enquiry_form import ENQUIRE, form_data

pytestmark = pytest.mark.django_db

LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def smtp_down():
    return mock.patch(
        LOCMEM_SEND, side_effect=smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    )


def make_due(enquiry: Enquiry) -> None:
    Enquiry.objects.filter(pk=enquiry.pk).update(
        email_next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_an_smtp_failure_keeps_the_enquiry_and_a_retry_sends_it(
    client, enquiry_setup, django_capture_on_commit_callbacks
):
    with smtp_down(), django_capture_on_commit_callbacks(execute=True):
        response = client.post(ENQUIRE, form_data(enquiry_setup))
    assert response.status_code == 303, "the student is thanked all the same"
    enquiry = Enquiry.objects.get()
    assert enquiry.email_sent_at is None and enquiry.email_attempts == 1
    assert enquiry.email_last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    wait = enquiry.email_next_attempt_at - timezone.now()
    assert datetime.timedelta(minutes=4) < wait <= datetime.timedelta(minutes=5)
    assert not mail.outbox

    out = io.StringIO()
    call_command("send_pending_enquiry_emails", stdout=out)
    assert out.getvalue().strip() == "0 enquiry email(s) sent, 0 failed and will be tried again later."
    assert not mail.outbox, "not before its next try is due"

    make_due(enquiry)
    call_command("send_pending_enquiry_emails", stdout=out)
    [email] = mail.outbox
    assert email.to == ["admissions@example.org"] and "Priya Shah" in email.body
    enquiry.refresh_from_db()
    assert enquiry.email_sent_at is not None and enquiry.email_attempts == 2
    assert enquiry.email_next_attempt_at is None and enquiry.email_last_error == ""

    call_command("send_pending_enquiry_emails", stdout=io.StringIO())
    assert len(mail.outbox) == 1, "sent once only"


def test_the_retry_command_exits_with_an_error_while_sends_keep_failing(enquiry_setup):
    EnquiryFactory(course=enquiry_setup.course)
    with smtp_down(), pytest.raises(CommandError, match="1 enquiry email"):
        call_command("send_pending_enquiry_emails", stdout=io.StringIO())
    assert Enquiry.objects.get().email_attempts == 1


def test_retries_back_off_from_five_minutes_to_at_most_six_hours():
    delays = [notify.retry_delay(attempt) for attempt in (1, 2, 3, 4, 8, 30)]
    minutes = [int(delay.total_seconds() // 60) for delay in delays]
    assert minutes == [5, 10, 20, 40, 360, 360]


@pytest.fixture
def waiting_task_backend(settings):
    """A task backend that can run tasks later (as the database backend does) and records them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield default_task_backend
    default_task_backend.clear()


def test_a_failed_send_queues_its_own_retry_for_when_it_is_due(enquiry_setup, waiting_task_backend, settings):
    enquiry = EnquiryFactory(course=enquiry_setup.course)
    with smtp_down():
        notify.send_enquiry_email.call(enquiry.pk)
    enquiry.refresh_from_db()
    [retry] = waiting_task_backend.results
    assert retry.args == [enquiry.pk]
    assert retry.task.run_after == enquiry.email_next_attempt_at

    settings.ENQUIRY_EMAIL_MAX_ATTEMPTS = 2
    make_due(enquiry)
    with smtp_down():
        notify.send_enquiry_email.call(enquiry.pk)
    assert len(waiting_task_backend.results) == 1, "past its tries the task stops; the command carries on"
    assert Enquiry.objects.get().email_attempts == 2


def test_a_send_already_in_hand_is_not_sent_twice(enquiry_setup):
    enquiry = EnquiryFactory(course=enquiry_setup.course)
    inner = []

    def send_and_try_again_meanwhile(messages):
        inner.append(notify.deliver(enquiry.pk))
        mail.outbox.extend(messages)
        return len(messages)

    with mock.patch(LOCMEM_SEND, side_effect=send_and_try_again_meanwhile):
        assert notify.deliver(enquiry.pk) == notify.SENT
    assert inner == [notify.NOT_DUE]
    assert len(mail.outbox) == 1


def test_without_an_admissions_address_the_contact_address_is_used(enquiry_setup):
    site_settings = enquiry_setup.site_settings
    site_settings.admissions_email = ""
    site_settings.contact_email = "hello@example.org"
    site_settings.save()
    notify.deliver(EnquiryFactory(course=enquiry_setup.course).pk)
    assert mail.outbox[0].to == ["hello@example.org"]


def test_with_no_address_at_all_the_enquiry_waits_until_one_is_set(enquiry_setup):
    site_settings = enquiry_setup.site_settings
    site_settings.admissions_email = ""
    site_settings.save()
    enquiry = EnquiryFactory(course=enquiry_setup.course)
    assert notify.deliver(enquiry.pk) == notify.FAILED
    enquiry.refresh_from_db()
    assert "No admissions email address" in enquiry.email_last_error

    site_settings.admissions_email = "admissions@example.org"
    site_settings.save()
    make_due(enquiry)
    assert notify.deliver(enquiry.pk) == notify.SENT
    assert mail.outbox[0].to == ["admissions@example.org"]


def test_a_queue_that_is_down_loses_nothing(client, enquiry_setup, django_capture_on_commit_callbacks):
    with (
        mock.patch("courses.enquiries.notify.send_enquiry_email") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        task.enqueue.side_effect = ConnectionError("queue down")
        assert client.post(ENQUIRE, form_data(enquiry_setup)).status_code == 303
    assert task.enqueue.called
    enquiry = Enquiry.objects.get()
    assert enquiry.email_sent_at is None and not mail.outbox
    call_command("send_pending_enquiry_emails", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_the_email_says_when_the_student_is_not_sure_and_came_straight_to_the_course(enquiry_setup):
    enquiry = EnquiryFactory(course=enquiry_setup.course, start_date=None, question="")
    notify.deliver(enquiry.pk)
    body = mail.outbox[0].body
    assert "Start date: Not sure yet" in body
    assert "Came from: Straight to the course" in body
    assert "Question:\n(none)" in body
