"""What the page cache keys and keeps: only the query parameters a page reads, never free text or junk.

Finding 5 of issue 10: every fresh ``?utm_x=N`` made a full render and a new ~258 KiB entry.
"""

from __future__ import annotations

import ast
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.http import QueryDict

from careers.factories import (
    CareerIndexPageFactory,
    CareerPageFactory,
    SalaryFigureFactory,
    SectorFactory,
)
from courses.factories import CourseIndexPageFactory, CoursePageFactory
from portal import content_version
from portal.page_cache import QueryParams

ROOT = Path(__file__).resolve().parents[2]
HIT = "X-Page-Cache"


# Every test here runs with the page cache on (tests/portal/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def stored_pages() -> int:
    """Whole pages in the local-memory cache (not the version number or the per-path query entries)."""
    return sum(1 for key in cache._cache if ":page-cache:" in key and ":query:" not in key)


@pytest.fixture
def careers(home_page):
    index = CareerIndexPageFactory(parent=home_page)
    data = SectorFactory(name="Data and AI", slug="data-and-ai")
    security = SectorFactory(name="Cyber security", slug="cyber-security")
    pages = [
        CareerPageFactory(parent=index, title="AI Specialist", slug="ai-specialist", sector=data),
        CareerPageFactory(parent=index, title="Penetration Tester", slug="pentester", sector=security),
    ]
    SalaryFigureFactory(career=pages[0], minimum=28_000, typical=45_000, maximum=75_000)
    SalaryFigureFactory(career=pages[1], minimum=30_000, typical=52_000, maximum=85_000)
    return pages


@pytest.fixture
def courses(home_page):
    index = CourseIndexPageFactory(parent=home_page)
    return [
        CoursePageFactory(parent=index, title="Data Bootcamp", slug="data-bootcamp"),
        CoursePageFactory(parent=index, title="Cyber Basics", slug="cyber-basics"),
        CoursePageFactory(parent=index, title="UX Design", slug="ux-design"),
    ]


def listed(response) -> list[str]:
    html = response.content.decode()
    return [chunk.split("</a>")[0].split(">")[-1] for chunk in html.split('class="card__title"')[1:]]


# --------------------------------------------------------------------------- parameters no page reads


def test_fifty_fresh_tracking_parameters_are_hits_on_one_entry(client, careers):
    first = client.get("/careers/")
    assert first[HIT] == "miss"
    assert stored_pages() == 1
    for n in range(1, 51):
        response = client.get(f"/careers/?utm_x={n}")
        assert response[HIT] == "hit"
        assert response.content == first.content
    assert stored_pages() == 1


def test_a_tracking_parameter_on_the_first_request_fills_the_clean_entry_without_itself(client, careers):
    response = client.get("/careers/?utm_source=newsletter-7731")
    assert response[HIT] == "miss"
    assert "newsletter-7731" not in response.content.decode()
    clean = client.get("/careers/")
    assert clean[HIT] == "hit"
    assert stored_pages() == 1


def test_a_page_that_reads_no_parameter_is_keyed_on_its_path_alone(client, careers):
    client.get("/careers/ai-specialist/")
    for query in ("?fbclid=abc", "?q=anything&page=3", "?utm_x=1&utm_y=2"):
        assert client.get("/careers/ai-specialist/" + query)[HIT] == "hit"
    assert stored_pages() == 1


def test_the_view_still_sees_every_parameter(client, careers):
    # The cache only picks the key: a search the list reads is not dropped with the junk beside it.
    response = client.get("/careers/?utm_x=1&q=penetration")
    assert listed(response) == ["Penetration Tester"]


# --------------------------------------------------------------------------- parameters a page reads


def test_a_filtered_list_is_never_served_for_the_unfiltered_one(client, careers):
    assert listed(client.get("/careers/")) == ["AI Specialist", "Penetration Tester"]
    filtered = client.get("/careers/?sector=cyber-security")
    assert filtered[HIT] == "miss"
    assert listed(filtered) == ["Penetration Tester"]
    assert listed(client.get("/careers/")) == ["AI Specialist", "Penetration Tester"]
    again = client.get("/careers/?utm_x=9&sector=cyber-security")
    assert again[HIT] == "hit"
    assert listed(again) == ["Penetration Tester"]
    assert stored_pages() == 2


def test_order_and_repeats_of_parameters_make_no_new_entry(client, careers):
    assert client.get("/careers/?sector=data-and-ai&salary_min=40000")[HIT] == "miss"
    assert client.get("/careers/?salary_min=40000&sector=data-and-ai")[HIT] == "hit"
    assert client.get("/careers/?utm_x=1&salary_min=40000&sector=data-and-ai")[HIT] == "hit"
    # The list reads the last value of a repeated parameter, and so does the key.
    repeated = client.get("/careers/?sector=cyber-security&sector=data-and-ai&salary_min=40000")
    assert repeated[HIT] == "hit"
    assert listed(repeated) == ["AI Specialist"]
    assert stored_pages() == 1


def test_the_filter_form_as_submitted_is_stored(client, careers):
    # The GET form sends every field, empty ones too.
    url = "/careers/?q=&sector=data-and-ai&skill=&salary_min=&letter="
    assert client.get(url)[HIT] == "miss"
    assert client.get(url)[HIT] == "hit"


def test_the_comparison_varies_on_its_courses_and_their_order(client, courses):
    first = client.get("/courses/compare/?courses=data-bootcamp,cyber-basics")
    assert first[HIT] == "miss"
    assert client.get("/courses/compare/?courses=data-bootcamp,cyber-basics&utm_x=3")[HIT] == "hit"
    swapped = client.get("/courses/compare/?courses=cyber-basics,data-bootcamp")
    assert swapped[HIT] == "miss"
    html = swapped.content.decode()
    assert html.index("Cyber Basics") < html.index("Data Bootcamp")
    assert client.get("/courses/compare/?courses=cyber-basics,data-bootcamp")[HIT] == "hit"
    # As the course list's form sends it: one parameter per course.
    form = client.get("/courses/compare/?courses=cyber-basics&courses=ux-design")
    assert form[HIT] == "miss" and "Compare 2 courses" in form.content.decode()
    trimmed = client.get("/courses/compare/?courses=data-bootcamp,cyber-basics&only_differences=1")
    assert trimmed[HIT] == "miss" and "<tr data-identical hidden>" in trimmed.content.decode()


def test_a_column_button_is_never_answered_with_the_comparison_it_came_from(client, courses):
    compared = "/courses/compare/?courses=data-bootcamp,cyber-basics,ux-design"
    assert client.get(compared)[HIT] == "miss"
    assert client.get(compared)[HIT] == "hit"
    for _ in range(2):
        removed = client.get(compared + "&remove=ux-design")
        assert removed.status_code == 302 and HIT not in removed
        assert removed["Location"] == "/courses/compare/?courses=data-bootcamp,cyber-basics"


def test_a_tracking_parameter_does_not_make_the_course_list_look_filtered(client, courses):
    response = client.get("/courses/?utm_campaign=spring")
    assert "Clear filters" not in response.content.decode()
    assert client.get("/courses/")[HIT] == "hit"
    filtered = client.get("/courses/?level=beginner")
    assert filtered[HIT] == "miss" and "Clear filters" in filtered.content.decode()


def test_the_second_sitemap_page_is_not_the_first(client, careers):
    assert client.get("/sitemap.xml")[HIT] == "miss"
    assert client.get("/sitemap.xml?utm_x=1")[HIT] == "hit"
    assert client.get("/sitemap.xml?p=2").status_code == 404  # the demo fits on one page


# --------------------------------------------------------------------------- what is never stored


def test_free_text_searches_are_served_but_never_stored(client, careers):
    for url in ("/careers/?q=penetration", "/search/?q=penetration", "/search/?q=penetration&page=1"):
        first = client.get(url)
        assert first.status_code == 200 and "Penetration Tester" in first.content.decode()
        assert HIT not in first and HIT not in client.get(url)
    assert stored_pages() == 0
    assert client.get("/search/")[HIT] == "miss"
    assert client.get("/search/?q=")[HIT] == "miss"  # the empty search box is one page, kept


@pytest.mark.parametrize(
    "url",
    [
        "/careers/?sector=nothing-here",  # not a sector: the list says it ignored it
        "/careers/?letter=a",  # the list links to A, not a
        "/careers/?salary_min=040000",
        "/careers/?page=01",  # the same page one, written another way
        "/careers/?page=1&page=99",
        "/courses/?max_price=0100",
        "/courses/?max_weeks=+12",
        "/courses/?level=expert",
        "/courses/?selected=no-such-course",
        "/courses/?selected=ux-design,ux-design",
        "/courses/compare/?courses=data-bootcamp,no-such-course,cyber-basics",
        "/courses/compare/?courses=data-bootcamp,data-bootcamp,cyber-basics",
        "/courses/compare/?courses=data-bootcamp,%20cyber-basics",
        "/courses/compare/?courses=data-bootcamp,cyber-basics&career=no-such-career",
        "/courses/compare/?courses=data-bootcamp,cyber-basics&only_differences=yes",
        "/courses/compare/?courses=data-bootcamp,cyber-basics&pinned=ux-design",  # not compared
        "/courses/compare/?courses=data-bootcamp,cyber-basics&pinned=cyber-basics,data-bootcamp",
        "/courses/compare/?courses=data-bootcamp,cyber-basics&attribute=PRICE",
        "/courses/compare/?courses=data-bootcamp,cyber-basics&attribute=nonsense",
        "/courses/compare/?courses=ux-design&pinned=ux-design",
        "/search/?page=2",
        "/sitemap.xml?p=1",
    ],
)
def test_values_the_site_never_links_to_are_served_but_not_stored(client, careers, courses, url):
    response = client.get(url)
    assert response.status_code == 200
    assert HIT not in response
    assert stored_pages() == 0


def test_values_the_site_links_to_are_stored(client, careers, courses):
    for url in (
        "/careers/?letter=A",
        "/careers/?salary_min=40000&page=1",
        "/courses/?max_price=100&sort=price",
        "/courses/?selected=ux-design",
        "/courses/compare/?courses=ux-design",  # too few: the page that says so
        "/courses/compare/?courses=data-bootcamp,cyber-basics&pinned=cyber-basics",
        "/courses/compare/?courses=data-bootcamp,cyber-basics&pinned=data-bootcamp,cyber-basics",
        "/courses/compare/?courses=data-bootcamp,cyber-basics&attribute=price",
        "/courses/compare/?courses=data-bootcamp,cyber-basics&pinned=cyber-basics&attribute=features",
    ):
        assert client.get(url)[HIT] == "miss", url
        assert client.get(url)[HIT] == "hit", url


def test_a_response_over_the_size_limit_is_served_but_not_stored(client, settings, careers):
    size = len(client.get("/careers/ai-specialist/").content)
    cache.clear()
    settings.PAGE_CACHE_MAX_BYTES = size - 1
    for _ in range(2):
        response = client.get("/careers/ai-specialist/")
        assert response.status_code == 200 and "AI Specialist" in response.content.decode()
        assert HIT not in response
    assert stored_pages() == 0
    settings.PAGE_CACHE_MAX_BYTES = size
    client.get("/careers/ai-specialist/")
    assert client.get("/careers/ai-specialist/")[HIT] == "hit"


# --------------------------------------------------------------------------- a real Redis


@pytest.fixture
def redis_cache(settings):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/12"  # this suite's own database number
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    prefix = f"test-page-cache-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}
    }
    yield cache
    cache.delete_pattern("*")  # only this prefix's keys


def test_junk_parameters_make_no_keys_in_redis(client, careers, redis_cache):
    client.get("/careers/")
    client.get("/careers/?utm_x=0")
    keys = set(redis_cache.keys("*"))
    for n in range(1, 51):
        assert client.get(f"/careers/?utm_x={n}")[HIT] == "hit"
    assert set(redis_cache.keys("*")) == keys
    assert len([key for key in keys if key.startswith("page-cache:") and ":query:" not in key]) == 1


# --------------------------------------------------------------------------- the declarations


def test_every_public_module_that_reads_the_query_string_declares_it_to_the_cache():
    """A page reading a parameter it never declared would be served another query's copy."""
    # The admin dashboard and the API are never cached (PAGE_CACHE_EXCLUDE_PREFIXES).
    never_cached = {"courses/dashboard.py", "courses/audience_dashboard.py", "portal/api.py"}
    undeclared = []
    for app in ("careers", "courses", "portal"):
        for path in sorted((ROOT / app).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if "migrations" in name or name in never_cached:
                continue
            source = path.read_text()
            reads = any(
                isinstance(node, ast.Attribute) and node.attr == "GET" for node in ast.walk(ast.parse(source))
            )
            if reads and "vary_on_query" not in source:
                undeclared.append(name)
    assert undeclared == []


def test_with_redis_a_page_kept_in_memory_goes_stale_when_the_version_moves(client, careers, redis_cache):
    """The version is read with a plain GET through django-redis's client: a bump elsewhere counts."""
    assert client.get("/careers/")[HIT] == "miss"
    assert client.get("/careers/")[HIT] == "hit"
    assert content_version.current_version() == redis_cache.get(content_version.VERSION_KEY)
    redis_cache.incr(content_version.VERSION_KEY)  # another app server publishing
    assert client.get("/careers/")[HIT] == "miss"
    assert client.get("/careers/")[HIT] == "hit"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("q=1%26x%3D2", "q=1&x=2"),  # an escaped "&x=2" inside a value is not a second parameter
        ("q=%2526", "q=%26"),  # nor is an escaped escape the character it stands for
        ("courses=a,b", "courses=a&courses=b"),
        ("x=1&q=2", "q=2&x=1&utm_source=mail"),  # the same page: order and unread parameters
    ],
)
def test_two_queries_share_a_key_only_when_the_page_sees_the_same_values(one, other):
    params = QueryParams(single=("q", "x"), repeated=("courses",))
    same = params.key_query(QueryDict(one)) == params.key_query(QueryDict(other))
    seen = [
        (QueryDict(query).get("q"), QueryDict(query).get("x"), QueryDict(query).getlist("courses"))
        for query in (one, other)
    ]
    assert same == (seen[0] == seen[1])
