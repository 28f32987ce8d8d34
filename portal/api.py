"""Wagtail's read-only API v2 at /api/v2/: pages (with career and course fields) and images.

Each page model declares what it exposes in `api_fields`; this module only wires up the
endpoints. The viewsets answer GET alone, so nothing can be written through the API.
"""

from __future__ import annotations

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
