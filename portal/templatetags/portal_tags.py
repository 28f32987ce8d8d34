"""Formatting and shared fragments used by every app's templates."""

from __future__ import annotations

from django import template
from wagtail.models import Site

from portal.models import SiteSettings
from portal.money import gbp
from portal.sector_illustrations import illustration_url

register = template.Library()


# The one money format (portal/money.py), for templates: {{ figure.typical|gbp }}.
register.filter("gbp", gbp)
# A sector's drawing (portal/sector_illustrations.py): {{ career.sector.slug|sector_illustration }}.
register.filter("sector_illustration", illustration_url)


@register.inclusion_tag("includes/promotion.html", takes_context=True)
def promotion(context: template.Context) -> dict:
    request = context.get("request")
    if request is None:
        return {"promotion": None}
    # for_request caches on the request, so the footer and this tag share one query.
    return {"promotion": SiteSettings.for_request(request).promotion}


@register.inclusion_tag("includes/primary_navigation.html", takes_context=True)
def primary_navigation(context: template.Context) -> dict:
    """The site root's live children that editors ticked "Show in menus" for."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"links": []}
    links = []
    for item in site.root_page.get_children().live().in_menu():
        url = item.get_url(request=request) or ""
        # A section is current for its own page and everything beneath it.
        links.append({"title": item.title, "url": url, "current": bool(url) and request.path.startswith(url)})
    return {"links": links}
