"""CPU per request, in-process: the measuring half of `make bench` and `make bench-growth`.

    cd CHECKOUT && python /path/to/benchmarks/measure.py --requests 15 --warmup 3 --output FILE

Runs inside the checkout it is started in (the working directory goes first on sys.path), so
the same script measures this branch and an older commit's temporary checkout alike. The
database, settings and static files come from the environment (cpu.py prepares them). Each page
is fetched through django.test.Client with the whole middleware stack: `--warmup` requests, then
`--requests` requests timed with time.process_time; the figure is their median. The page cache
is off for rendered figures; a second pass turns it on and measures a hit. A reference view,
a trivial Django view behind the same middleware, makes figures comparable across machines.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

STAFF_USER = "bench-staff"
DASHBOARD = {
    "dashboard: courses": "/admin/comparison/",
    "dashboard: salaries": "/admin/comparison/salaries/",
    "dashboard: content health": "/admin/comparison/content-health/",
    "dashboard: audience": "/admin/comparison/audience/",
    "admin home": "/admin/",
}
REFERENCE_PATH = "/__bench__/reference/"
# A hit is measured on the page types a visitor most often lands on, as a script asks (no
# encoding) and as a browser does (Firefox's Accept-Encoding: the page comes gzipped).
CACHE_HIT_PAGES = ("home", "career", "course")
BROWSER_ENCODING = {"accept-encoding": "gzip, deflate, br, zstd"}


def setup() -> None:
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.http import HttpResponse
    from django.urls import path

    import portal.urls

    def reference(request):  # noqa: ANN001, ANN202 - the pinned trivial view
        return HttpResponse("ok")

    portal.urls.urlpatterns.insert(0, path(REFERENCE_PATH.strip("/") + "/", reference))


def discover() -> dict[str, str]:
    """The first public page of each type, as stack.DISCOVER finds them for wrk."""
    from django.apps import apps

    def first(label: str):  # noqa: ANN202
        try:
            model = apps.get_model(label)
        except LookupError:
            return None
        return model.objects.live().public().order_by("path").first()

    urls = {"reference view": REFERENCE_PATH, "home": "/"}
    career = first("careers.CareerPage")
    index = first("careers.CareerIndexPage")
    if career:
        urls["career"] = career.url
    if index:
        sector = getattr(career, "sector", None)
        urls["careers list, filtered"] = index.url + (f"?sector={sector.slug}" if sector else "?q=data")
        slugs = sorted(
            apps.get_model("careers.CareerPage")
            .objects.live()
            .public()
            .child_of(index)
            .order_by("path")
            .values_list("slug", flat=True)[:3]
        )
        urls["career comparison (3)"] = index.url + "compare/?" + "&".join(f"careers={s}" for s in slugs)
    course = first("courses.CoursePage")
    course_index = first("courses.CourseIndexPage")
    if course:
        urls["course"] = course.url
    if course_index:
        urls["courses index"] = course_index.url
        slugs = list(
            apps.get_model("courses.CoursePage")
            .objects.live()
            .public()
            .child_of(course_index)
            .order_by("path")
            .values_list("slug", flat=True)[:16]
        )
        compare = course_index.url + "compare/?courses="
        urls["compare-2"] = compare + ",".join(slugs[:2])
        urls["compare-16"] = compare + ",".join(slugs)
    urls["search"] = "/search/?q=data"
    urls["sitemap"] = "/sitemap.xml"
    return urls


def staff_client():  # noqa: ANN201
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username=STAFF_USER, defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    return client


def time_requests(get: Callable[[], object], warmup: int, requests: int) -> dict[str, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = None
    for _ in range(warmup):
        response = get()
    timings, queries = [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started = time.process_time()
            response = get()
            timings.append((time.process_time() - started) * 1000)
        queries.append(len(captured))
    return {
        "status": response.status_code,
        "cpu_ms": statistics.median(timings),
        "queries": statistics.median_low(queries),
        "bytes": len(response.content),
        "cache": response.get("X-Page-Cache", ""),
    }


def measure(urls: dict[str, str], warmup: int, requests: int, cache_hits: bool = True) -> dict:
    from django.test import Client
    from django.test.utils import override_settings

    anonymous, staff = Client(), staff_client()
    results: dict[str, dict] = {}
    with override_settings(PAGE_CACHE_ENABLED=False):
        for name, url in urls.items():
            client = staff if url.startswith("/admin/") else anonymous
            results[name] = {
                "url": url,
                **time_requests(partial(client.get, url, secure=True), warmup, requests),
            }
    hits: dict[str, dict] = {}
    if cache_hits:
        with override_settings(PAGE_CACHE_ENABLED=True):
            for name in CACHE_HIT_PAGES:
                if name not in urls:
                    continue
                url = urls[name]
                for label, headers in ((name, {}), (f"{name}, gzip", BROWSER_ENCODING)):
                    get = partial(anonymous.get, url, secure=True, headers=headers)
                    hits[label] = {"url": url, **time_requests(get, max(warmup, 1), requests)}
    return {"pages": results, "cache_hits": hits}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--no-dashboard", action="store_true")
    parser.add_argument("--output", required=True, help="where the figures go, as JSON")
    args = parser.parse_args()
    setup()
    urls = discover()
    if not args.no_dashboard:
        urls.update(DASHBOARD)
    with open(args.output, "w") as out:
        json.dump(measure(urls, args.warmup, args.requests), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
