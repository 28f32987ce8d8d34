"""The page cache keys a career page on its region: one region is never served for another, and a
region the site does not link to is served but never stored."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from careers.factories import CareerIndexPageFactory, CareerPageFactory, OfficialSalaryFigureFactory

HIT = "X-Page-Cache"
URL = "/careers/software-developer/"
# What the salary section shows (the JSON-LD lists every region whichever is chosen).
SHOWS = 'class="salary__typical">'

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def stored_pages() -> int:
    return sum(1 for key in cache._cache if ":page-cache:" in key and ":query:" not in key)


@pytest.fixture
def developer(home_page):
    index = CareerIndexPageFactory(parent=home_page)
    page = CareerPageFactory(parent=index, title="Software Developer", slug="software-developer")
    OfficialSalaryFigureFactory(career=page, region="UK", minimum=26_000, typical=41_000, maximum=68_000)
    OfficialSalaryFigureFactory(career=page, region="London", minimum=33_000, typical=52_000, maximum=91_000)
    return page


def test_each_region_is_its_own_entry(client, developer):
    assert client.get(URL)[HIT] == "miss"
    london = client.get(f"{URL}?region=london")
    assert london[HIT] == "miss"
    assert SHOWS + "London median £52,000" in london.content.decode()

    again = client.get(f"{URL}?region=london&utm_source=newsletter")
    assert again[HIT] == "hit"
    assert again.content == london.content
    uk = client.get(URL)
    assert uk[HIT] == "hit"
    assert SHOWS + "UK median £41,000" in uk.content.decode()
    assert SHOWS + "London median" not in uk.content.decode()
    assert client.get(f"{URL}?region=scotland")[HIT] == "miss"
    assert stored_pages() == 3


def test_the_last_of_repeated_regions_is_the_key(client, developer):
    client.get(f"{URL}?region=london")
    repeated = client.get(f"{URL}?region=uk&region=london")
    assert repeated[HIT] == "hit" and SHOWS + "London median £52,000" in repeated.content.decode()


@pytest.mark.parametrize("value", ["London", "nowhere", "", "london%00", "x" * 300, "<script>"])
def test_a_region_the_site_never_links_to_is_served_but_not_stored(client, developer, value):
    client.get(f"{URL}?region=london")  # the path's query entry is known: keys read the region
    for _ in range(2):
        response = client.get(f"{URL}?region={value}")
        assert response.status_code == 200
        assert HIT not in response
        assert SHOWS + "UK median £41,000" in response.content.decode()
    assert stored_pages() == 1
