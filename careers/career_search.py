"""Filtering, A–Z and search for the careers list at /careers/.

Every filter comes from the query string. A value we cannot use (an unknown sector,
``salary_min=abc``, ``page=999``) is dropped and a note says so: the list never fails.
Only a list the page itself links to may be kept by the page cache (``CareerListing.cacheable``):
no search words, and every filter and the page number valid and written as the list writes them.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.db.models.functions import Substr, Upper
from django.http import QueryDict

from portal.kept_cards import CardRef
from portal.list_paging import MAX_PAGE, page_of_refs
from portal.page_cache import QueryParams, form_input_is_canonical
from portal.search import MAX_QUERY_LENGTH, clean_query
from portal.visibility import public_pages, public_q

if TYPE_CHECKING:
    from careers.models import CareerPage, Sector, Skill

# (slug, name) of a sector or skill the filters offer.
Choice = tuple[str, str]
SALARY_CHOICES = [20_000, 30_000, 40_000, 50_000, 60_000, 80_000]
LETTERS = list(string.ascii_uppercase)


class CareerFilterForm(forms.Form):
    """The GET form above the list. Labels are what screen readers announce."""

    q = forms.CharField(label="Search careers", required=False, max_length=MAX_QUERY_LENGTH, strip=True)
    sector = forms.ChoiceField(label="Sector", required=False)
    skill = forms.ChoiceField(label="Skill", required=False)
    salary_min = forms.TypedChoiceField(
        label="Typical salary at least",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any salary")] + [(str(value), f"£{value:,}") for value in SALARY_CHOICES],
    )
    letter = forms.ChoiceField(
        label="Starting with",
        required=False,
        choices=[("", "Any letter")] + [(letter, letter) for letter in LETTERS],
    )

    def __init__(self, *args: Any, sectors: list[Choice], skills: list[Choice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", "All sectors"), *sectors]
        self.fields["skill"].choices = [("", "Any skill"), *skills]


# Everything find_careers reads from the query string; the page cache keys the list on these only.
QUERY_PARAMS = QueryParams(single=(*CareerFilterForm.base_fields, "page"))

# What each ignored filter is called in the note the reader sees.
FILTER_NAMES = {
    "sector": "sector",
    "skill": "skill",
    "salary_min": "minimum salary",
    "letter": "letter",
}


@dataclass
class CareerListing:
    form: CareerFilterForm
    page: PaginatorPage
    paginator: Paginator
    query: str
    notes: list[str] = field(default_factory=list)
    letters: list[dict[str, Any]] = field(default_factory=list)
    active_filters: bool = False
    query_string: str = ""
    all_letters_url: str = "?"
    cacheable: bool = False


def filter_choices(sectors: QuerySet[Sector], skills: QuerySet[Skill]) -> tuple[list[Choice], list[Choice]]:
    """(slug, name) of the sectors and skills the filters offer: only what public careers use (a
    sector or skill of a private career alone must not show). Plain text: kept, it reads back fast."""
    return (
        list(sectors.filter(public_q("careers__")).distinct().order_by("name").values_list("slug", "name")),
        list(
            skills.filter(public_q("career_links__career__"))
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        ),
    )


def find_careers(
    careers: QuerySet[CareerPage],
    *,
    sectors: QuerySet[Sector],
    skills: QuerySet[Skill],
    params: QueryDict,
    per_page: int = 12,
    choices: tuple[list[Choice], list[Choice]] | None = None,
    headline: Callable[[], dict[str, Any]] | None = None,
) -> CareerListing:
    """One page of ``careers`` (the index's careers, annotated with their headline figures:
    ``headline_typical`` and the rest, or given ``headline``, the function making those
    annotations, used only to filter by salary) as ``params`` ask, with the filter form offering
    ``sectors`` and ``skills`` (or ``choices``, :func:`filter_choices` of them kept by the caller).
    The caller passes the querysets, so this module needs no models."""
    sector_choices, skill_choices = choices or filter_choices(sectors, skills)
    form = CareerFilterForm(params, sectors=sector_choices, skills=skill_choices)
    form.is_valid()
    notes: list[str] = []
    # The search is read as the site search reads it: control characters dropped and only
    # words sent to the backend, where quotes and operators would be syntax errors (SQLite FTS5).
    search = clean_query(params.get("q"))
    query = search.text
    if search.truncated:
        notes.append(f"We ignored your search: it is longer than {MAX_QUERY_LENGTH} characters.")
        query = ""
    elif query and not search.words:
        notes.append("We ignored your search: it has no letters or numbers in it.")
        query = ""
    for name in form.errors:
        if name == "q":
            continue
        raw = params.get(name, "")
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        notes.append(f"We ignored the {FILTER_NAMES[name]} filter: “{shown}” is not one we know.")
    cleaned = {name: form.cleaned_data.get(name) for name in form.fields if name not in form.errors}
    cleaned["q"] = query

    careers = public_pages(careers)
    if cleaned.get("sector"):
        careers = careers.filter(sector__slug=cleaned["sector"])
    if cleaned.get("skill"):
        # A subquery, not a join: the list stays free of DISTINCT, so its page brings its count.
        with_skill = careers.model.objects.filter(career_skills__skill__slug=cleaned["skill"])
        careers = careers.filter(pk__in=with_skill.values("pk"))
    if cleaned.get("salary_min"):
        if headline is not None:
            careers = careers.annotate(headline_typical=headline()["headline_typical"])
        careers = careers.filter(headline_typical__gte=cleaned["salary_min"])

    # Letters reflect the other filters, so a letter link never leads to an empty list.
    initials = (
        careers.annotate(initial=Upper(Substr("title", 1, 1))).order_by().values_list("initial", flat=True)
    )
    present = set(initials.distinct())
    if cleaned.get("letter"):
        careers = careers.filter(title__istartswith=cleaned["letter"])

    # The page's cards as ids (CardRef): kept cards need no more, and the index's card loader
    # fetches the careers of the others.
    raw_page = params.get("page", "1")
    try:
        wanted: int | None = int(raw_page)
    except ValueError:
        wanted = None
    if wanted is not None and not 1 <= wanted <= MAX_PAGE:
        wanted = None
    if query:
        # Wagtail's search backend may only filter on indexed fields, so narrow by id.
        ids = list(careers.values_list("pk", flat=True))
        results: Any = (
            careers.model.objects.live().filter(pk__in=ids).search(" ".join(search.words), operator="and")
        )
        paginator = Paginator(
            [CardRef(result.pk) for result in results], per_page, allow_empty_first_page=True
        )
        found = wanted is not None and wanted <= paginator.num_pages
        page = paginator.page(wanted if found else 1)
    else:
        page, found = page_of_refs(careers.order_by("title"), (), per_page, wanted)
        paginator = page.paginator
    number = page.number
    if not found:
        shown = raw_page if len(raw_page) <= 20 else raw_page[:20] + "…"
        notes.append(f"There is no page “{shown}”, so we are showing page 1.")
    cacheable = (
        not notes
        and not params.get("q")
        and form_input_is_canonical(form)
        and params.get("page", str(number)) == str(number)
    )

    kept = {name: value for name, value in cleaned.items() if value not in (None, "")}
    base = {name: str(value) for name, value in kept.items() if name != "letter"}
    letters = [
        {
            "letter": letter,
            "url": "?" + urlencode({**base, "letter": letter}) if letter in present else "",
            "current": cleaned.get("letter") == letter,
        }
        for letter in LETTERS
    ]
    return CareerListing(
        form=form,
        page=page,
        paginator=paginator,
        query=query,
        notes=notes,
        letters=letters,
        # The search words are not a filter: "with these filters" would puzzle someone who set none.
        active_filters=any(name != "q" for name in kept),
        query_string=urlencode({name: str(value) for name, value in kept.items()}),
        all_letters_url="?" + urlencode(base),
        cacheable=cacheable,
    )
