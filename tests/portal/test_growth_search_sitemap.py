"""Site search and the sitemap cost the same as the catalogue grows (issue 16, goal 3): search ranks
at most MAX_RANKED matches and lists more A to Z; the sitemap is built once per content version."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.factories import CareerPageFactory, SalaryFigureFactory
from portal import search

pytestmark = pytest.mark.django_db


def result_titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".search__title a")]


def careers(career_index, count: int, word: str, start: int = 0) -> None:
    for number in range(start, start + count):
        SalaryFigureFactory(career=CareerPageFactory(parent=career_index, title=f"{word} role {number:03d}"))


def queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def test_many_matches_are_listed_a_to_z_and_the_reader_is_told(client, career_index, monkeypatch):
    monkeypatch.setattr(search, "MAX_RANKED", 3)
    careers(career_index, 2, "Glassblower")
    few = client.get("/search/", {"q": "glassblower"})
    assert "listed A to Z" not in few.content.decode()
    careers(career_index, 3, "Glassblower", start=2)
    many = client.get("/search/", {"q": "glassblower"})
    assert result_titles(many) == [f"Glassblower role {n:03d}" for n in range(5)]
    assert "So many pages match that they are listed A to Z" in many.content.decode()


def test_search_costs_the_same_queries_ranked_or_listed_a_to_z(client, career_index, monkeypatch):
    monkeypatch.setattr(search, "MAX_RANKED", 3)
    careers(career_index, 2, "Cooper")
    ranked = queries(client, "/search/?q=cooper")
    careers(career_index, 30, "Cooper", start=2)
    assert queries(client, "/search/?q=cooper") == ranked
    assert queries(client, "/search/?q=cooper&page=2") == ranked


def test_the_sitemap_costs_the_same_queries_with_more_careers(client, career_index):
    careers(career_index, 2, "Thatcher")
    first = queries(client, "/sitemap.xml")
    careers(career_index, 20, "Thatcher", start=2)
    assert queries(client, "/sitemap.xml") == first


def test_a_new_career_is_in_the_sitemap_on_the_next_request(client, career_index):
    careers(career_index, 1, "Farrier")
    assert b"farrier-role-000" in client.get("/sitemap.xml").content
    CareerPageFactory(parent=career_index, title="Wheelwright")
    assert b"/wheelwright/" in client.get("/sitemap.xml").content
