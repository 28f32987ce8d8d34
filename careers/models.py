"""Careers and what describes them: sectors, skills, salary figures and progression."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from careers import api as career_api
from careers.blocks import DayInTheLifeBlock
from careers.structured_data import occupation

# A figure older than this is flagged to readers as possibly out of date.
SALARY_STALE_AFTER_MONTHS = 18


class Sector(index.Indexed, models.Model):
    """A broad area of work (data, software, security ...) that editors file careers under."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in filter links.")
    description = models.TextField(blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Skill(index.Indexed, models.Model):
    """A skill employers ask for; careers need it, courses teach it."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in filter links.")
    description = models.TextField(blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SalarySource(models.Model):
    """Where salary figures come from (ONS ASHE, an employer survey ...), so readers can check."""

    name = models.CharField(max_length=120, unique=True, help_text="e.g. ONS ASHE 2025")
    url = models.URLField(blank=True, help_text="Where readers can see the figures.")
    is_illustrative = models.BooleanField(
        default=False,
        help_text="Tick for made-up demonstration figures; pages then say so.",
    )
    notes = models.TextField(blank=True, help_text="Method, sample size, caveats.")

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("is_illustrative"), FieldPanel("notes")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CareerIndexPage(Page):
    """The list of every career at /careers/, with A–Z, filters and search."""

    intro = models.TextField(blank=True, help_text="A sentence or two above the list.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["careers.CareerPage"]
    api_fields = [APIField("intro")]
    max_count = 1

    class Meta:
        verbose_name = "career index page"


class CareerPage(Page):
    """A "Day in the Life" article about one career, with sourced salary figures."""

    summary = models.CharField(max_length=255, help_text="One line shown in lists and under the title.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A wide picture at the top of the article.",
    )
    sector = models.ForeignKey(
        Sector,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="careers",
        help_text="The area of work this career is filed under.",
    )
    article_date = models.DateField(default=datetime.date.today, help_text="The date shown on the article.")
    soc_code = models.CharField(
        "SOC 2020 code",
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", "A SOC 2020 unit group is four digits, e.g. 2134.")],
        help_text="The ONS Standard Occupational Classification 2020 unit group, if known.",
    )
    body = StreamField(
        DayInTheLifeBlock(),
        help_text="The article: times of day, tasks, a quote, skills, challenges and so on.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("article_date"), FieldPanel("soc_code")]),
        FieldPanel("body"),
    ]
    salary_panels = [
        InlinePanel(
            "salary_figures",
            label="Salary figure",
            heading="Salary figures",
            help_text="The first figure is the headline one. Each needs its source and date.",
        )
    ]
    skills_panels = [
        InlinePanel("career_skills", label="Skill", heading="Skills"),
        InlinePanel("progression_steps", label="Step", heading="Progression ladder"),
        InlinePanel("specialisations", label="Specialisation", heading="Specialisations"),
    ]
    related_panels = [InlinePanel("related_careers", label="Related career", heading="Related careers")]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(salary_panels, heading="Salary"),
            ObjectList(skills_panels, heading="Skills and progression"),
            ObjectList(related_panels, heading="Related"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("sector", [index.SearchField("name")]),
        index.RelatedFields("career_skills", [index.RelatedFields("skill", [index.SearchField("name")])]),
        index.FilterField("sector"),
    ]
    parent_page_types = ["careers.CareerIndexPage"]
    subpage_types: list[str] = []
    # What /api/v2/pages/?type=careers.CareerPage gives other services (see README, "API").
    api_fields = [
        APIField("summary"),
        APIField("sector", serializer=career_api.SectorSerializer()),
        APIField("article_date"),
        APIField("soc_code"),
        APIField("hero_image"),
        APIField(
            "salary_figures",
            serializer=career_api.ChildListField(
                career_api.SalaryFigureSerializer(), select_related=("source",)
            ),
        ),
        APIField(
            "skills",
            serializer=career_api.ChildListField(
                career_api.CareerSkillSerializer(), select_related=("skill",), source="career_skills"
            ),
        ),
        APIField(
            "progression",
            serializer=career_api.ChildListField(
                career_api.ProgressionStepSerializer(),
                select_related=("linked_career",),
                source="progression_steps",
            ),
        ),
        APIField(
            "specialisations", serializer=career_api.ChildListField(career_api.SpecialisationSerializer())
        ),
        APIField("related_careers", serializer=career_api.RelatedCareersField()),
        APIField("courses", serializer=career_api.PreparingCoursesField(source="course_links")),
        APIField("body"),
    ]

    class Meta:
        verbose_name = "career page"

    def structured_data(self, request: HttpRequest | None) -> dict:
        """schema.org Occupation for the page's JSON-LD (see careers/structured_data.py)."""
        return occupation(self, request)

    @cached_property
    def headline_salary(self) -> SalaryFigure | None:
        figures = list(self.salary_figures.all())
        return figures[0] if figures else None


class SalaryFigure(Orderable):
    """One sourced salary band for a career in a region."""

    class TypicalKind(models.TextChoices):
        MEDIAN = "median", "median"
        AVERAGE = "average", "average"

    career = ParentalKey(CareerPage, on_delete=models.CASCADE, related_name="salary_figures")
    region = models.CharField(max_length=60, default="UK", help_text="e.g. UK, London, Scotland.")
    minimum = models.PositiveIntegerField(help_text="Lowest typical annual salary, in whole pounds.")
    typical = models.PositiveIntegerField(help_text="The median or average, in whole pounds.")
    typical_kind = models.CharField(
        max_length=10,
        choices=TypicalKind.choices,
        default=TypicalKind.AVERAGE,
        help_text="Say whether the typical figure is a median or an average (mean).",
    )
    maximum = models.PositiveIntegerField(help_text="Highest typical annual salary, in whole pounds.")
    source = models.ForeignKey(
        SalarySource,
        on_delete=models.PROTECT,
        related_name="figures",
        help_text="Where the figures come from.",
    )
    gathered_on = models.DateField(help_text="When the source gathered or published them.")

    panels = [
        FieldPanel("region"),
        FieldRowPanel([FieldPanel("minimum"), FieldPanel("typical"), FieldPanel("maximum")]),
        FieldPanel("typical_kind"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("gathered_on")]),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__gt=0) & Q(minimum__lte=F("typical")) & Q(typical__lte=F("maximum")),
                name="salary_min_le_typical_le_max",
                violation_error_message="Salaries must be positive, with minimum ≤ typical ≤ maximum.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region}: £{self.minimum:,}–£{self.maximum:,}"

    def clean(self) -> None:
        """Name the figure that is wrong, so an editor knows which box to fix."""
        super().clean()
        low, mid, high = self.minimum, self.typical, self.maximum
        if None in (low, mid, high):
            return
        errors: dict[str, str] = {}
        if low <= 0:
            errors["minimum"] = "The minimum salary must be more than £0."
        if high < low:
            errors["maximum"] = f"The maximum (£{high:,}) is lower than the minimum (£{low:,})."
        elif mid < low:
            errors["typical"] = f"The typical salary (£{mid:,}) is lower than the minimum (£{low:,})."
        elif mid > high:
            errors["typical"] = f"The typical salary (£{mid:,}) is higher than the maximum (£{high:,})."
        if errors:
            raise ValidationError(errors)

    def is_stale(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        months = (today.year - self.gathered_on.year) * 12 + today.month - self.gathered_on.month
        return months > SALARY_STALE_AFTER_MONTHS


class CareerSkill(Orderable):
    """A skill a career needs, marked essential or optional."""

    class Importance(models.TextChoices):
        ESSENTIAL = "essential", "Essential"
        OPTIONAL = "optional", "Optional"

    career = ParentalKey(CareerPage, on_delete=models.CASCADE, related_name="career_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="career_links")
    importance = models.CharField(max_length=10, choices=Importance.choices, default=Importance.ESSENTIAL)

    panels = [FieldRowPanel([FieldPanel("skill"), FieldPanel("importance")])]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["career", "skill"], name="career_skill_once"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.get_importance_display()})"


class ProgressionStep(Orderable):
    """One rung of a career's progression ladder, optionally a career of its own."""

    career = ParentalKey(CareerPage, on_delete=models.CASCADE, related_name="progression_steps")
    title = models.CharField(max_length=120, help_text="e.g. Junior ML Engineer")
    description = models.CharField(max_length=255, blank=True)
    linked_career = models.ForeignKey(
        CareerPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="If this step has a career article of its own, choose it.",
    )
    salary_min = models.PositiveIntegerField(null=True, blank=True, help_text="Optional, pounds.")
    salary_max = models.PositiveIntegerField(null=True, blank=True, help_text="Optional, pounds.")

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        PageChooserPanel("linked_career", page_type="careers.CareerPage"),
        FieldRowPanel([FieldPanel("salary_min"), FieldPanel("salary_max")]),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="progression_salary_min_le_max",
                violation_error_message="The step's minimum salary must not exceed its maximum.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Specialisation(Orderable):
    """A direction a career can branch into, such as NLP or MLOps."""

    career = ParentalKey(CareerPage, on_delete=models.CASCADE, related_name="specialisations")
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    def __str__(self) -> str:
        return self.name


class RelatedCareer(Orderable):
    """Another career a reader of this one might consider."""

    career = ParentalKey(CareerPage, on_delete=models.CASCADE, related_name="related_careers")
    related = models.ForeignKey(CareerPage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("related", page_type="careers.CareerPage")]

    def __str__(self) -> str:
        return str(self.related)
