"""Which function builds a page type's schema.org JSON-LD, for `{% structured_data %}`.

Portal sits below careers and courses and cannot import them, and page models stay free of
presentation code, so each app registers its builders from its AppConfig.ready():
``register(CareerPage, occupation)``. A builder takes the page and the request and returns one
JSON-LD document, a list of them, or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from wagtail.models import Page

Document = dict[str, Any]
Builder = Callable[[Any, HttpRequest | None], Document | list[Document] | None]

_builders: dict[type[Page], Builder] = {}


def register(page_type: type[Page], builder: Builder) -> None:
    _builders[page_type] = builder


def documents_for(page: Page, request: HttpRequest | None) -> list[Document]:
    """The JSON-LD documents the builder registered for the page's type (or the nearest of its
    base classes) gives, or none when no builder is registered."""
    for page_type in type(page).__mro__:
        builder = _builders.get(page_type)
        if builder is not None:
            built = builder(page, request)
            if isinstance(built, dict):
                return [built]
            return list(built or [])
    return []
