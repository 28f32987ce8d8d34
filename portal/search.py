"""Site search: one query over every live, public page, grouped by page type for display.

The portal sits below careers and courses, so it never imports them: pages are grouped
by their model's label, and what a group needs (a salary band, a provider's name) is
prefetched by field name, which only touches the pages that have such a field.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import partial

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from wagtail.models import Page, Site

from portal.kept_cards import CardLoader
from portal.visibility import public_pages_for_search

MAX_QUERY_LENGTH = 200
# Only words reach the backend: quotes and operators mean different things (or errors) to
# SQLite FTS5 and PostgreSQL, and the tokenisers would drop the punctuation anyway.
WORD = re.compile(r"\w+")
RESULTS_PER_PAGE = 20
# Ranking costs a relevance score per matching page (on SQLite one full-text match each), so a
# word that matches most of the catalogue made search grow with it (26 ms at 10 careers, 220 ms
# at 1,000). Up to this many matches are ranked; beyond it they are listed A to Z, which costs
# the same for any catalogue, and the reader is told to add a word.
MAX_RANKED = 100

# How each kind of page is shown, in display order; anything else falls under "Other pages".
GROUPS: list[tuple[str, str]] = [
    ("careers.careerpage", "Careers"),
    ("courses.coursepage", "Courses"),
]
OTHER_GROUP = "Other pages"
# Relations to load in bulk for the pages of a group, so a results page costs the same
# number of queries whatever it shows.
PREFETCH: dict[str, list[str]] = {
    "careers.careerpage": ["salary_figures", "sector"],
    "courses.coursepage": ["provider"],
}


@dataclass
class CleanQuery:
    """The query as searched, and what the reader should be told about how it was read."""

    text: str
    message: str = ""
    truncated: bool = False

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)

    @property
    def has_several_words(self) -> bool:
        return len(self.words) > 1


def clean_query(raw: str | None) -> CleanQuery:
    """Strip control characters (PostgreSQL refuses NUL bytes) and cap the length."""
    raw = raw or ""
    # Cf/Cc cover NUL, other control characters and zero-width joiners that would make an
    # apparently blank query non-empty.
    text = "".join(" " if unicodedata.category(ch) in {"Cc", "Cf"} else ch for ch in raw)
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        return CleanQuery(
            text=text[:MAX_QUERY_LENGTH].rstrip(),
            message=(
                f"Searches can be up to {MAX_QUERY_LENGTH} characters long; yours had {len(text)}, "
                f"so we searched for the first {MAX_QUERY_LENGTH}."
            ),
            truncated=True,
        )
    return CleanQuery(text=text)


@dataclass
class ResultGroup:
    label: str
    pages: list[Page] = field(default_factory=list)
    # Fetches what the group's results show beyond the page, for the results not kept yet.
    load: CardLoader | None = None


@dataclass
class SearchOutcome:
    query: CleanQuery
    page_obj: PaginatorPage | None = None
    groups: list[ResultGroup] = field(default_factory=list)
    # True when no page held every word, so pages with any of them are shown instead.
    matched_any_word: bool = False
    # True when more than MAX_RANKED pages matched, so they are listed A to Z, not by relevance.
    alphabetical: bool = False
    page_links: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.page_obj.paginator.count if self.page_obj else 0


def searchable_pages(site: Site | None):
    # A result whose card is kept needs its id and type only (group_results): no more is read.
    pages = public_pages_for_search(Page.objects.only("pk", "content_type"))
    if site is not None:
        # in_site without its depth test: a path that starts with the root's is below it anyway.
        pages = pages.filter(path__startswith=site.root_page.path)
    return pages


def group_results(pages: list[Page]) -> list[ResultGroup]:
    """Groups one results page by type, keeping relevance order inside each group."""
    by_label: dict[str, ResultGroup] = {label: ResultGroup(title) for label, title in GROUPS}
    other = ResultGroup(OTHER_GROUP)
    for page in pages:
        kind = page.specific_class or type(page)
        by_label.get(kind._meta.label_lower, other).pages.append(page)
    for label, group in [*by_label.items(), ("", other)]:
        group.load = CardLoader(partial(_load, lookups=PREFETCH.get(label, [])))
    groups = [*by_label.values(), other]
    return [group for group in groups if group.pages]


def _load(pages: list[Page], lookups: list[str]) -> list[Page | None]:
    """The results not kept yet as their own page types, with what their cards show: one query
    a type (a group holds one, "Other pages" a few) and one a prefetch."""
    by_kind: dict[type[Page], list[int]] = {}
    for page in pages:
        by_kind.setdefault(page.specific_class or type(page), []).append(page.pk)
    found: dict[int, Page] = {}
    for kind, ids in by_kind.items():
        found.update((page.pk, page) for page in kind.objects.filter(pk__in=ids))
    if lookups:
        prefetch_related_objects(list(found.values()), *lookups)
    return [found.get(page.pk) for page in pages]


def run_search(raw_query: str | None, page_number: str | None, site: Site | None) -> SearchOutcome:
    query = clean_query(raw_query)
    outcome = SearchOutcome(query=query)
    if not query.text:
        return outcome
    if not query.words:
        query.message = (
            "Your search has no letters or numbers in it. Try a word, such as a job title or a skill."
        )
        return outcome
    pages = searchable_pages(site)
    terms = " ".join(query.words)
    # Every word first, as readers expect; if that finds nothing, any word beats a dead end.
    by_title = pages.order_by("title")
    operator = "and"
    matches = pages.search(terms, operator=operator, order_by_relevance=False).count()
    if matches == 0 and query.has_several_words:
        operator = "or"
        matches = pages.search(terms, operator=operator, order_by_relevance=False).count()
        outcome.matched_any_word = matches > 0
    if not matches:
        return outcome  # nothing to rank or page through
    outcome.alphabetical = matches > MAX_RANKED
    if outcome.alphabetical:
        results = by_title.search(terms, operator=operator, order_by_relevance=False)
    else:
        results = pages.search(terms, operator=operator)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    paginator.count = matches  # counted above: the paginator need not count again
    outcome.page_obj = paginator.get_page(page_number)
    # Links to the pages near this one and at the ends, not one per page of a thousand results.
    outcome.page_links = list(paginator.get_elided_page_range(outcome.page_obj.number, on_each_side=2))
    outcome.groups = group_results(list(outcome.page_obj.object_list))
    return outcome
