"""The list of careers at /careers/, with its filters and search, and the career comparison."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from careers.career_search import QUERY_PARAMS, filter_choices, find_careers
from careers.career_selection import COMPARE_ROUTE, MAX_CAREERS
from careers.compare_page_context import compare_page
from careers.models.pages import CareerPage
from careers.models.salary import headline_annotations
from careers.models.snippets import Sector, Skill
from portal import content_version, page_cache
from portal.kept_cards import CardLoader


def load_cards(items: list[Any]) -> list[CareerPage | None]:
    """The careers of the cards not kept yet (the list reads only their ids), with the sector and
    the headline figures they show, in one query: building the figures' subqueries costs more
    than the list's own queries, so a list whose cards are kept skips them."""
    careers = CareerPage.objects.filter(pk__in=[item.pk for item in items]).select_related("sector")
    found = {career.pk: career for career in careers.annotate(**headline_annotations())}
    return [found.get(item.pk) for item in items]


class CareerIndexPage(RoutablePageMixin, Page):
    """The list of every career at /careers/, with A–Z, filters and search, and the comparison of
    2–4 careers beneath it."""

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
        # Filters offer what a moderator has published, never a draft.
        sectors, skills = Sector.objects.live(), Skill.objects.live()
        # The filters' options, kept until content next changes: two queries less per filtering.
        choices = content_version.remember(
            content_version.key_for(request, "career-filter-choices"), lambda: filter_choices(sectors, skills)
        )
        listing = find_careers(
            CareerPage.objects.child_of(self),
            sectors=sectors,
            skills=skills,
            params=request.GET,
            per_page=self.per_page,
            choices=choices,
            headline=headline_annotations,
        )
        page_cache.vary_on_query(request, QUERY_PARAMS, store=listing.cacheable)
        context["listing"] = listing
        context["careers"] = listing.page.object_list
        context["load_cards"] = CardLoader(load_cards)
        # The head (title, canonical address, the list's JSON-LD) reads neither filters nor page.
        context["head_cache_key"] = f"{self.pk}:{request.scheme}:{request.path}"
        context["compare_url"] = self.compare_url(request)
        context["max_careers"] = MAX_CAREERS
        return context

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        # The index's own routes (compare/) come first, as RoutablePageMixin orders them.
        if path_components and not self.is_own_route(path_components):
            # One query for the career and what its header shows, instead of Wagtail's
            # generic child lookup followed by .specific, the sector and the hero image.
            career = (
                CareerPage.objects.child_of(self)
                .select_related(*CareerPage.route_select_related)
                .filter(slug=path_components[0])
                .first()
            )
            if career is not None:
                return career.route(request, path_components[1:])
        return super().route(request, path_components)

    def is_own_route(self, path_components: list[str]) -> bool:
        try:
            self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return False
        return True

    @classmethod
    def compare_path(cls) -> str:
        """The comparison's route below the index's URL, without a query."""
        return cls.get_resolver().reverse("compare")

    def compare_url(self, request: HttpRequest | None = None) -> str:
        return (self.get_url(request) or "/") + self.compare_path()

    @path(COMPARE_ROUTE, name="compare")
    def compare(self, request: HttpRequest) -> HttpResponse:
        """/careers/compare/?careers=a&careers=b: 2–4 careers side by side."""
        template, shown = compare_page(self, request, CareerPage)
        # The page's own context without the careers list, which the comparison does not show.
        context = super().get_context(request)
        context.update(shown)
        return TemplateResponse(request, template, context)
