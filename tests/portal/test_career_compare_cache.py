"""What the page cache keeps of the career comparison: the canonical spelling of each comparison only."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from careers.factories import CareerPageFactory, SalaryFigureFactory

HIT = "X-Page-Cache"

# Every test here runs with the page cache on (tests/portal/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def stored_pages() -> int:
    return sum(1 for key in cache._cache if ":page-cache:" in key and ":query:" not in key)


@pytest.fixture
def careers(career_index):
    pages = [
        CareerPageFactory(parent=career_index, title=title, slug=slug)
        for title, slug in (("AI Specialist", "ai-specialist"), ("Data Engineer", "data-engineer"))
    ]
    for career in pages:
        SalaryFigureFactory(career=career)
    CareerPageFactory(parent=career_index, title="UX Designer", slug="ux-designer")
    return pages


def columns(response) -> list[str]:
    html = response.content.decode()
    return [
        chunk.split("</a>")[0].split(">")[-1] for chunk in html.split('"career-compare-table__career">')[1:]
    ]


def test_the_canonical_comparison_is_stored_and_tracking_parameters_share_it(client, careers):
    url = "/careers/compare/?careers=ai-specialist&careers=data-engineer"
    first = client.get(url)
    assert first[HIT] == "miss"
    assert columns(first) == ["AI Specialist", "Data Engineer"]
    assert client.get(url)[HIT] == "hit"
    assert client.get(url + "&utm_source=newsletter")[HIT] == "hit"
    assert stored_pages() == 1
    # Another set of careers is another entry.
    assert client.get("/careers/compare/?careers=data-engineer&careers=ux-designer")[HIT] == "miss"
    assert stored_pages() == 2


@pytest.mark.parametrize(
    "query",
    [
        "careers=data-engineer&careers=ai-specialist",  # not A–Z
        "careers=ai-specialist,data-engineer",  # commas: read, but the site writes one parameter each
        "careers=ai-specialist&careers=data-engineer&careers=ai-specialist",
        "careers=ai-specialist&careers=data-engineer&careers=no-such-career",
        "careers=ai-specialist&careers=%20data-engineer",
        "careers=",
    ],
)
def test_other_spellings_are_served_the_same_comparison_but_never_stored(client, careers, query):
    response = client.get(f"/careers/compare/?{query}")
    assert response.status_code == 200
    assert HIT not in response
    if "data-engineer" in query:
        assert columns(response) == ["AI Specialist", "Data Engineer"]  # always A–Z
    assert stored_pages() == 0


def test_the_page_to_choose_careers_is_stored_for_the_links_the_site_makes(client, careers):
    for url in ("/careers/compare/", "/careers/compare/?careers=ai-specialist"):
        assert client.get(url)[HIT] == "miss", url
        assert client.get(url)[HIT] == "hit", url


def test_unpublishing_a_compared_career_takes_effect_on_the_next_request(client, careers):
    url = "/careers/compare/?careers=ai-specialist&careers=data-engineer"
    client.get(url)
    assert client.get(url)[HIT] == "hit"
    careers[1].unpublish()
    response = client.get(url)
    assert "Choose at least 2 careers to compare" in response.content.decode()
    assert "Data Engineer" not in response.content.decode()
