"""Views that are not pages: the health check, robots.txt, site search and uploaded media."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve
from wagtail.models import Page, Site

from portal.search import run_search


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Tells a load balancer whether this app server can reach its database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
    root = site.root_page if site else None
    context = {
        "search": outcome,
        "search_query": outcome.query.text,
        "careers_index": _first_live_child(root, "careers.careerindexpage"),
        "courses_index": _first_live_child(root, "courses.courseindexpage"),
        "seo_title": f"Search results for “{outcome.query.text}”" if outcome.query.text else "Search",
        "seo_description": "Search every career and course on the site.",
        "breadcrumb_title": "Search",
    }
    return TemplateResponse(request, "portal/search_results.html", context)


def _first_live_child(root: Page | None, label: str) -> Page | None:
    """The careers or courses index, found by model label: portal may not import those apps."""
    if root is None:
        return None
    app_label, model = label.split(".")
    return (
        root.get_children()
        .live()
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
