"""What search engines and link previews read from every page's head.

`{% seo_meta %}` writes the canonical URL, Open Graph and Twitter card tags;
`{% structured_data %}` writes JSON-LD: whatever builder the page's app registered for its
type (portal/structured_data.py; careers and courses do) plus a BreadcrumbList.
The portal names no career or course model here: it asks the registry.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, Site

from portal import site_chrome
from portal.models import SiteSettings
from portal.structured_data import documents_for

register = template.Library()
logger = logging.getLogger(__name__)

DEFAULT_DESCRIPTION = "Explore careers, read what the work is really like, and compare courses side by side."
DEFAULT_OG_IMAGE = "img/og-default.png"
DEFAULT_OG_IMAGE_SIZE = (1200, 630)
# The size link previews show best; JPEG because not every consumer reads WebP.
OG_IMAGE_SPEC = "fill-1200x630|format-jpeg"

# The same mapping as Django's json_script: inside <script>, "</script>" or "<!--" in a
# title must not end the block, and & must not start an entity. JSON readers decode
# \u003C and friends back to the original characters.
JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: Any) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    escaped = text.translate(JSON_LD_ESCAPES)
    # Safe: every character that could close the script element or open markup is escaped above.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(escaped))  # noqa: S308


def page_description(page: Page | None) -> str:
    """The Promote tab's description, else the page's own one-line summary or intro."""
    if page is None:
        return DEFAULT_DESCRIPTION
    specific = page.specific
    for candidate in (
        page.search_description,
        getattr(specific, "summary", ""),
        getattr(specific, "intro", ""),
        getattr(specific, "hero_intro", ""),
    ):
        if isinstance(candidate, str) and candidate.strip():
            return " ".join(candidate.split())
    return DEFAULT_DESCRIPTION


def page_title(page: Page | None, fallback: str = "") -> str:
    if page is None:
        return fallback
    return page.seo_title or page.title


def og_image(page: Page | None, request: HttpRequest) -> dict[str, Any]:
    """The page's hero picture cropped for link previews, else the site's default card."""
    image = getattr(page.specific, "hero_image", None) if page is not None else None
    if image is not None:
        try:
            rendition = image.get_rendition(OG_IMAGE_SPEC)
        except Exception:  # A missing or unreadable file must not take the page down.
            logger.warning("No Open Graph rendition for image %s", image.pk, exc_info=True)
        else:
            return {
                "url": request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": image.default_alt_text or image.title,
            }
    width, height = DEFAULT_OG_IMAGE_SIZE
    return {
        "url": request.build_absolute_uri(static(DEFAULT_OG_IMAGE)),
        "width": width,
        "height": height,
        "alt": "",
    }


@register.simple_tag(takes_context=True)
def seo_description(context: template.Context) -> str:
    return context.get("seo_description") or page_description(context.get("page"))


def current_page(context: template.Context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) else None


def is_error_page(context: template.Context) -> bool:
    """Django's 404 and 403 handlers pass the exception: such pages are not for indexing."""
    return "exception" in context and current_page(context) is None


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def seo_meta(context: template.Context) -> dict[str, Any]:
    request: HttpRequest | None = context.get("request")
    if request is None or is_error_page(context):
        return {"skip": True}
    page = current_page(context)
    site_name = SiteSettings.for_request(request).organisation_name
    # A page's own address uses its site's host name; a route beneath a page (a comparison,
    # say) or a view without a page is canonical at its own path. Query strings (filters,
    # pagination, tracking) never make a different canonical page.
    canonical = request.build_absolute_uri(request.path)
    if page is not None and page.get_url(request) == request.path:
        canonical = page.get_full_url(request) or canonical
    return {
        "title": context.get("seo_title") or page_title(page, site_name),
        "description": context.get("seo_description") or page_description(page),
        "canonical": canonical,
        "image": og_image(page, request),
        "site_name": site_name,
        "og_type": "article" if page is not None and page.depth > 2 else "website",
    }


def breadcrumb_items(page: Page | None, request: HttpRequest, title: str = "") -> list[tuple[str, str]]:
    """(name, absolute URL) from the home page down to this page, as the breadcrumb trail shows."""
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    home_url = (root.get_full_url(request) if root else None) or request.build_absolute_uri("/")
    if page is None:
        items = [("Home", home_url)]
        if request.path != "/":
            items.append((title or request.path, request.build_absolute_uri(request.path)))
        return items
    ancestors: Iterable[Page] = [*site_chrome.ancestors(page, request), page]
    if root is not None:
        ancestors = [ancestor for ancestor in ancestors if ancestor.depth >= root.depth]
    items = []
    for ancestor in ancestors:
        is_home = root is not None and ancestor.pk == root.pk
        items.append(("Home" if is_home else ancestor.title, ancestor.get_full_url(request) or home_url))
    return items


def breadcrumb_list(items: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


@register.simple_tag(takes_context=True)
def structured_data(context: template.Context) -> SafeString:
    request: HttpRequest | None = context.get("request")
    if request is None or is_error_page(context):
        return SafeString("")
    page = current_page(context)
    documents: list[dict[str, Any]] = []
    if page is not None:
        documents.extend(documents_for(page.specific, request))
    title = context.get("breadcrumb_title") or context.get("seo_title") or ""
    documents.append(breadcrumb_list(breadcrumb_items(page, request, title)))
    return format_html_join("\n", "{}", ((json_ld_script(document),) for document in documents))
