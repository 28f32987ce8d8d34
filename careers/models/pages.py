"""The career article pages beneath the careers list (careers/models/index_page.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
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
from careers import role_fit
from careers.blocks import DayInTheLifeBlock
from careers.career_page_form import CareerPageForm
from careers.career_selection import COMPARE_ROUTE, MAX_CAREERS
from careers.import_formats import ImportDateField
from careers.models import course_links
from careers.models.at_a_glance import AtAGlanceFields, hours_constraint
from careers.models.inlines import CareerSkill, ProgressionStep, RelatedCareer
from careers.models.salary import SalaryFigure
from careers.models.self_check import MOST_STATEMENTS, courses_teaching
from careers.models.snippets import Sector
from careers.salary_display import QUERY_PARAMS as SALARY_QUERY_PARAMS
from careers.salary_display import REGION_PARAM, headline_figure, salary_view
from portal import audience_signal, content_version, page_cache
from portal.other_side_links_panel import OtherSideLinksPanel
from portal.page_permissions import LeafPagePermissionTester
from portal.visibility import is_public, public_pages, public_q

# Published edits bump portal.content_version at once where the cache is shared (Redis); with a
# per-process cache another worker may show the old article for up to this long.
ARTICLE_CACHE_SECONDS = 5 * 60


class CareerPage(AtAGlanceFields, Page):
    """A "Day in the Life" article about one career, with sourced salary figures, its hours, working
    pattern and routes in (careers/models/at_a_glance.py) and a self-check for students."""

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
    article_date = ImportDateField(default=datetime.date.today, help_text="The date shown on the article.")
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
    related_panels = [
        InlinePanel("related_careers", label="Related career", heading="Related careers"),
        InlinePanel(
            "linked_courses",
            label="Course",
            heading="Courses that prepare for this career",
            help_text="Readers see these under 'Courses that prepare you', with the courses that "
            "link this career from their own editor (listed below), each once.",
        ),
        OtherSideLinksPanel(
            "course_links",
            "course",
            heading="Courses that list this career",
            help_text="Linked from each course's own editor; change them there.",
            empty_text="No course links this career from its own editor.",
        ),
    ]
    routes_panels = [
        *AtAGlanceFields.at_a_glance_panels,
        InlinePanel(
            "routes",
            label="Route in",
            heading="Routes in",
            help_text="Each way people get into this career, with its entry requirements in plain "
            "words. Routes through our own courses are shown first.",
        ),
    ]
    self_check_panels = [
        InlinePanel(
            "self_check_statements",
            label="Statement",
            heading="Is this role for you? (self-check)",
            help_text="5 to 8 sentences a student ticks if they sound like them, each tied to a skill "
            "or a trait. Students who leave a skill's statement unticked are shown courses teaching it. "
            "Leave empty for no self-check.",
            max_num=MOST_STATEMENTS,
        )
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(salary_panels, heading="Salary"),
            ObjectList(skills_panels, heading="Skills and progression"),
            ObjectList(routes_panels, heading="At a glance and routes in"),
            ObjectList(self_check_panels, heading="Self-check"),
            ObjectList(related_panels, heading="Related"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ],
        base_form_class=CareerPageForm,
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
    # What the article's header shows, fetched with the page when it is routed (portal/page_routing.py).
    route_select_related = ("sector", "hero_image")
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
                career_api.CareerSkillSerializer(),
                select_related=("skill",),
                live_only=("skill",),
                source="career_skills",
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
        APIField("courses", serializer=career_api.PreparingCoursesField(source="all_course_links")),
        APIField("body"),
    ]

    class Meta:
        verbose_name = "career page"
        constraints = [hours_constraint()]

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
                queryset=CareerSkill.objects.filter(skill__live=True)
                .select_related("skill")
                .order_by("sort_order", "pk"),
                to_attr="skills_in_order",
            ),
        ]

    @classmethod
    def card_prefetches(cls) -> tuple[str, ...]:
        """What a career card reads (the home page asks each featured page's class for these)."""
        return ("sector", "salary_figures")

    @cached_property
    def headline_salary(self) -> SalaryFigure | None:
        """The figure lists, the comparison and search sum the career up with (never an unreliable one)."""
        figures = getattr(self, "figures_in_order", None)
        if figures is None:
            figures = list(self.salary_figures.all())
        return headline_figure(figures)

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Marked for the audience counts; the page cache keeps the mark, so hits count too.
        return audience_signal.mark(super().serve(request, *args, **kwargs), audience_signal.CAREER, self.pk)

    def permissions_for_user(self, user: Any) -> LeafPagePermissionTester:
        # It never has children: the admin's listings answer "may delete" without a query a row.
        return LeafPagePermissionTester(user, self)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # A preview shows unsaved inline rows held in memory: never cache or reuse those.
        use_cache = not getattr(request, "is_preview", False)
        context.update(self.article_context(use_cache=use_cache))
        # The region is chosen from the figures the article already holds: no query of its own.
        salary = salary_view(self.figures_in_order, request.GET.get(REGION_PARAM), self.soc_code)
        page_cache.vary_on_query(request, SALARY_QUERY_PARAMS, store=salary.cacheable)
        context["salary"] = salary
        # What the kept parts of the page vary on beyond the article: the region, only when the
        # page cache could keep it too (else "" and those parts are rendered, never kept).
        key = context["article_cache_key"]
        context["salary_key"] = (request.GET.get(REGION_PARAM) or "-") if salary.cacheable and key else ""
        context["head_cache_key"] = f"{key}:{context['salary_key']}" if context["salary_key"] else ""
        url = self.get_url(request=request) or ""
        # A child's URL is its parent's plus its slug: the list's address without a query.
        context["index_url"] = url[: -len(self.slug) - 1] if url.endswith(f"/{self.slug}/") else "/"
        context["compare_url"] = context["index_url"] + COMPARE_ROUTE
        context["max_careers"] = MAX_CAREERS
        # raw_data, so checking the block types does not load the pages the blocks choose.
        context["has_skills_block"] = any(item.get("type") == "skills" for item in self.body.raw_data)
        self_check = role_fit.read_self_check(context["self_check_statements"], request.GET, courses_teaching)
        page_cache.vary_on_query(request, role_fit.QUERY_PARAMS, store=self_check.cacheable)
        context["self_check"] = self_check
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
        self.figures_in_order = data["salary_figures"]
        self.skills_in_order = career_skills = data["career_skills"]
        self.routes_in_order = data["routes"]
        self.working_patterns_in_order = data["working_patterns"]
        essential = [cs.skill for cs in career_skills if cs.importance == CareerSkill.Importance.ESSENTIAL]
        courses = data["preparing_courses"]
        return {
            "article_cache_key": key,
            "essential_skills": essential,
            "optional_skills": [
                cs.skill for cs in career_skills if cs.importance == CareerSkill.Importance.OPTIONAL
            ],
            "progression_steps": data["progression_steps"],
            "specialisations": data["specialisations"],
            "related_careers": data["related_careers"],
            "preparing_courses": courses,
            # The call to action beside the article: the course teaching most essential skills.
            "best_course": max(courses, key=lambda course: course.essential_covered) if courses else None,
            "essential_count": len(essential),
            "skill_count": len(career_skills),
            "routes_in": data["routes"],
            "self_check_statements": data["self_check_statements"],
        }

    def _load_article_data(self) -> dict[str, list[Any]]:
        # A skill never published (a draft added from the chooser) waits for a moderator.
        career_skills = sorted(
            self.career_skills.filter(skill__live=True).select_related("skill"), key=_editor_order
        )
        related, steps = self._public_links()
        essential = [cs.skill_id for cs in career_skills if cs.importance == CareerSkill.Importance.ESSENTIAL]
        return {
            "salary_figures": sorted(self.salary_figures.select_related("source"), key=_editor_order),
            "career_skills": career_skills,
            "progression_steps": sorted(steps, key=_editor_order),
            "specialisations": sorted(self.specialisations.all(), key=_editor_order),
            "related_careers": [link.related for link in sorted(related, key=_editor_order)],
            "preparing_courses": self.preparing_courses([cs.skill_id for cs in career_skills], essential),
            "routes": self.routes_in(),
            "working_patterns": self.patterns_in_order(),
            "self_check_statements": sorted(
                self.self_check_statements.select_related("skill"), key=_editor_order
            ),
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

    def preparing_courses(self, skill_ids: list[int], essential_ids: list[int] | None = None) -> list[Any]:
        """Public courses linked to this career from either side, each pair once, each annotated with
        how many of its skills they teach (``skills_covered``) and how many of ``essential_ids``
        (``essential_covered``); see careers/models/course_links.py."""
        return course_links.preparing_courses(self, skill_ids, essential_ids)

    preparing_course_links = staticmethod(course_links.preparing_links)


def _editor_order(row: Orderable) -> tuple[int, int]:
    # Works on database rows and on a preview's unsaved rows (no pk yet) alike.
    return (row.sort_order if row.sort_order is not None else 0, row.pk or 0)
