"""Which page led a student to a course: the ``from`` query parameter links carry to the form.

A career article's course links say ``?from=<the career's page id>``, the comparison's say
``?from=compare``; the course page passes the value on to its enquiry form, which records it.
Only a public page of ours counts: anything else is ignored, never an error (a student is not
to blame for an odd link), and never put in the page cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from wagtail.models import Page

from portal.visibility import public_pages

PARAMETER = "from"
COMPARISON = "compare"
# The largest page id a bigint primary key holds has 19 digits.
_MAX_DIGITS = 19
_MAX_PATH = 255
# Page types by content type, as (app label, model): strings, as no model is imported here.
_KINDS = {("careers", "careerpage"): "career", ("courses", "coursepage"): "course"}


@dataclass(frozen=True)
class CameFrom:
    """Where a student came from: what to record, and the ``from`` value to pass on in links."""

    token: str
    kind: str
    path: str
    page: Page | None = None

    @property
    def title(self) -> str:
        return self.page.title if self.page is not None else "the course comparison"


def short_path(url: str) -> str:
    """The path of a URL of ours, printable and short enough for its column."""
    path = urlsplit(url).path if url else ""
    return "".join(char for char in path if char.isprintable())[:_MAX_PATH]


def read_came_from(raw: str | None, request: HttpRequest, compare_url: str) -> CameFrom | None:
    """The page ``raw`` names, if it is a public page of ours or the comparison; else None."""
    if not raw:
        return None
    if raw == COMPARISON:
        return CameFrom(token=COMPARISON, kind="comparison", path=short_path(compare_url))
    # Written as the site writes ids: no sign, no leading zero, no other digits than 0-9.
    if not (raw.isascii() and raw.isdigit()) or raw.startswith("0") or len(raw) > _MAX_DIGITS:
        return None
    page_id = int(raw)
    if page_id >= 2**63:
        return None
    page = public_pages(Page.objects.filter(pk=page_id)).first()
    if page is None or page.depth < 2:
        return None  # the tree's root has no address
    content_type = ContentType.objects.get_for_id(page.content_type_id)
    kind = _KINDS.get((content_type.app_label, content_type.model), "other")
    return CameFrom(token=raw, kind=kind, path=short_path(page.get_url(request) or ""), page=page)
