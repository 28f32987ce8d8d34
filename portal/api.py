"""Wagtail's read-only API v2 at /api/v2/: pages (with career and course fields) and images.

Each page model declares what it exposes in `api_fields`; this module wires up the
endpoints. The viewsets answer GET alone, so nothing can be written through the API, and
every query parameter is checked first (portal/api_parameters.py): a bad one gets a 400.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.db.models import QuerySet
from rest_framework.request import Request
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from portal import api_parameters
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


class CheckedParametersMixin:
    """Checks the query string before any view reads it, and field filters against their fields."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        query = request.GET
        api_parameters.check_text(query)
        api_parameters.check_paging(query)
        api_parameters.check_id(query, self.model._meta.pk)

    def check_query_parameters(self, queryset: QuerySet) -> None:
        super().check_query_parameters(queryset)
        model = queryset.model
        # The fields Wagtail's FieldsFilter filters by; it reads `locale` through LocaleFilter.
        names = set(self.get_available_fields(model, db_fields_only=True)) - {"locale"}
        for name in [name for name in self.request.GET if name in names]:
            try:
                field = model._meta.get_field(name)
            except LookupError:
                field = None
            api_parameters.check_filter(name, field, self.request.GET.getlist(name))


class PortalPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    filter_backends = _with_word_search(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self) -> QuerySet:
        # Wagtail lists restricted pages to a client whose session passed their restriction; the API
        # gives public pages only, to everyone, as its linked-page fields do.
        return public_pages_for_search(super().get_base_queryset())

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        api_parameters.check_page_ids(request.GET, self.model._meta.pk)


class PortalImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    filter_backends = _with_word_search(ImagesAPIViewSet.filter_backends)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
