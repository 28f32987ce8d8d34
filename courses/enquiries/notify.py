"""Emailing admissions about each new enquiry: off the request path, and retried until it is sent.

The enquiry is committed first; only then is the email queued (django-tasks, run by
``manage.py db_worker``). A send that fails leaves the enquiry as it was, records the attempt and
its error, and sets when the next try is due, backing off from 5 minutes to 6 hours. Where the task
backend can run a task later (the database backend can) the task queues its own retry, up to
``ENQUIRY_EMAIL_MAX_ATTEMPTS`` times; ``manage.py send_pending_enquiry_emails``, run every few
minutes by cron, sends whatever is still due, whatever happened to the worker.

Each try first claims the enquiry (moving its due time on in one UPDATE), so a retry by the
command and one by the worker never send the same email twice.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import dateformat, timezone
from django_tasks import task
from wagtail.models import Site

from courses.enquiries.models import Enquiry
from portal.models import SiteSettings

logger = logging.getLogger(__name__)

SENT, FAILED, NOT_DUE = "sent", "failed", "not due"
FIRST_RETRY = datetime.timedelta(minutes=5)
LONGEST_RETRY = datetime.timedelta(hours=6)
# How long one try holds its claim: a worker that dies mid-send is retried after this.
CLAIM = datetime.timedelta(minutes=10)


class NoAdmissionsAddress(Exception):
    """No address to send to: Settings › Site settings has neither admissions nor contact email."""


def retry_delay(attempts: int) -> datetime.timedelta:
    """5 minutes after the first failure, doubling each time, never more than 6 hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def queue_email(enquiry: Enquiry) -> None:
    """Queue the email once the enquiry's row is committed, so the worker can read it."""
    transaction.on_commit(lambda: _enqueue(enquiry.pk))


def _enqueue(enquiry_id: int, run_after: datetime.datetime | None = None) -> None:
    try:
        queued = send_enquiry_email if run_after is None else send_enquiry_email.using(run_after=run_after)
        queued.enqueue(enquiry_id)
    except Exception:  # whatever the backend raises, the enquiry is kept and the command sends it
        logger.exception(
            "Could not queue the email for enquiry %s; the retry command will send it", enquiry_id
        )


def admissions_address() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    site_settings = SiteSettings.for_site(site)
    return site_settings.admissions_email or site_settings.contact_email


def _one_line(text: str) -> str:
    return " ".join(text.split())


def build_message(enquiry: Enquiry, to: str) -> EmailMessage:
    start = dateformat.format(enquiry.start_date, "j F Y") if enquiry.start_date else "Not sure yet"
    came_from = enquiry.came_from_text or "Straight to the course"
    if enquiry.came_from_path:
        came_from += f" ({enquiry.came_from_path})"
    received = dateformat.format(timezone.localtime(enquiry.created_at), "j F Y, H:i")
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("enquiries:edit", args=[enquiry.pk])
    lines = [
        f"A student has sent an enquiry about {enquiry.course_title}.",
        "",
        f"Name: {enquiry.name}",
        f"Email: {enquiry.email}",
        f"Start date: {start}",
        f"Came from: {came_from}",
        f"Received: {received}",
        "",
        "Question:",
        enquiry.question or "(none)",
        "",
        "Reply to this email to answer the student.",
        f"Mark it contacted, add a note or assign it: {admin_url}",
    ]
    return EmailMessage(
        subject=_one_line(f"New enquiry: {enquiry.course_title}")[:200],
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[enquiry.email],
    )


def deliver(enquiry_id: int, now: datetime.datetime | None = None) -> str:
    """One try at the email: SENT, FAILED (kept, retried later) or NOT_DUE (sent, or not yet due)."""
    now = now or timezone.now()
    claimed = Enquiry.objects.filter(
        pk=enquiry_id, email_sent_at__isnull=True, email_next_attempt_at__lte=now
    ).update(email_attempts=F("email_attempts") + 1, email_next_attempt_at=now + CLAIM)
    if not claimed:
        return NOT_DUE
    enquiry = Enquiry.objects.select_related("came_from_page").get(pk=enquiry_id)
    try:
        address = admissions_address()
        if not address:
            raise NoAdmissionsAddress("No admissions email address in Settings › Site settings")
        build_message(enquiry, address).send()
    except Exception as error:  # SMTP, socket and header errors alike: record, keep, retry
        Enquiry.objects.filter(pk=enquiry_id).update(
            email_next_attempt_at=now + retry_delay(enquiry.email_attempts),
            email_last_error=f"{type(error).__name__}: {error}"[:255],
        )
        logger.warning("Email for enquiry %s failed (try %s): %s", enquiry_id, enquiry.email_attempts, error)
        return FAILED
    Enquiry.objects.filter(pk=enquiry_id).update(
        email_sent_at=timezone.now(), email_next_attempt_at=None, email_last_error=""
    )
    return SENT


@task()
def send_enquiry_email(enquiry_id: int) -> None:
    if deliver(enquiry_id) != FAILED:
        return
    enquiry = Enquiry.objects.filter(pk=enquiry_id).only("email_attempts", "email_next_attempt_at").first()
    backend = send_enquiry_email.get_backend()
    if (
        enquiry is not None
        and backend.supports_defer
        and enquiry.email_attempts < settings.ENQUIRY_EMAIL_MAX_ATTEMPTS
    ):
        _enqueue(enquiry_id, run_after=enquiry.email_next_attempt_at)


def send_pending(now: datetime.datetime | None = None) -> Counter[str]:
    """Try every unsent enquiry whose next try is due; what happened, counted."""
    now = now or timezone.now()
    due = Enquiry.objects.filter(email_sent_at__isnull=True, email_next_attempt_at__lte=now)
    return Counter(
        deliver(pk, now) for pk in due.order_by("email_next_attempt_at").values_list("pk", flat=True)
    )
