"""Hostile-input sweep: every public URL, every parameter it reads, every nasty value.

A realistic site (careers, courses, a standard page, an image and a document) is asked for
each URL with each hostile value in each parameter it reads, then with every parameter
at once and with the parameter repeated, and for hostile path segments. Nothing may give a
5xx, no HTML page may carry an injected tag unescaped, and every API refusal is JSON with a
message. Failures are collected so one run lists them all.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail_factories import DocumentFactory, ImageFactory

from careers.factories import (
    CareerIndexPageFactory,
    CareerPageFactory,
    CareerRouteFactory,
    CareerSkillFactory,
    SalaryFigureFactory,
    SectorFactory,
    SelfCheckStatementFactory,
    SkillFactory,
)
from careers.models import CareerPage
from courses.course_filters import CourseFilterForm
from courses.factories import CourseFeatureFactory, CourseIndexPageFactory, CoursePageFactory
from courses.models import CoursePage
from portal.api import PortalImagesAPIViewSet, PortalPagesAPIViewSet
from portal.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']
# What must never appear in an HTML response as it was sent.
UNESCAPED = [b"<script>alert(1)</script>", b"<img src=x onerror"]

# Values as typed: each is percent-encoded before it is sent.
TYPED = [
    "\x00",
    "\x01\x08\x1b\x7f\r\n",
    str(10**30),
    str(-(10**30)),
    "1e309",
    "NaN",
    "notadate",
    "x" * 10_000,
    "' OR 1=1--",
    "1;DROP TABLE wagtailcore_page",
    *XSS,
    "../../etc/passwd",
    "ｃａｒｅｅｒｓ１２３",  # noqa: RUF001 (fullwidth on purpose)
    "\u202egnp.exe",
    "",
    "a,,b(c(",
]
# Values sent exactly as written: encodings a browser would not produce (a lone UTF-16
# surrogate in UTF-8, a dangling percent sign). Exact limits are in test_api_parameters.py.
RAW = ["%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%ED%A0%80", "%"]
VALUES = [quote(value, safe="") for value in TYPED] + RAW

SEGMENTS = [
    "%00",
    "%01",
    "..",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "x" * 10_000,
    "%ED%A0%80",
    "%FF",
    quote("ｃａｒｅｅｒｓ"),  # noqa: RUF001
    "%E2%80%AEtxt",
    quote(XSS[0], safe=""),
    quote(XSS[1], safe=""),
    quote("' OR 1=1--", safe=""),
    str(10**30),
]


@dataclass
class Site:
    career_slug: str
    course_slugs: list[str]
    page_id: int
    image_id: int
    document_url: str


@pytest.fixture
def site_content(home_page) -> Site:
    careers = CareerIndexPageFactory(parent=home_page)
    sector = SectorFactory(name="Data and AI", slug="data-and-ai")
    python = SkillFactory(name="Python", slug="python")
    analyst = None
    for title in ("Data Analyst", "Software Developer", "Network Engineer"):
        career = CareerPageFactory(parent=careers, title=title, sector=sector)
        SalaryFigureFactory(career=career, minimum=25_000, typical=40_000, maximum=70_000)
        CareerSkillFactory(career=career, skill=python)
        analyst = analyst or career
    courses = CourseIndexPageFactory(parent=home_page)
    labs = CourseFeatureFactory(name="Hands-on labs", slug="hands-on-labs")
    course_slugs = []
    for n, title in enumerate(("Data Bootcamp", "Python Basics", "Cloud Networking")):
        course = CoursePageFactory(
            parent=courses,
            title=title,
            price=Decimal(900 + 300 * n),
            features=[labs],
            skills=[python],
            careers=[analyst],
            start_dates=[datetime.date.today() + datetime.timedelta(days=30)],
        )
        course_slugs.append(course.slug)
    # The self-check reads its own parameters; a skill's statement leads to the courses above.
    SelfCheckStatementFactory.create_batch(4, career=analyst)
    SelfCheckStatementFactory(career=analyst, skill=python)
    CareerRouteFactory(career=analyst, course=course)
    StandardPageFactory(parent=home_page, title="About us", slug="about")
    image = ImageFactory(title="Team photo")
    document = DocumentFactory(title="Prospectus")
    return Site(
        career_slug=analyst.slug,
        course_slugs=course_slugs,
        page_id=analyst.pk,
        image_id=image.pk,
        document_url=document.url,
    )


def _api_filters(viewset, model, base=None) -> list[str]:
    """The field filters a model's listing takes (less those of `base`, swept already)."""
    names = set(viewset.get_available_fields(model, db_fields_only=True))
    if base is not None:
        names -= set(viewset.get_available_fields(base, db_fields_only=True))
    return sorted(names)


def _endpoints(site: Site) -> dict[str, list[tuple[str, list[str]]]]:
    """Groups of URLs, each with the parameters it reads (a page that reads none gets a stray one)."""
    pages_api, images_api = PortalPagesAPIViewSet, PortalImagesAPIViewSet
    two_courses = "courses=" + ",".join(site.course_slugs[:2]) + "&"
    return {
        "pages": [
            ("/?", ["q"]),
            (f"/careers/{site.career_slug}/?", ["q", "region"]),
            (f"/courses/{site.course_slugs[0]}/?", ["selected", "from"]),
            (f"/careers/{site.career_slug}/?", ["self_check", "statement"]),
            (f"/careers/{site.career_slug}/?self_check=1&", ["statement"]),
            ("/about/?", ["page"]),
            ("/search/?", ["q", "page"]),
        ],
        "careers": [
            ("/careers/?", ["q", "sector", "skill", "salary_min", "letter", "page"]),
            # The career comparison: alone, beside a real career, and beside two (a full table).
            ("/careers/compare/?", ["careers"]),
            (f"/careers/compare/?careers={site.career_slug}&", ["careers"]),
            (f"/careers/compare/?careers={site.career_slug}&careers=software-developer&", ["careers"]),
        ],
        "courses": [("/courses/?", [*CourseFilterForm.base_fields, "selected", "page"])],
        "compare": [
            (
                "/courses/compare/?",
                ["courses", "career", "only_differences", "pinned", "attribute", "remove"],
            ),
            (
                f"/courses/compare/?{two_courses}",
                ["courses", "career", "only_differences", "pinned", "attribute", "pin", "unpin", "remove"],
            ),
            (f"/courses/compare/csv/?{two_courses}", ["courses", "career", "only_differences"]),
        ],
        "enquiry": [
            ("/courses/enquire/?", ["course", "from"]),
            (f"/courses/enquire/?course={site.course_slugs[0]}&", ["from"]),
            ("/courses/enquire/sent/?", ["x"]),
        ],
        "api pages": [
            ("/api/v2/pages/?", sorted(pages_api.known_query_parameters) + _api_filters(pages_api, Page)),
            ("/api/v2/pages/?type=careers.CareerPage&", _api_filters(pages_api, CareerPage, Page)),
            ("/api/v2/pages/?type=courses.CoursePage&", _api_filters(pages_api, CoursePage, Page)),
            (f"/api/v2/pages/{site.page_id}/?", ["fields", "rich_text_format", "format"]),
            ("/api/v2/pages/find/?", ["id", "html_path", "fields"]),
        ],
        "api images": [
            (
                "/api/v2/images/?",
                sorted(images_api.known_query_parameters) + _api_filters(images_api, get_image_model()),
            ),
            (f"/api/v2/images/{site.image_id}/?", ["fields"]),
            ("/api/v2/images/find/?", ["id"]),
        ],
        "other": [
            ("/sitemap.xml?", ["p"]),
            ("/robots.txt?", ["x"]),
            ("/healthz?", ["x"]),
            (site.document_url + "?", ["x"]),
            ("/_util/login/?", ["next"]),
            ("/admin/login/?", ["next"]),
        ],
    }


def _body(response: HttpResponse) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _problems(client, url: str, api: bool = False) -> list[str]:
    try:
        response = client.get(url)
    except Exception as error:  # noqa: BLE001 (the test client re-raises what became a 500)
        return [f"{url[:160]}: raised {type(error).__name__}: {str(error)[:160]}"]
    problems = []
    if response.status_code >= 500:
        problems.append(f"{url[:160]}: status {response.status_code}")
    content_type = response.get("Content-Type", "")
    body = _body(response)
    if content_type.startswith("text/html"):
        problems += [f"{url[:160]}: {raw!r} unescaped" for raw in UNESCAPED if raw in body]
    json_message = content_type.startswith("application/json") and b'"message"' in body
    if api and response.status_code >= 400 and not json_message:
        problems.append(f"{url[:160]}: {response.status_code} {content_type} without a JSON message")
    return problems


def _urls(prefix: str, parameters: list[str]) -> list[str]:
    urls = [f"{prefix}{name}={value}" for name in parameters for value in VALUES]
    if len(parameters) > 1:
        # Every parameter at once.
        urls += [prefix + "&".join(f"{name}={value}" for name in parameters) for value in VALUES]
    # Each parameter repeated, once with every value.
    urls += [prefix + "&".join(f"{name}={value}" for value in VALUES) for name in parameters]
    # A hostile parameter name.
    urls += [f"{prefix}{value}=1" for value in VALUES[:2] + RAW]
    return urls


GROUPS = ["pages", "careers", "courses", "compare", "enquiry", "api pages", "api images", "other"]


@pytest.mark.parametrize("group", GROUPS)
def test_no_parameter_value_breaks_a_page(client, site_content, group):
    endpoints = _endpoints(site_content)[group]
    urls = [url for prefix, parameters in endpoints for url in _urls(prefix, parameters)]
    problems = [problem for url in urls for problem in _problems(client, url, api=group.startswith("api"))]
    assert not problems, f"{len(problems)} problems in {len(urls)} requests:\n" + "\n".join(problems[:30])


PATH_TEMPLATES = [
    "/{}/",
    "/careers/{}/",
    "/careers/{}/x/",
    "/courses/{}/",
    "/courses/compare/{}/",
    "/careers/compare/{}/",
    "/courses/enquire/{}/",
    "/search/{}",
    "/api/v2/pages/{}/",
    "/api/v2/images/{}/",
    "/documents/{}/x.pdf",
    "/documents/1/{}",
    "/media/{}",
    "/media/original_images/{}",
    "/sitemap.xml/{}",
    "/_util/authenticate_with_password/1/{}/",
    "/feedback/career/{}/",
]


def test_no_path_segment_breaks_a_page(client, site_content):
    urls = [template.format(segment) for template in PATH_TEMPLATES for segment in SEGMENTS]
    problems = [problem for url in urls for problem in _problems(client, url)]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:30])


def test_a_media_name_too_long_for_the_file_system_is_not_found(client, db):
    # The file system refuses to look such a name up at all (ENAMETOOLONG).
    assert client.get("/media/original_images/" + "x" * 5000 + ".jpg").status_code == 404


ADMIN_PATH_TEMPLATES = [
    "/admin/salary-import/runs/{}/",
    "/admin/comparison/{}/",
    "/admin/comparison/read/{}/",
    "/admin/enquiries/edit/{}/",
    "/admin/enquiries/delete/{}/",
    "/admin/enquiries/history/{}/",
]


def test_no_path_segment_breaks_an_admin_page_this_project_added(admin_client, site_content):
    """The admin views the project wrote (salary import runs, the dashboard), as a superuser who
    passes every permission check and so reaches the code that reads the segment."""
    segments = [*SEGMENTS, str(2**63), str(10**30), "0", "-1"]
    urls = [template.format(segment) for template in ADMIN_PATH_TEMPLATES for segment in segments]
    urls += [f"/admin/salary-import/?{value}=1" for value in VALUES[:4]]
    # The dashboard's report filters and export, the chart's ordering and page, content health's
    # months, and the downloads.
    dashboard = {
        "/admin/comparison/?": ["ordering", "provider", "level", "study_mode", "feature", "export", "p"],
        "/admin/comparison/results/?": ["ordering", "p"],
        "/admin/comparison/salaries/?": ["ordering", "p", "export"],
        "/admin/comparison/content-health/?": ["months", "export"],
        "/admin/enquiries/?": [
            "status",
            "course",
            "assigned_to",
            "created_at_from",
            "created_at_to",
            "q",
            "ordering",
            "export",
            "p",
        ],
        "/admin/comparison/audience/?": ["days", "start", "end", "table", "export"],
        "/admin/comparison/audience/?table=comments&": ["export", "days", "start", "end"],
        # The Careers and Courses menus' page listings: their filters, sorting and paging.
        "/admin/career-pages/?": ["status", "sector", "salary_age", "owner", "ordering", "q", "p"],
        "/admin/career-pages/results/?": ["status", "sector", "salary_age", "ordering"],
        "/admin/course-pages/?": ["status", "provider", "owner", "ordering", "q", "p"],
        "/admin/course-pages/results/?": ["status", "provider", "ordering"],
    }
    urls += [url for prefix, parameters in dashboard.items() for url in _urls(prefix, parameters)]
    problems = [problem for url in urls for problem in _problems(admin_client, url)]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:30])


ENQUIRY_FIELDS = ["course", "came_from", "name", "email", "question", "start_date", "consent", "website"]


def test_no_value_in_any_enquiry_field_breaks_the_form(client, admin_client, site_content):
    """The enquiry form (POST) and the admin's person lookup, each field given every hostile value."""
    good = {
        "course": site_content.course_slugs[0],
        "name": "Priya Shah",
        "email": "priya@example.com",
        "question": "",
        "consent": "on",
    }
    problems = []
    for field in ENQUIRY_FIELDS:
        for value in TYPED:
            response = client.post("/courses/enquire/", {**good, field: value})
            if response.status_code >= 500:
                problems.append(f"{field}={value[:40]!r}: status {response.status_code}")
            problems += [
                f"{field}={value[:40]!r}: {raw!r} unescaped" for raw in UNESCAPED if raw in response.content
            ]
    for field in ("email", "action"):
        for value in TYPED:
            data = {"email": "priya@example.com", "action": "find", field: value}
            response = admin_client.post("/admin/enquiries/person/", data)
            if response.status_code >= 500 or any(raw in response.content for raw in UNESCAPED):
                problems.append(f"person view {field}={value[:40]!r}: status {response.status_code}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:30])


def test_no_posted_value_breaks_the_helpful_answer(client, site_content):
    """ "Was this helpful?" posts from the career page: every field, hostile values, from this site."""
    url = f"/feedback/career/{site_content.page_id}/"
    same_site = {"Origin": "http://testserver", "User-Agent": "Mozilla/5.0"}
    problems = []
    for name in ("answer", "comment", "website"):
        for value in [*TYPED, *RAW]:
            data = {"answer": "yes", "comment": "", "website": "", name: value}
            response = client.post(url, data, headers=same_site)
            if response.status_code >= 500:
                problems.append(f"{name}={value[:40]!r}: status {response.status_code}")
            problems += [
                f"{name}={value[:40]!r}: {raw!r} unescaped" for raw in UNESCAPED if raw in response.content
            ]
            cache.clear()  # neither the day's once-per-browser rule nor the rate limit hides a problem
    for headers in (
        {"Origin": XSS[0]},
        {"Referer": "x" * 10_000},
        {"Origin": "\x00"},
        {"Sec-Fetch-Site": "\x00"},
    ):
        if client.post(url, {"answer": "yes"}, headers=headers).status_code >= 500:
            problems.append(f"headers {list(headers)}: 5xx")
    assert not problems, "\n".join(problems[:30])
