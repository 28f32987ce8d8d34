"""Formatting and shared fragments used by every app's templates."""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.forms import BoundField
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from portal import content_version, kept_cards, site_chrome
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
    if request is None:
        return {"links": []}
    links = []
    for title, url in site_chrome.menu_links(request):
        # A section is current for its own page and everything beneath it.
        links.append({"title": title, "url": url, "current": bool(url) and request.path.startswith(url)})
    return {"links": links}


@register.filter
def select_options(field: BoundField) -> SafeString:
    """{{ field|select_options }}: a choice field's <option>s, the one sent selected (the empty one when
    what was sent was refused), written in Python: a list's filters offer dozens of skills."""
    sent = None if field.errors else "%s" % (field.value(),)  # noqa: UP031 - as stringformat:"s" reads it
    options = []
    for value, label in field.field.choices:
        selected = not value if field.errors else "%s" % (value,) == sent  # noqa: UP031
        flag = " selected" if selected else ""
        options.append(
            f'<option value="{conditional_escape(value)}"{flag}>{conditional_escape(label)}</option>'
        )
    return mark_safe("\n".join(options))  # noqa: S308 - every value in it is escaped above


@register.filter
def trail(page: Page, request: object = None) -> list[Page]:
    """The page's ancestors below the tree's root, for a breadcrumb trail: {{ page|trail:request }}."""
    return site_chrome.ancestors(page, request)[1:]


class FragmentNode(template.Node):
    def __init__(self, nodelist: NodeList, name: str, parts: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context: template.Context) -> SafeString:
        request = context.get("request")
        parts = [part.resolve(context) for part in self.parts]
        # No request, a preview (unsaved content) or an empty part (the page said "do not keep
        # this one": a region written oddly, a search): rendered every time.
        if request is None or getattr(request, "is_preview", False) or any(p in (None, "") for p in parts):
            return self.nodelist.render(context)
        site = getattr(request, "_wagtail_site", None)
        key = content_version.key_for(request, "fragment", self.name, site.pk if site else None, *parts)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, str(html), content_version.KEPT_SECONDS)
        return mark_safe(html)  # noqa: S308 - the template's own output, escaped when it was rendered


@register.tag
def fragment(parser: Parser, token: Token) -> FragmentNode:
    """{% fragment name part... %}...{% endfragment %}: the HTML inside, kept under the content version,
    the site and the parts (which must hold everything it shows that varies: a page's cache key,
    a region). Never put anything one visitor's in it: a CSRF token, the user, free text."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])


@register.simple_tag(takes_context=True)
def cards(
    context: template.Context,
    template_name: str,
    items: list,
    as_name: str,
    vary: str = "",
    load: kept_cards.CardLoader | None = None,
    **arguments: object,
) -> SafeString:
    """{% cards "careers/includes/career_card.html" careers "career" heading="h2" %}: each card of a
    list rendered once and kept under the content version (portal/kept_cards.py); ``vary`` names,
    space-separated, the items' attributes that differ between lists, ``load`` a CardLoader."""
    return kept_cards.render_cards(
        context, template_name, items, as_name, vary=tuple(vary.split()), load=load, arguments=arguments
    )
