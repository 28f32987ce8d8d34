"""What /careers/compare/ shows, built from the careers index page and the request.

``CareerIndexPage.compare`` calls :func:`compare_page` and renders the template it names. The
career model comes from the caller, so the page model imports this module and nothing here
imports the models back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from careers.career_comparison import (
    CareerColumn,
    CareerComparison,
    build_comparison,
    career_column,
    with_comparison_data,
)
from careers.career_selection import MAX_CAREERS, MIN_CAREERS, PARAMETER, select_careers
from portal import content_version
from portal.page_cache import QueryParams, vary_on_query
from portal.visibility import public_pages

if TYPE_CHECKING:
    from careers.models import CareerIndexPage, CareerPage

# What the comparison reads from the query string; the page cache keys its responses on this only.
COMPARE_QUERY = QueryParams(repeated=(PARAMETER,))


def compare_query(slugs: list[str]) -> str:
    """The canonical query: one ``careers=`` per career, A–Z, as the list's form sends them."""
    return urlencode([(PARAMETER, slug) for slug in sorted(slugs)])


def compare_page(
    index: CareerIndexPage, request: HttpRequest, career_model: type[CareerPage]
) -> tuple[str, dict[str, Any]]:
    """The template and the context for the comparison, or for choosing careers when too few."""

    def public() -> QuerySet[CareerPage]:  # built only when something is not kept
        return public_pages(career_model.objects.child_of(index))

    def load(slugs: list[str]) -> dict[str, CareerColumn]:  # one query and the prefetches
        careers = with_comparison_data(public()).filter(slug__in=slugs)
        return {career.slug: career_column(career, request) for career in careers}

    # Each career's column is kept until content next changes, so a comparison of careers
    # compared before (in any company) makes no query. Its links are the site's own.
    site = Site.find_for_request(request)
    kept_as = f"career-compare-column:{index.pk}:{site.pk if site else None}"
    selection = select_careers(
        request.GET.getlist(PARAMETER), lambda slugs: content_version.remember_many(kept_as, slugs, load)
    )
    # Only the canonical spelling is stored, so the orders and spellings of one comparison
    # share a single entry; the rest are rendered, as they would be without a cache.
    vary_on_query(request, COMPARE_QUERY, store=selection.is_canonical)
    compare_url = index.compare_url(request)
    # The careers that may be added: a form lists them, so no script is needed to add one. Every
    # public career's slug and title, kept until content next changes: one query less.
    every_key = content_version.key_for(request, "career-compare-options", index.pk)
    context: dict[str, Any] = {
        "selection": selection,
        "notices": selection.notices,
        "min_careers": MIN_CAREERS,
        "max_careers": MAX_CAREERS,
        "compare_url": compare_url,
        "index_url": index.get_url(request) or "/",
    }
    if not selection.is_enough:
        chosen = set(selection.slugs)
        every = content_version.remember(every_key, lambda: list(_slugs_and_titles(public())))
        context["options"] = [{"slug": slug, "title": title} for slug, title in every if slug not in chosen]
        context["seo_title"] = "Choose careers to compare"
        return "careers/career_compare_choose.html", context
    # The "Add a career" menu is kept as one string of <option>s, the compared careers' taken out:
    # with a thousand careers, a loop over them in the template cost more than the whole table.
    tags = content_version.remember(
        f"{every_key}:tags",
        lambda: "".join(_option_tag(slug, title) for slug, title in _slugs_and_titles(public())),
    )
    for career in selection.careers:
        tags = tags.replace(_option_tag(career.slug, career.title), "", 1)
    context["option_tags"] = mark_safe(tags)  # noqa: S308 - every tag in it is escaped by format_html
    comparison = build_comparison(selection.careers)
    context.update(_comparison_context(comparison, compare_url, request))
    return "careers/career_compare.html", context


def _slugs_and_titles(careers: QuerySet[CareerPage]) -> QuerySet:
    return careers.order_by("title", "slug").values_list("slug", "title")


def _option_tag(slug: str, title: str) -> str:
    return str(format_html('<option value="{}">{}</option>', slug, title))


def _comparison_context(
    comparison: CareerComparison, compare_url: str, request: HttpRequest
) -> dict[str, Any]:
    slugs = comparison.slugs
    titles = [column.title for column in comparison.columns]
    return {
        "comparison": comparison,
        "columns": [
            {
                "column": column,
                "remove_url": f"{compare_url}?{compare_query([s for s in slugs if s != column.slug])}",
            }
            for column in comparison.columns
        ],
        "share_url": request.build_absolute_uri(f"{compare_url}?{compare_query(slugs)}"),
        "can_add": len(slugs) < MAX_CAREERS,
        "seo_title": f"Compare {len(slugs)} careers",
        "seo_description": "Side by side: " + ", ".join(titles),
    }
