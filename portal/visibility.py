"""The one rule for which pages the public may see: live, and under no view restriction.

A view restriction (password, signed-in users, groups) on a page hides it and every page
beneath it. Wagtail's ``PageQuerySet.public()`` applies that rule with one query per call,
reading every restriction first, and only to a page queryset. The rule here is the same
(a page is private when a restricted page's path is a prefix of its own), written as a
correlated subquery, so it

- costs no query of its own (but one per content version, below): a list, a prefetch or an
  annotation keeps its query count;
- works through foreign keys (``public_q("career__")`` on course-career links) and reverse
  relations, wherever a page is reached in a join;
- runs the same on SQLite and PostgreSQL (paths are fixed-width ASCII, so comparing a prefix
  with ``LEFT``/``SUBSTR`` needs no pattern escaping).

Most sites have no view restriction at all, and building and writing out that subquery cost more
than the rest of a list's query: whether any restriction exists is kept under the content version
(adding or removing one bumps it, as routing's kept entries rely on too), and while none does the
rule is ``live`` alone.

Every public surface (lists, search, course pages, the comparison and its CSV, related
links, the home page, structured data, the API's page fields) filters with it. Admin-only
views may still show restricted pages to staff.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Left, Length
from wagtail.models import Page, PageViewRestriction

from portal import content_version

QS = TypeVar("QS", bound=QuerySet)


def restricted(prefix: str = "") -> Exists:
    """True where the page reached through ``prefix`` has a view restriction on it or an ancestor."""
    return Exists(
        PageViewRestriction.objects.filter(page__path=Left(OuterRef(f"{prefix}path"), Length("page__path")))
    )


def any_restriction() -> bool:
    """Whether any page has a view restriction, kept until content next changes."""
    key = content_version.key_for(None, "any-view-restriction")
    return content_version.remember(key, PageViewRestriction.objects.exists)


def public_q(prefix: str = "") -> Q:
    """Live and unrestricted, for the page reached through ``prefix`` ("" for the page itself,
    "career__" for a link's career)."""
    live = Q(**{f"{prefix}live": True})
    return live & ~restricted(prefix) if any_restriction() else live


def is_public(prefix: str = "") -> Case:
    """``public_q`` as a true/false annotation, for rows that stay but may not link to their page
    (a progression step whose career is private keeps its title, loses its link)."""
    return Case(When(public_q(prefix), then=Value(True)), default=Value(False), output_field=BooleanField())


def public_pages(queryset: QS) -> QS:
    """The pages of ``queryset`` the public may see."""
    return queryset.filter(public_q())


def public_pages_for_search(queryset: QS) -> QS:
    """``public_pages`` for a queryset that will be ``.search()``-ed: Wagtail's search backends
    take only plain field lookups, so the rule goes in as a subquery of page ids."""
    if not any_restriction():
        return queryset.filter(live=True)
    return queryset.filter(live=True, pk__in=public_pages(Page.objects.all()).values("pk"))
