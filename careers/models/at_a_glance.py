"""What a career page sums up in its "At a glance" panel beyond salary and skills: the hours a week,
the working pattern and the routes in (university, apprenticeship, one of our courses ...).

The comparison of careers reads the same fields: ``hours_min``/``hours_max`` (with ``hours_text``),
``working_patterns`` (with ``patterns_in_order()``) and ``routes_in()``, ours first.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Case, F, IntegerField, Prefetch, Q, Value, When
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page

from portal.visibility import public_pages, public_q

HOURS_LOWEST, HOURS_HIGHEST = 1, 80
# The small fixed set editors tick from, in the order pages list them (seeded by migration 0008).
WORKING_PATTERNS = [
    ("office-hours", "Office hours"),
    ("shifts", "Shifts"),
    ("hybrid", "Hybrid"),
    ("remote", "Remote"),
    ("on-site", "On site"),
    ("flexible", "Flexible hours"),
    ("evenings-weekends", "Evenings or weekends"),
]
COURSE_PAGE_LABEL = "courses.CoursePage"  # a string label: courses sit above careers in the layers


class WorkingPattern(models.Model):
    """One way a job's hours are worked (office hours, shifts, hybrid ...). A fixed vocabulary, not a
    snippet: careers are filtered and compared on it, so its names must stay the same."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def ensure_all(cls) -> dict[str, WorkingPattern]:
        """Every pattern of the vocabulary, by slug, creating any a flushed test database lost."""
        existing = cls.objects.in_bulk(field_name="slug")
        for position, (slug, name) in enumerate(WORKING_PATTERNS):
            if slug not in existing:
                existing[slug] = cls.objects.create(slug=slug, name=name, sort_order=position)
        return existing


class CareerRoute(Orderable):
    """One way into a career, with its entry requirements in plain words. Editors list them on the
    career's "At a glance and routes in" tab; the page shows routes through our own courses first."""

    class Kind(models.TextChoices):
        COURSE = "course", "One of our courses"
        UNIVERSITY = "university", "University"
        APPRENTICESHIP = "apprenticeship", "Apprenticeship"
        COLLEGE = "college", "College"
        WORK = "work", "Work your way in"
        VOLUNTEERING = "volunteering", "Volunteering"

    career = ParentalKey("careers.CareerPage", on_delete=models.CASCADE, related_name="routes")
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        help_text="How people get in this way. Choose “One of our courses” to point at a course of ours.",
    )
    title = models.CharField(
        max_length=120,
        blank=True,
        help_text="Optional. A short name, e.g. “A degree in computer science or maths”. "
        "A route through one of our courses takes the course's title when left blank.",
    )
    entry_requirements = models.TextField(
        max_length=600,
        help_text="In plain words, what a student needs to start this way, e.g. “Two A levels, one in "
        "maths or a science”, or “None: the course starts from the beginning”. At most 600 characters.",
    )
    # A page FK by string label, limited to courses by the chooser and by clean(). Deleting the
    # course deletes the route, so no route through a course is ever left without one.
    course = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="For “One of our courses” only: the course. Hidden while the course is unpublished.",
    )
    link_url = models.URLField(
        "Find out more at",
        max_length=300,
        blank=True,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text="Optional. Where to read more, e.g. the apprenticeship standard or UCAS.",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldPanel("entry_requirements"),
        PageChooserPanel("course", page_type=COURSE_PAGE_LABEL),
        FieldPanel("link_url"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="course", course__isnull=False)
                | (~Q(kind="course") & Q(course__isnull=True)),
                name="career_route_course_only_for_course_kind",
                violation_error_message="A route through one of our courses needs its course; "
                "other routes name none.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """What the page calls the route: the editors' title, else the course's, else the kind."""
        if self.title:
            return self.title
        if self.kind == self.Kind.COURSE and self.course_id and self.course is not None:
            return self.course.title
        return self.get_kind_display()

    @property
    def is_ours(self) -> bool:
        return self.kind == self.Kind.COURSE

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.kind == self.Kind.COURSE and not self.course_id:
            errors["course"] = "Choose the course this route goes through, or pick another kind of route."
        elif self.kind and self.kind != self.Kind.COURSE and self.course_id:
            errors["course"] = (
                "Only a route of the kind “One of our courses” names a course: clear the course "
                "or change the kind."
            )
        elif self.course_id and self.course.specific_class._meta.label != COURSE_PAGE_LABEL:
            errors["course"] = "Choose a course page."
        if not (self.entry_requirements or "").strip():
            errors["entry_requirements"] = "Say in plain words what a student needs to start this way."
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def in_display_order(queryset: models.QuerySet[CareerRoute]) -> models.QuerySet[CareerRoute]:
        """Routes the public may see (a course route only while its course is public), ours first,
        then the rest in the editors' order; each course comes with it."""
        return (
            queryset.filter(Q(course__isnull=True) | public_q("course__"))
            .select_related("course")
            .annotate(
                ours_first=Case(
                    When(kind="course", then=Value(0)), default=Value(1), output_field=IntegerField()
                )
            )
            .order_by("ours_first", "sort_order", "pk")
        )


def hours_constraint() -> models.CheckConstraint:
    """Both hours or neither, each 1–80, the lower first: for CareerPage.Meta."""
    return models.CheckConstraint(
        condition=Q(hours_min__isnull=True, hours_max__isnull=True)
        | Q(
            # Spelt out: a check on NULL passes in SQL, so one end alone would slip through.
            hours_min__isnull=False,
            hours_max__isnull=False,
            hours_min__gte=HOURS_LOWEST,
            hours_max__lte=HOURS_HIGHEST,
            hours_min__lte=F("hours_max"),
        ),
        name="career_hours_in_range_and_order",
        violation_error_message=f"Hours a week run from {HOURS_LOWEST} to {HOURS_HIGHEST}, the lower first.",
    )


def _hours_validators() -> list[Any]:
    return [
        MinValueValidator(HOURS_LOWEST, f"Give at least {HOURS_LOWEST} hour a week."),
        MaxValueValidator(HOURS_HIGHEST, f"Give at most {HOURS_HIGHEST} hours a week."),
    ]


class AtAGlanceFields(models.Model):
    """The hours and working pattern of a career, and how its routes in are read (CareerPage's)."""

    hours_min = models.PositiveSmallIntegerField(
        "fewest hours a week",
        null=True,
        blank=True,
        validators=_hours_validators(),
        help_text="Typical hours a week, lower end, e.g. 37. Leave both blank if not known.",
    )
    hours_max = models.PositiveSmallIntegerField(
        "most hours a week",
        null=True,
        blank=True,
        validators=_hours_validators(),
        help_text="Typical hours a week, upper end, e.g. 40. The same as the lower end for fixed hours.",
    )
    working_patterns = ParentalManyToManyField(
        WorkingPattern,
        blank=True,
        related_name="careers",
        help_text="How the hours are usually worked. Tick all that are common.",
    )

    at_a_glance_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("hours_min"), FieldPanel("hours_max")]),
                FieldPanel("working_patterns", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Hours and working pattern",
            help_text="Shown in the article's “At a glance” panel and in career comparisons.",
        ),
    ]

    class Meta:
        abstract = True

    @property
    def hours_text(self) -> str:
        """“37–40 hours a week”, “37 hours a week”, or "" when not known."""
        if self.hours_min is None or self.hours_max is None:
            return ""
        if self.hours_min == self.hours_max:
            return f"{self.hours_min} hour{'s' if self.hours_min != 1 else ''} a week"
        return f"{self.hours_min}–{self.hours_max} hours a week"

    def clean(self) -> None:
        super().clean()
        low, high = self.hours_min, self.hours_max
        if (low is None) != (high is None):
            missing = "hours_max" if high is None else "hours_min"
            raise ValidationError({missing: "Give both ends of the hours a week, or leave both blank."})
        if low is not None and high is not None and low > high:
            raise ValidationError(
                {"hours_max": f"The most hours a week ({high}) is fewer than the fewest ({low})."}
            )

    @staticmethod
    def route_rows() -> list[Prefetch]:
        """Prefetch for lists of careers (a comparison): ``routes_in()`` and ``patterns_in_order()``
        then make no query. Two queries for any number of careers."""
        return [
            Prefetch(
                "routes",
                queryset=CareerRoute.in_display_order(CareerRoute.objects.all()),
                to_attr="routes_in_order",
            ),
            Prefetch(
                "working_patterns", queryset=WorkingPattern.objects.all(), to_attr="working_patterns_in_order"
            ),
        ]

    def routes_in(self) -> list[CareerRoute]:
        """The public routes into this career, ours first, then the rest in the editors' order.

        From what the article or ``route_rows()`` already loaded, else one query; a preview's
        unsaved rows are put in the same order, with one query for which of their courses are public.
        """
        loaded = getattr(self, "routes_in_order", None)
        if loaded is not None:
            return loaded
        rows = self.routes.all()
        if isinstance(rows, models.QuerySet):
            return list(CareerRoute.in_display_order(rows))
        rows = list(rows)
        chosen = {row.course_id for row in rows} - {None}
        public = set(public_pages(Page.objects.filter(pk__in=chosen)).values_list("pk", flat=True))
        shown = [row for row in rows if row.course_id is None or row.course_id in public]
        return sorted(shown, key=lambda row: (not row.is_ours, row.sort_order or 0, row.pk or 0))

    def route_kinds(self) -> list[str]:
        """The kinds of route in, each once, in the order ``routes_in()`` gives them."""
        return list(dict.fromkeys(route.get_kind_display() for route in self.routes_in()))

    def patterns_in_order(self) -> list[WorkingPattern]:
        """The career's working patterns in the vocabulary's order (loaded, prefetched or one query)."""
        loaded = getattr(self, "working_patterns_in_order", None)
        if loaded is None:
            loaded = sorted(self.working_patterns.all(), key=lambda p: (p.sort_order, p.pk or 0))
        return loaded
