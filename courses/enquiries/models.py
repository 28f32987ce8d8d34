"""The Enquiry model: what a student sent about a course, and what admissions did with it.

Registered with the courses app because courses/models.py imports it; it names the course page
by its string label, so nothing here imports the page models back.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

NAME_MAX_LENGTH = 120
EMAIL_MAX_LENGTH = 254
QUESTION_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 4000
PATH_MAX_LENGTH = 255


class EnquiryStatus(models.TextChoices):
    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    CLOSED = "closed", "Closed"


class CameFromKind(models.TextChoices):
    CAREER = "career", "Career"
    COMPARISON = "comparison", "Comparison"
    COURSE = "course", "Course"
    OTHER = "other", "Other page"


class Enquiry(models.Model):
    """A student's enquiry about a course, sent from the form on the site.

    Admissions staff read it in the admin's Enquiries inbox, reply to the student by email, mark
    it contacted or closed, keep a note of what was said and assign it to a colleague. What the
    student sent is never edited. The staff dashboard counts enquiries per course and per page
    that led there (``came_from_*``). Enquiries older than the site's retention period are
    deleted by ``manage.py delete_old_enquiries``.
    """

    Status = EnquiryStatus
    CameFromKind = CameFromKind

    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        blank=True,
        # An editor may delete a course; its enquiries stay until retention removes them.
        on_delete=models.SET_NULL,
        related_name="enquiries",
    )
    course_title = models.CharField(max_length=255, help_text="The course's title when the enquiry arrived.")
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    email = models.EmailField(max_length=EMAIL_MAX_LENGTH)
    question = models.CharField(max_length=QUESTION_MAX_LENGTH, blank=True)
    start_date = models.DateField(
        null=True, blank=True, help_text="The start date the student chose; empty when not sure yet."
    )
    consent = models.BooleanField(default=False)
    consent_text = models.CharField(max_length=500, help_text="The words the student agreed to.")
    consent_version = models.CharField(max_length=20)

    came_from_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The career article or other page of ours that led to the course.",
    )
    came_from_kind = models.CharField(max_length=20, choices=CameFromKind.choices, blank=True)
    came_from_path = models.CharField(max_length=PATH_MAX_LENGTH, blank=True)

    status = models.CharField(max_length=20, choices=EnquiryStatus.choices, default=EnquiryStatus.NEW)
    note = models.TextField(
        max_length=NOTE_MAX_LENGTH, blank=True, help_text="For admissions only: what was said, what is next."
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_enquiries",
        help_text="Who in admissions is looking after it.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # The email to admissions (courses/enquiries/notify.py): sent once, retried until it is.
    email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    email_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    # When the next try is due; empty once sent. A claimed send moves it on, so two workers never
    # send the same enquiry at once.
    email_next_attempt_at = models.DateTimeField(null=True, blank=True, default=timezone.now, editable=False)
    email_last_error = models.CharField(max_length=255, blank=True, editable=False)

    class Meta:
        verbose_name = "enquiry"
        verbose_name_plural = "enquiries"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["course", "created_at"], name="enquiry_course_created"),
            models.Index(fields=["created_at"], name="enquiry_created"),
            models.Index(Lower("email"), name="enquiry_email_lower"),
            models.Index(fields=["email_next_attempt_at"], name="enquiry_email_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent=True),
                name="enquiry_consent_given",
                violation_error_message="An enquiry is only kept with the student's consent.",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="enquiry_name_given"),
            models.CheckConstraint(condition=Q(email__contains="@"), name="enquiry_email_has_at"),
            models.CheckConstraint(condition=~Q(course_title=""), name="enquiry_course_title_given"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("question"), QUESTION_MAX_LENGTH),
                name="enquiry_question_length",
            ),
            models.CheckConstraint(condition=Q(status__in=EnquiryStatus.values), name="enquiry_status_known"),
            models.CheckConstraint(
                condition=Q(came_from_kind__in=[*CameFromKind.values, ""]),
                name="enquiry_came_from_kind_known",
            ),
        ]

    def __str__(self) -> str:
        # No name or address: this label is kept in the admin's history of the enquiry.
        return f"Enquiry {self.pk} about {self.course_title}"

    @property
    def came_from_text(self) -> str:
        """'Career: Data Scientist', 'Comparison', or '' when the student came straight to the course."""
        if not self.came_from_kind:
            return ""
        kind = self.get_came_from_kind_display()
        page = self.came_from_page
        return f"{kind}: {page.title}" if page is not None else kind

    @property
    def came_from_title(self) -> str:
        return self.came_from_page.title if self.came_from_page is not None else ""
