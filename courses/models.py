"""Courses, who provides them, what they include, and the careers they lead to."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from careers.models import CareerPage, Sector, Skill
from courses import api as course_api
from courses.blocks import SyllabusBlock
from courses.course_outlook import career_links_prefetch
from courses.enquiries.enquiry_routes import enquiry_form_response, enquiry_sent_response

# Models defined elsewhere: importing them here registers them with the courses app.
from courses.enquiries.models import Enquiry  # noqa: F401
from courses.linked_careers import CourseCareerLink  # noqa: F401
from courses.page_context import (
    RoutePage,
    compare_page,
    comparison_csv,
    course_list_context,
    course_page_context,
)
from portal import audience_signal
from portal.models import NamedSnippet
from portal.other_side_links_panel import OtherSideLinksPanel
from portal.page_permissions import LeafPagePermissionTester
from portal.unique_links import UniqueLink
from portal.visibility import public_pages


class Provider(NamedSnippet):
    """An organisation that runs courses."""

    name = models.CharField(max_length=120, unique=True, help_text="As students would recognise it.")
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Used in addresses; letters, numbers, hyphens."
    )
    website = models.URLField(blank=True, help_text="The provider's own site; course pages link to it.")
    description = models.TextField(blank=True, help_text="A sentence or two about the provider.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("website"), FieldPanel("description")]


class CourseFeature(NamedSnippet):
    """Something a course includes beyond teaching, e.g. hands-on labs or job matching.

    Each feature becomes a tick-or-cross row in comparisons, so editors add a row by adding one.
    """

    name = models.CharField(max_length=80, unique=True, help_text="Short, e.g. Hands-on labs.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in filter links.")
    description = models.CharField(
        max_length=255, blank=True, help_text="Shown as a tooltip and to screen readers."
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first in comparisons."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta(NamedSnippet.Meta):
        ordering = ["sort_order", "name"]


class CourseIndexPage(RoutablePageMixin, Page):
    """The list of every course at /courses/, and the side-by-side comparison beneath it."""

    intro = models.TextField(blank=True, help_text="A sentence or two above the list.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    api_fields = [APIField("intro")]
    max_count = 1

    class Meta:
        verbose_name = "course index page"

    def courses(self) -> models.QuerySet[CoursePage]:
        """The courses readers may list and compare: live, public and filed under this page."""
        return public_pages(CoursePage.objects.child_of(self))

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(course_list_context(self, request))
        return context

    @classmethod
    def compare_path(cls) -> str:
        """The compare route below the index's URL, without a query for the page."""
        return cls.get_resolver().reverse("compare")

    def compare_url(self, request: HttpRequest | None = None) -> str:
        return (self.get_url(request) or "/") + self.compare_path()

    @classmethod
    def enquire_path(cls) -> str:
        """The enquiry form's route below the index's URL; ?course=<slug> names the course."""
        return cls.get_resolver().reverse("enquire")

    def enquire_url(self, request: HttpRequest | None = None) -> str:
        return (self.get_url(request) or "/") + self.enquire_path()

    def enquiry_sent_url(self, request: HttpRequest | None = None) -> str:
        return (self.get_url(request) or "/") + self.reverse_subpage("enquiry_sent")

    def render_route(self, request: HttpRequest, shown: RoutePage) -> TemplateResponse:
        """A route's template with the page's own context, without the course list."""
        context = super().get_context(request)
        context.update(shown.context)
        return TemplateResponse(request, shown.template, context)

    @path("compare/", name="compare")
    def compare(self, request: HttpRequest) -> HttpResponse:
        shown = compare_page(self, request)
        if isinstance(shown, HttpResponse):  # a column's Pin or Remove button: to the new address
            return shown
        response = self.render_route(request, shown)
        comparison = shown.context.get("comparison")
        if comparison is not None:
            # Two or more courses side by side: a comparison for the audience counts.
            courses = [course.pk for course in comparison.courses]
            audience_signal.mark(response, audience_signal.COMPARISON, self.pk, courses)
        return response

    @path("compare/csv/", name="compare_csv")
    def compare_csv(self, request: HttpRequest) -> HttpResponse:
        download = comparison_csv(self, request)
        if isinstance(download, RoutePage):
            return self.render_route(request, download)
        return HttpResponse(
            download,
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="course-comparison.csv"'},
        )

    @path("enquire/", name="enquire")
    def enquire(self, request: HttpRequest) -> HttpResponse:
        return enquiry_form_response(self, request, self.render_route)

    @path("enquire/sent/", name="enquiry_sent")
    def enquiry_sent(self, request: HttpRequest) -> HttpResponse:
        return enquiry_sent_response(self, request, self.render_route)


class CoursePage(Page):
    """One course: who runs it, what it costs, what it teaches and where it leads."""

    class Level(models.TextChoices):
        BEGINNER = "beginner", "Beginner"
        INTERMEDIATE = "intermediate", "Intermediate"
        ADVANCED = "advanced", "Advanced"

    class StudyMode(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in_person", "In person"
        BLENDED = "blended", "Blended"

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="courses", help_text="Who runs the course."
    )
    summary = models.CharField(max_length=255, help_text="One line shown in lists and comparisons.")
    level = models.CharField(
        max_length=20,
        choices=Level.choices,
        default=Level.BEGINNER,
        help_text="Who the course is pitched at.",
    )
    duration_weeks = models.PositiveSmallIntegerField(
        help_text="Length of the course in weeks.",
        validators=[MinValueValidator(1, "A course lasts at least one week.")],
    )
    hours_per_week = models.PositiveSmallIntegerField(
        help_text="Expected study hours per week.",
        validators=[MinValueValidator(1, "Enter at least one hour a week.")],
    )
    study_mode = models.CharField(
        max_length=20,
        choices=StudyMode.choices,
        default=StudyMode.ONLINE,
        help_text="Online, in person, or blended (a mix of both).",
    )
    price = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=0,
        help_text="Full price in pounds; 0 means free.",
        validators=[MinValueValidator(0, "The price cannot be negative; enter 0 for a free course.")],
    )
    certification = models.CharField(
        max_length=160, blank=True, help_text="The certificate awarded, e.g. Level 4 Diploma."
    )
    awarding_body = models.CharField(max_length=120, blank=True, help_text="Who awards it.")
    features = ParentalManyToManyField(
        CourseFeature,
        blank=True,
        related_name="courses",
        help_text="What the course includes; each one is a tick-or-cross row in comparisons.",
    )
    skills = ParentalManyToManyField(
        Skill,
        blank=True,
        related_name="courses",
        help_text="Skills the course teaches; careers needing them show how many it covers.",
    )
    syllabus = StreamField(SyllabusBlock(), blank=True, help_text="The course's modules.")

    content_panels = Page.content_panels + [
        FieldPanel("provider"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("study_mode")]),
        FieldRowPanel([FieldPanel("duration_weeks"), FieldPanel("hours_per_week"), FieldPanel("price")]),
        MultiFieldPanel([FieldPanel("certification"), FieldPanel("awarding_body")], heading="Certification"),
        InlinePanel("start_dates", label="Start date", heading="Start dates"),
        FieldPanel("syllabus"),
    ]
    outcomes_panels = [
        FieldPanel("features", widget=forms.CheckboxSelectMultiple),
        FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
        InlinePanel("career_links", label="Career", heading="Careers this course prepares for"),
        OtherSideLinksPanel(
            "career_side_links",
            "career",
            heading="Careers that list this course",
            help_text="Linked from each career's own editor (its Related tab); change them there. "
            "Readers see these as well as the careers above, each once.",
            empty_text="No career links this course from its own editor.",
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("syllabus"),
        index.SearchField("certification"),
        index.RelatedFields("provider", [index.SearchField("name")]),
        index.RelatedFields("skills", [index.SearchField("name")]),
        index.FilterField("level"),
        index.FilterField("study_mode"),
        index.FilterField("price"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(outcomes_panels, heading="Features, skills and careers"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types: list[str] = []
    # Fetched with the page when it is routed (portal/page_routing.py).
    route_select_related = ("provider",)
    # What /api/v2/pages/?type=courses.CoursePage gives other services (see README, "API").
    api_fields = [
        APIField("provider", serializer=course_api.ProviderSerializer()),
        APIField("summary"),
        APIField("level"),
        APIField("duration_weeks"),
        APIField("hours_per_week"),
        APIField("study_mode"),
        APIField("price"),
        APIField("certification"),
        APIField("awarding_body"),
        APIField("features", serializer=course_api.NamedItemsField()),
        APIField("skills", serializer=course_api.NamedItemsField()),
        APIField("start_dates", serializer=course_api.StartDatesField()),
        APIField("careers", serializer=course_api.CareersServedField(source="all_career_links")),
        APIField("syllabus"),
    ]

    class Meta:
        verbose_name = "course page"
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gte=0),
                name="course_price_not_negative",
                violation_error_message="The price cannot be negative; enter 0 for a free course.",
            ),
            models.CheckConstraint(
                condition=Q(duration_weeks__gt=0),
                name="course_duration_positive",
                violation_error_message="A course lasts at least one week.",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gt=0),
                name="course_hours_positive",
                violation_error_message="Enter at least one hour a week.",
            ),
        ]

    @property
    def is_free(self) -> bool:
        return self.price == 0

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Marked for the audience counts; the page cache keeps the mark, so hits count too.
        return audience_signal.mark(super().serve(request, *args, **kwargs), audience_signal.COURSE, self.pk)

    @property
    def career_sector(self) -> Sector | None:
        """The sector of the first career it prepares for, which chooses the course's drawing
        (portal/sector_illustrations.py). Reads prefetched career links: prefetch them with
        :func:`courses.course_outlook.career_links_prefetch`, or :meth:`card_prefetches`."""
        link = next(iter(self.all_career_links.all()), None)
        return link.career.sector if link is not None else None

    @classmethod
    def card_prefetches(cls) -> tuple[str | Prefetch, ...]:
        """What a course card reads (the home page asks each featured page's class for these)."""
        return ("provider", career_links_prefetch(cls))

    def permissions_for_user(self, user: Any) -> LeafPagePermissionTester:
        # It never has children: the admin's listings answer "may delete" without a query a row.
        return LeafPagePermissionTester(user, self)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(
            course_page_context(self, request, CourseIndexPage.compare_path(), CourseIndexPage.enquire_path())
        )
        return context


class CourseStartDate(Orderable):
    """A date a cohort starts."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="start_dates")
    starts_on = models.DateField(help_text="The first day of the cohort. Past dates are not shown.")

    panels = [FieldPanel("starts_on")]

    def __str__(self) -> str:
        return self.starts_on.isoformat()


class CourseCareer(UniqueLink, Orderable):
    """A career a course prepares its students for."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="career_links")
    career = models.ForeignKey(
        CareerPage,
        on_delete=models.CASCADE,
        related_name="course_links",
        help_text="The career page lists this course under 'Courses that prepare you'.",
    )

    panels = [PageChooserPanel("career", page_type="careers.CareerPage")]
    link_fields = ("course", "career")

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["course", "career"], name="course_career_once")]

    def __str__(self) -> str:
        return str(self.career)
