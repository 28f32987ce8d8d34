"""Careers and what describes them: sectors, skills, salary figures and progression."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, Q, Value
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
from portal import content_version, page_cache
from portal.visibility import is_public, public_pages, public_q

# A figure older than this is flagged to readers as possibly out of date.
SALARY_STALE_AFTER_MONTHS = 18
# Published edits bump portal.content_version at once where the cache is shared (Redis); with a
# per-process cache another worker may show the old article for up to this long.
ARTICLE_CACHE_SECONDS = 5 * 60


class Sector(index.Indexed, models.Model):
    """A broad area of work (data, software, security ...) that editors file careers under."""

    name = models.CharField(max_length=80, unique=True, help_text="e.g. Data and AI. Shown on career pages.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in filter links.")
    description = models.TextField(blank=True, help_text="Optional. A sentence about the sector.")

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Skill(index.Indexed, models.Model):
    """A skill employers ask for; careers need it, courses teach it."""

    name = models.CharField(
        max_length=120, unique=True, help_text="e.g. Python. Shown on careers and courses."
    )
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in filter links.")
    description = models.TextField(blank=True, help_text="Optional. What the skill covers.")

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
    per_page = 12
    max_count = 1

    class Meta:
        verbose_name = "career index page"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Imported here: the search module builds on the models defined below.
        from careers.career_search import QUERY_PARAMS, find_careers

        context = super().get_context(request, *args, **kwargs)
        listing = find_careers(self, request.GET, per_page=self.per_page)
        page_cache.vary_on_query(request, QUERY_PARAMS, store=listing.cacheable)
        context["listing"] = listing
        context["careers"] = listing.page.object_list
        return context

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        if path_components:
            # One query for the career and what its header shows, instead of Wagtail's
            # generic child lookup followed by .specific, the sector and the hero image.
            career = (
                CareerPage.objects.child_of(self)
                .select_related("sector", "hero_image")
                .filter(slug=path_components[0])
                .first()
            )
            if career is not None:
                return career.route(request, path_components[1:])
        return super().route(request, path_components)


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
            # The import keeps to the same cap: a page with hundreds of bands is unreadable.
            max_num=settings.SALARY_IMPORT_MAX_FIGURES_PER_CAREER,
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
                public_flags=("linked_career",),
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

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # A preview shows unsaved inline rows held in memory: never cache or reuse those.
        use_cache = not getattr(request, "is_preview", False)
        context.update(self.article_context(use_cache=use_cache))
        url = self.get_url(request=request) or ""
        # A child's URL is its parent's plus its slug: the list's address without a query.
        context["index_url"] = url[: -len(self.slug) - 1] if url.endswith(f"/{self.slug}/") else "/"
        # raw_data, so checking the block types does not load the pages the blocks choose.
        context["has_skills_block"] = any(item.get("type") == "skills" for item in self.body.raw_data)
        return context

    def article_cache_key(self) -> str:
        published = self.last_published_at.timestamp() if self.last_published_at else 0
        version = content_version.current_version()
        return f"careers:article:{self.pk}:{self.latest_revision_id}:{published}:{version}"

    def article_context(self, use_cache: bool = True) -> dict[str, Any]:
        """Everything the article shows beyond its own fields, in a fixed number of queries.

        One query per related list, however long the lists are, and none on a warm cache:
        the page's cost must not grow with its skills, steps, figures, related careers or courses.
        """
        key = self.article_cache_key() if use_cache and self.pk else None
        data = cache.get(key) if key else None
        if data is None:
            data = self._load_article_data()
            if key:
                cache.set(key, data, ARTICLE_CACHE_SECONDS)
        figures = data["salary_figures"]
        career_skills = data["career_skills"]
        if key:
            # Hand the lists to anything else that asks this page for them (structured data, the API).
            self._remember_prefetched("salary_figures", figures)
            self._remember_prefetched("career_skills", career_skills)
        # The headline figure is the first one; keep the cached_property in step with it.
        self.__dict__["headline_salary"] = figures[0] if figures else None
        return {
            "article_cache_key": key,
            "salary_rows": salary_rows(figures),
            "essential_skills": [
                cs.skill for cs in career_skills if cs.importance == CareerSkill.Importance.ESSENTIAL
            ],
            "optional_skills": [
                cs.skill for cs in career_skills if cs.importance == CareerSkill.Importance.OPTIONAL
            ],
            "progression_steps": data["progression_steps"],
            "specialisations": data["specialisations"],
            "related_careers": data["related_careers"],
            "preparing_courses": data["preparing_courses"],
            "skill_count": len(career_skills),
        }

    def _load_article_data(self) -> dict[str, list[Any]]:
        career_skills = sorted(self.career_skills.select_related("skill"), key=_editor_order)
        related, steps = self._public_links()
        return {
            "salary_figures": sorted(self.salary_figures.select_related("source"), key=_editor_order),
            "career_skills": career_skills,
            "progression_steps": sorted(steps, key=_editor_order),
            "specialisations": sorted(self.specialisations.all(), key=_editor_order),
            "related_careers": [link.related for link in sorted(related, key=_editor_order)],
            "preparing_courses": self.preparing_courses([cs.skill_id for cs in career_skills]),
        }

    def _public_links(self) -> tuple[list[RelatedCareer], list[ProgressionStep]]:
        """Related careers the public may see, and the progression steps, each step marked with
        ``links_to_public_career``: a step whose career is a draft or private keeps its title only."""
        related = self.related_careers.select_related("related")
        steps = self.progression_steps.select_related("linked_career")
        if isinstance(related, models.QuerySet) and isinstance(steps, models.QuerySet):
            related = related.filter(public_q("related__"))
            steps = steps.annotate(links_to_public_career=is_public("linked_career__"))
            return list(related), list(steps)
        # A preview's unsaved rows live in memory: one query asks which of their pages are public.
        related, steps = list(related), list(steps)
        chosen = {link.related_id for link in related} | {step.linked_career_id for step in steps}
        public = set(public_pages(Page.objects.filter(pk__in=chosen - {None})).values_list("pk", flat=True))
        for step in steps:
            step.links_to_public_career = step.linked_career_id in public
        return [link for link in related if link.related_id in public], steps

    def _remember_prefetched(self, relation: str, rows: list[Any]) -> None:
        """Store rows as if prefetch_related had fetched them, so `.all()` makes no query."""
        queryset = getattr(self, relation).all()
        if not isinstance(queryset, models.QuerySet):
            return  # In-memory rows (a preview) are already free to read.
        queryset._result_cache = rows
        queryset._prefetch_done = True
        if not hasattr(self, "_prefetched_objects_cache"):
            self._prefetched_objects_cache = {}
        self._prefetched_objects_cache[relation] = queryset

    def preparing_courses(self, skill_ids: list[int]) -> list[Any]:
        """Public courses linked to this career, each annotated with how many of its skills they teach.

        Courses sit above careers in the layers, so this reaches them only through the
        reverse relation ``course_links`` (courses.CourseCareer) and string lookups.
        """
        if not self.pk:
            return []
        links = self.course_links.filter(public_q("course__")).select_related("course__provider")
        if skill_ids:
            links = links.annotate(
                skills_covered=Count("course__skills", filter=Q(course__skills__in=skill_ids), distinct=True)
            )
        else:
            links = links.annotate(skills_covered=Value(0, output_field=models.IntegerField()))
        courses = []
        for link in links.order_by("course__title", "pk"):
            course = link.course
            course.skills_covered = link.skills_covered
            courses.append(course)
        return courses


def _editor_order(row: Orderable) -> tuple[int, int]:
    # Works on database rows and on a preview's unsaved rows (no pk yet) alike.
    return (row.sort_order if row.sort_order is not None else 0, row.pk or 0)


@dataclass(frozen=True)
class SalaryRow:
    """A salary figure placed on a scale shared by every figure on the page, in percent."""

    figure: SalaryFigure
    start: float
    width: float
    marker: float


def salary_rows(figures: list[SalaryFigure]) -> list[SalaryRow]:
    if not figures:
        return []
    # A common scale, rounded up to the next £10,000, so bars compare at a glance.
    top = max(figure.maximum for figure in figures)
    scale = max(10_000, -(-top // 10_000) * 10_000)
    rows = []
    for figure in figures:
        start = round(figure.minimum / scale * 100, 2)
        end = round(figure.maximum / scale * 100, 2)
        rows.append(
            SalaryRow(
                figure=figure,
                start=start,
                width=round(max(end - start, 0.5), 2),
                marker=round(figure.typical / scale * 100, 2),
            )
        )
    return rows


def implausible_salary_message(pounds: int) -> str | None:
    """Why an annual salary is not believable (outside SALARY_PLAUSIBLE_RANGE), or None if it is."""
    low, high = settings.SALARY_PLAUSIBLE_RANGE
    if low <= pounds <= high:
        return None
    return (
        f"£{pounds:,} is not a plausible annual salary: give a figure between £{low:,} and £{high:,} "
        "a year, in whole pounds."
    )


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
        # The range comes from settings, so it is checked here rather than frozen into a
        # database constraint; the import checks it too, line by line.
        for name, value in (("minimum", low), ("typical", mid), ("maximum", high)):
            message = implausible_salary_message(value)
            if message:
                errors[name] = message
        if errors:
            raise ValidationError(errors)
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

    @property
    def stale(self) -> bool:
        return self.is_stale()

    @property
    def typical_label(self) -> str:
        """e.g. "UK average", "London median"."""
        return f"{self.region} {self.get_typical_kind_display()}"


class CareerSkill(Orderable):
    """A skill a career needs, marked essential or optional."""

    class Importance(models.TextChoices):
        ESSENTIAL = "essential", "Essential"
        OPTIONAL = "optional", "Optional"

    career = ParentalKey(CareerPage, on_delete=models.CASCADE, related_name="career_skills")
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="career_links", help_text="Choose or add a skill."
    )
    importance = models.CharField(
        max_length=10,
        choices=Importance.choices,
        default=Importance.ESSENTIAL,
        help_text="Essential: employers expect it. Optional: it helps but is not required.",
    )

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
    description = models.CharField(max_length=255, blank=True, help_text="Optional. One line about the step.")
    linked_career = models.ForeignKey(
        CareerPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="If this step has a career article of its own, choose it.",
    )
    salary_min = models.PositiveIntegerField(
        null=True, blank=True, help_text="Optional. Lowest salary at this step, in whole pounds."
    )
    salary_max = models.PositiveIntegerField(
        null=True, blank=True, help_text="Optional. Highest salary at this step, in whole pounds."
    )

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

    def clean(self) -> None:
        super().clean()
        if self.salary_min is not None and self.salary_max is not None and self.salary_min > self.salary_max:
            raise ValidationError(
                {
                    "salary_max": f"The step's maximum (£{self.salary_max:,}) is lower than "
                    f"its minimum (£{self.salary_min:,})."
                }
            )


class Specialisation(Orderable):
    """A direction a career can branch into, such as NLP or MLOps."""

    career = ParentalKey(CareerPage, on_delete=models.CASCADE, related_name="specialisations")
    name = models.CharField(max_length=80, help_text="e.g. Natural language processing")
    description = models.CharField(max_length=255, blank=True, help_text="Optional. One line about it.")

    panels = [FieldPanel("name"), FieldPanel("description")]

    def __str__(self) -> str:
        return self.name


class RelatedCareer(Orderable):
    """Another career a reader of this one might consider."""

    career = ParentalKey(CareerPage, on_delete=models.CASCADE, related_name="related_careers")
    related = models.ForeignKey(
        CareerPage,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A career a reader of this one might also like. Only published careers are shown.",
    )

    panels = [PageChooserPanel("related", page_type="careers.CareerPage")]

    def __str__(self) -> str:
        return str(self.related)


class SalaryImportRun(models.Model):
    """One applied salary CSV import: who ran it, when, on which file, and what came of it.

    Large files are applied by a background task that reads ``data`` from here; small ones are
    applied in the request, but recorded the same way so an editor sees every past import.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    data = models.BinaryField(help_text="The uploaded file, as the dry run checked it.")
    row_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    # [{"id": page id, "title": ..., "published": bool}] for each career the import changed.
    careers = models.JSONField(default=list, blank=True)
    # [{"line": int | None, "column": str | None, "message": str}] when it failed.
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="salary_import_run_user_idx")]

    def __str__(self) -> str:
        return f"{self.file_name or 'Salary import'} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def published_count(self) -> int:
        return sum(1 for career in self.careers if career.get("published"))

    @property
    def drafted_count(self) -> int:
        return len(self.careers) - self.published_count
