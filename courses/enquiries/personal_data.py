"""A person's enquiries on request (find, export, delete), and deleting enquiries past retention.

Deleting an enquiry also deletes the admin's history entries about it, so nothing about the
student is left behind (the entries' labels hold no name or address, but the history would still
say that enquiry existed).
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable
from typing import IO

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.models import ModelLogEntry, Site

from courses.course_text import csv_safe
from courses.enquiries.models import Enquiry
from portal.models import SiteSettings

# A person's export: everything kept about each of their enquiries.
EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Received", "created_at"),
    ("Course", "course_title"),
    ("Name", "name"),
    ("Email", "email"),
    ("Question", "question"),
    ("Start date", "start_date"),
    ("Consent given to", "consent_text"),
    ("Consent wording version", "consent_version"),
    ("Came from", "came_from_text"),
    ("Came from address", "came_from_path"),
    ("Status", "get_status_display"),
    ("Admissions note", "note"),
    ("Assigned to", "assigned_to"),
    ("Emailed to admissions", "email_sent_at"),
)


def enquiries_for(email: str) -> QuerySet[Enquiry]:
    """Every enquiry sent from this address, however its letters were cased."""
    return (
        Enquiry.objects.alias(email_lower=Lower("email"))
        .filter(email_lower=email.strip().lower())
        .select_related("came_from_page", "assigned_to")
    )


def older_than(days: int, now: datetime.datetime | None = None) -> QuerySet[Enquiry]:
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return Enquiry.objects.filter(created_at__lt=cutoff)


def retention_days() -> int:
    """The default site's retention period (Settings › Site settings)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return SiteSettings._meta.get_field("enquiry_retention_days").default
    return SiteSettings.for_site(site).enquiry_retention_days


def delete_enquiries(enquiries: QuerySet[Enquiry]) -> int:
    """Delete these enquiries and their admin history; how many enquiries went."""
    with transaction.atomic():
        ids = [str(pk) for pk in enquiries.values_list("pk", flat=True)]
        if not ids:
            return 0
        content_type = ContentType.objects.get_for_model(Enquiry)
        ModelLogEntry.objects.filter(content_type=content_type, object_id__in=ids).delete()
        deleted, _ = Enquiry.objects.filter(pk__in=ids).delete()
        return deleted


def _cell(enquiry: Enquiry, attribute: str) -> str:
    value = getattr(enquiry, attribute)
    if callable(value):
        value = value()
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    if attribute == "assigned_to":
        return value.get_full_name() or value.get_username()
    return csv_safe(str(value))


def write_csv(enquiries: Iterable[Enquiry], stream: IO[str]) -> None:
    """The enquiries as CSV, every cell a spreadsheet could run as a formula defused."""
    writer = csv.writer(stream)
    writer.writerow([heading for heading, _ in EXPORT_COLUMNS])
    for enquiry in enquiries:
        writer.writerow([_cell(enquiry, attribute) for _, attribute in EXPORT_COLUMNS])
