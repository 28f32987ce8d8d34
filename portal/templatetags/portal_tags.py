"""Formatting and shared fragments used by every app's templates."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from wagtail.models import Site

from portal.models import SiteSettings

register = template.Library()


@register.filter
def gbp(value: object) -> str:
    """£45,000 — whole pounds with thousands separators; pence only when there are any."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


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
