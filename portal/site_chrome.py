"""What every public page repeats, read from the cache instead of the database on each render.

A rendered page (one the page cache cannot serve: a filtered list, a search, a comparison, the first
view after a publish, a signed-in editor's visit) used to spend most of its queries on the same
things: the site for the host, its settings and promotion, the menu, the footer's chosen pages and
the breadcrumb trail. Each is kept here under the content version (portal/content_version.py),
which every publish, unpublish, move, snippet, setting or site save bumps, so the very next request
after a change reads it afresh. Nothing kept here belongs to one visitor: no CSRF token, no user,
no query string.

- :class:`SiteMiddleware` puts the request's site (with its home page, already specific) and its
  site settings (with the promotion and the page it links to) on the request, where Wagtail's
  ``Site.find_for_request`` and ``SiteSettings.for_request`` look first.
- :func:`menu_links` and :func:`ancestors` keep the menu and a page's breadcrumb trail.
- ``{% fragment %}`` (portal_tags) keeps rendered HTML the same way (content_version.key_for).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from wagtail.models import Page, Site

from portal import content_version
from portal.models import SiteSettings


def _load_site(request: HttpRequest) -> tuple[Site, SiteSettings] | None:
    site = Site._find_for_request(request)
    if site is None:
        return None
    # Wagtail routes from site.root_page.specific: keeping the specific page on the site, with
    # what it shows beside its own fields, saves the queries that fetch them.
    home_class = site.root_page.specific_class or Page
    related = getattr(home_class, "route_select_related", ())
    site.root_page = home_class.objects.select_related(*related).get(pk=site.root_page_id)
    site_settings = SiteSettings.objects.select_related("promotion__link_page").filter(
        site=site
    ).first() or SiteSettings.for_site(site)
    return site, site_settings


class SiteMiddleware:
    """Puts the cached site and site settings on the request before anything asks for them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            key = content_version.key_for(request, "site", request.get_host(), request.get_port())
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 for it further in
        entry = content_version.remember(key, lambda: _load_site(request) or False)
        if entry:
            site, site_settings = entry
            request._wagtail_site = site
            # Where SiteSettings.for_request (and so the templates' settings.portal) looks first.
            site_settings._request = request
            setattr(request, SiteSettings.get_cache_attr_name(), site_settings)
        return self.get_response(request)


def menu_links(request: HttpRequest) -> list[tuple[str, str]]:
    """(title, URL) of the site root's live children that editors ticked "Show in menus" for."""
    site = Site.find_for_request(request)
    if site is None:
        return []

    def build() -> list[tuple[str, str]]:
        pages = site.root_page.get_children().live().in_menu()
        return [(page.title, page.get_url(request=request) or "") for page in pages]

    return content_version.remember(content_version.key_for(request, "menu", site.pk), build)


def ancestors(page: Page, request: HttpRequest | None) -> list[Page]:
    """The page's ancestors from the tree's root down, not the page itself (a trail of links)."""
    if not page.pk or getattr(request, "is_preview", False):
        return list(page.get_ancestors())
    key = content_version.key_for(request, "ancestors", page.pk, page.path)
    return content_version.remember(key, lambda: list(page.get_ancestors()))
