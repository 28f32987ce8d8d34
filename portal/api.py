"""Wagtail's read-only API v2 at /api/v2/: pages (with career and course fields) and images.

Each page model declares what it exposes in `api_fields`; this module wires up the
endpoints. The viewsets answer GET alone, so nothing can be written through the API.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.db.models import QuerySet
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from portal.search import clean_query
from portal.visibility import public_pages_for_search


class WordSearchFilter(SearchFilter):
    """`?search=` reduced to its words first, as the site search does: quotes and operators
    would otherwise reach SQLite's FTS5 unescaped and fail with a server error."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if request.GET.get("search_operator") not in (None, "", "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        words = clean_query(request.GET["search"]).words
        if not words:
            return queryset.none()
        query = request.GET.copy()
        query["search"] = " ".join(words)
        if not query.get("search_operator"):
            query.pop("search_operator", None)
        # The parent reads nothing from the request but its query string.
        return super().filter_queryset(SimpleNamespace(GET=query), queryset, view)


def _with_word_search(backends: list) -> list:
    return [WordSearchFilter if backend is SearchFilter else backend for backend in backends]


class PortalPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = _with_word_search(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self) -> QuerySet:
        # Wagtail lists restricted pages to a client whose session passed their restriction; the API
        # gives public pages only, to everyone, as its linked-page fields do.
        return public_pages_for_search(super().get_base_queryset())


class PortalImagesAPIViewSet(ImagesAPIViewSet):
    filter_backends = _with_word_search(ImagesAPIViewSet.filter_backends)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
