"""The careers list at /careers/ and the career article pages beneath it."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Prefetch, Q, Value
from django.http import HttpRequest
from django.utils.functional import cached_property
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from careers import api as career_api
from careers.blocks import DayInTheLifeBlock
from careers.career_search import QUERY_PARAMS, find_careers
from careers.models.inlines import CareerSkill, ProgressionStep, RelatedCareer
from careers.models.salary import SalaryFigure, headline_annotations
from careers.models.snippets import Sector, Skill
from careers.salary_scale import salary_rows
from portal import content_version, page_cache
from portal.visibility import is_public, public_pages, public_q

# Published edits bump portal.content_version at once where the cache is shared (Redis); with a
# per-process cache another worker may show the old article for up to this long.
ARTICLE_CACHE_SECONDS = 5 * 60


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
        context = super().get_context(request, *args, **kwargs)
        listing = find_careers(
            CareerPage.objects.child_of(self).annotate(**headline_annotations()),
            sectors=Sector.objects.all(),
            skills=Skill.objects.all(),
            params=request.GET,
            per_page=self.per_page,
        )
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
        APIField("sector", serializer=career_api.NamedItemSerializer()),
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

    @staticmethod
    def listed_rows() -> list[Prefetch]:
        """The salary figures (with their sources) and skills in the editors' order, prefetched
        onto the page as ``figures_in_order`` and ``skills_in_order``.

        The article sets both lists, from its cache or a preview's unsaved rows, so anything
        prefetching them later in the same request (the JSON-LD) makes no query.
        """
        return [
            Prefetch(
                "salary_figures",
                queryset=SalaryFigure.objects.select_related("source").order_by("sort_order", "pk"),
                to_attr="figures_in_order",
            ),
            Prefetch(
                "career_skills",
                queryset=CareerSkill.objects.select_related("skill").order_by("sort_order", "pk"),
                to_attr="skills_in_order",
            ),
        ]

    @classmethod
    def card_prefetches(cls) -> tuple[str, ...]:
        """What a career card reads (the home page asks each featured page's class for these)."""
        return ("sector", "salary_figures")

    @cached_property
    def headline_salary(self) -> SalaryFigure | None:
        figures = getattr(self, "figures_in_order", None)
        if figures is None:
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

    def article_context(self, use_cache: bool = True) -> dict[str, Any]:
        """Everything the article shows beyond its own fields, in a fixed number of queries.

        One query per related list, however long the lists are, and none on a warm cache:
        the page's cost must not grow with its skills, steps, figures, related careers or courses.
        """
        key = None
        if use_cache and self.pk:
            # Wagtail's key changes when the page is republished or moved; the content version
            # when anything else the article shows changes (a renamed skill, an unpublished course).
            key = f"careers:article:{self.cache_key}:{content_version.current_version()}"
        data = cache.get(key) if key else None
        if data is None:
            data = self._load_article_data()
            if key:
                cache.set(key, data, ARTICLE_CACHE_SECONDS)
        self.figures_in_order = figures = data["salary_figures"]
        self.skills_in_order = career_skills = data["career_skills"]
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
        # The sector and headline salary are on each related career's card.
        related = self.related_careers.select_related("related__sector").prefetch_related(
            "related__salary_figures"
        )
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
