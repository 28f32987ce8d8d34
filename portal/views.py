"""Views that are not pages: the health check, robots.txt, site search and uploaded media."""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page, Site

from portal import content_version
from portal.health import cache_status, database_status
from portal.page_cache import QueryParams, vary_on_query
from portal.search import run_search
from portal.visibility import public_pages

# What each view reads from the query string; the page cache keys its responses on these only.
SEARCH_QUERY = QueryParams(single=("q", "page"))
SITEMAP_QUERY = QueryParams(single=("p",))
# The sitemap lists every public page, so building it grows with the catalogue (19 ms at 10
# careers, 186 ms at 1,000): it is kept under the content version, which every publish bumps.
SITEMAP_CACHE_SECONDS = 60 * 60 * 24

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Tells a load balancer whether this app server's database and shared cache answer.

    {"status": "ok", "database": "ok", "cache": "ok"}, or 503 naming what failed, e.g.
    {"status": "error", "database": "ok", "cache": "timeout"}. "cache" appears only with Redis.
    """
    report = {"database": database_status()}
    cache = cache_status()
    if cache is not None:
        report["cache"] = cache
    healthy = all(value == "ok" for value in report.values())
    if not healthy:
        logger.warning("healthz: %s", ", ".join(f"{name} {value}" for name, value in report.items()))
    return JsonResponse({"status": "ok" if healthy else "error", **report}, status=200 if healthy else 503)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", "", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Site search over careers, courses and standard pages: /search/?q=...&page=2."""
    site = Site.find_for_request(request)
    outcome = run_search(request.GET.get("q"), request.GET.get("page"), site)
    # Free text is never stored: one entry per phrase would let anyone fill the cache.
    vary_on_query(request, SEARCH_QUERY, store=not request.GET.get("q") and not request.GET.get("page"))
    root = site.root_page if site else None
    careers_index = courses_index = None
    if not outcome.total:
        # The "browse instead" links, shown only with no results, kept until content next
        # changes: two queries less per search.
        careers_index, courses_index = content_version.remember(
            content_version.key_for(request, "search-browse", root.pk if root else None),
            lambda: (
                _first_public_child(root, "careers.careerindexpage"),
                _first_public_child(root, "courses.courseindexpage"),
            ),
        )
    context = {
        "search": outcome,
        "search_query": outcome.query.text,
        "careers_index": careers_index,
        "courses_index": courses_index,
        "seo_title": f"Search results for “{outcome.query.text}”" if outcome.query.text else "Search",
        "seo_description": "Search every career and course on the site.",
        "breadcrumb_title": "Search",
    }
    return TemplateResponse(request, "portal/search_results.html", context)


def sitemap(request: HttpRequest) -> HttpResponse:
    """Wagtail's sitemap.xml; Django pages it with ?p= past 50,000 URLs, and only page one is stored."""
    vary_on_query(request, SITEMAP_QUERY, store="p" not in request.GET)
    address = f"{request.scheme}://{request.get_host()}{request.path}?p={request.GET.get('p', '')}"
    key = f"sitemap:{content_version.current_version()}:{hashlib.sha256(address.encode()).hexdigest()}"
    kept = cache.get(key)
    if kept is not None:
        return HttpResponse(kept, content_type="application/xml")
    response = wagtail_sitemap(request)
    response.render()
    if response.status_code == 200:
        cache.set(key, response.content, SITEMAP_CACHE_SECONDS)
    return response


def _first_public_child(root: Page | None, label: str) -> Page | None:
    """The public careers or courses index, found by model label: portal may not import those apps."""
    if root is None:
        return None
    app_label, model = label.split(".")
    return (
        public_pages(root.get_children())
        .filter(content_type__app_label=app_label, content_type__model=model)
        .first()
    )


def media(request: HttpRequest, path: str, document_root: str) -> HttpResponse:
    """Uploads, where Django serves them itself (one machine, no bucket). A path the file
    system refuses to look up (a name longer than it allows) is a missing file, not an error."""
    try:
        return serve(request, path, document_root=document_root)
    except OSError as error:
        raise Http404("No such file") from error
