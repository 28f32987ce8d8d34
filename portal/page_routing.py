"""Routing a public URL to its page without a query, for every page type.

Wagtail walks the tree from the home page: one query for each level's child and one more for its
specific page, then two for the view restrictions of the page and its ancestors. The home page's
``route`` asks this module first. It keeps, for each path that routed to a page, the page, how many
of the path's parts were the tree's, and whether any view restriction applies, under
the content version (portal/content_version.py): a publish, unpublish, move, slug change, delete or
view-restriction change bumps it, so the next request routes afresh. A kept path costs no query:
the page is kept too, as routing fetched it with what its header shows (the careers list fetches a
career with its sector and hero image); the rest of the path goes to that page's own ``route`` (a
comparison, an enquiry form), which still checks the page is live. Paths that do not route (404)
are never kept, so made-up URLs cannot fill the cache. Previews never use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction

from portal import content_version

Router = Callable[[HttpRequest, list[str]], Any]


def route(root: Page, request: HttpRequest, path_components: list[str], walk: Router) -> Any:
    """What ``walk`` (Wagtail's own routing from ``root``) returns for the path, from the cache when kept."""
    if getattr(request, "is_preview", False):
        return walk(request, path_components)
    key = content_version.key_for(request, "route", root.pk, *path_components)
    entry = cache.get(key)
    if entry is not None:
        page, consumed, restricted = entry
        # The home page itself comes with the site the request already holds.
        result = (
            walk(request, path_components)
            if consumed == 0
            else page.route(request, path_components[consumed:])
        )
        if not restricted and result[0].pk == page.pk:
            _known_unrestricted(result[0])
        return result
    result = walk(request, path_components)
    page = result[0]
    if page.path.startswith(root.path):
        restricted = page.get_view_restrictions().exists()
        cache.set(key, (page, page.depth - root.depth, restricted), content_version.KEPT_SECONDS)
        if not restricted:
            _known_unrestricted(page)
    return result


def _known_unrestricted(page: Page) -> None:
    # Wagtail's serve hook asks every page for its restrictions (two queries); this page has none,
    # as the kept entry says, and a new restriction bumps the version the entry is kept under.
    page.get_view_restrictions = PageViewRestriction.objects.none
