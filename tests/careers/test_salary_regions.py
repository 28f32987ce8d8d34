"""The career page's region selector: each region's figure, said plainly where there is none.

A software developer's official figures, as the ONS import writes them: the UK and London
precise enough, Scotland only acceptable, the North East only for the wider SOC group, Wales
unreliable, and no figure at all for the other regions.
"""

from __future__ import annotations

import html as html_lib
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from careers.factories import (
    CareerIndexPageFactory,
    CareerPageFactory,
    OfficialSalaryFigureFactory,
    SalaryFigureFactory,
    SalarySourceFactory,
)
from careers.regions import REGIONS
from portal.factories import HomePageFactory

pytestmark = pytest.mark.django_db

URL = "/careers/software-developer/"


@pytest.fixture
def developer(career_index):
    page = CareerPageFactory(
        parent=career_index, title="Software Developer", slug="software-developer", soc_code="2134"
    )
    OfficialSalaryFigureFactory(career=page, region="UK", minimum=26_000, typical=41_000, maximum=68_000)
    OfficialSalaryFigureFactory(
        career=page, region="London", minimum=33_000, typical=52_000, maximum=91_000, cv=Decimal("8.0")
    )
    OfficialSalaryFigureFactory(
        career=page, region="Scotland", minimum=25_000, typical=38_500, maximum=61_000, cv=Decimal("15.0")
    )
    OfficialSalaryFigureFactory(
        career=page,
        region="North East",
        minimum=24_000,
        typical=36_000,
        maximum=58_000,
        soc_code="213",
        soc_description="Information technology professionals",
    )
    OfficialSalaryFigureFactory(
        career=page, region="Wales", minimum=23_000, typical=34_567, maximum=55_000, cv=Decimal("25.0")
    )
    return page


def text(response) -> str:
    """The page's salary section as a reader hears it: tags gone, spaces collapsed."""
    assert response.status_code == 200
    section = response.content.decode().split('id="salary"', 1)[1].split(">", 1)[1].split("</section>")[0]
    words = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", section)).split())
    return re.sub(r" ([,.;:])", r"\1", words)  # a link's end is no space before its comma


def selected(response) -> list[str]:
    return re.findall(r'<option value="([^"]+)" selected>', response.content.decode())


@pytest.mark.parametrize(
    ("region", "shown"),
    [
        ("uk", "UK median £41,000"),
        ("london", "London median £52,000"),
        ("scotland", "Scotland median £38,500"),
        ("north-east", "North East median £36,000"),
    ],
)
def test_each_region_shows_its_own_figure(client, developer, region, shown):
    response = client.get(f"{URL}?region={region}")
    section = text(response)
    assert shown in section
    assert section.count(" median £") == 1  # one region at a time
    assert selected(response) == [region]
    # The header sums the career up with the chosen region's figure too.
    hero = response.content.decode().split('class="career-hero__salary"')[1].split("</p>")[0]
    assert shown.split(" median ")[1] in hero


def test_without_a_region_the_headline_region_is_shown_and_every_region_offered(client, developer):
    response = client.get(URL)
    html = response.content.decode()
    assert "UK median £41,000" in text(response)
    assert selected(response) == ["uk"]
    assert '<label for="salary-region">Show pay in</label>' in html
    assert '<optgroup label="UK and nations">' in html and '<optgroup label="English regions">' in html
    offered = re.findall(r'<option value="([^"]+)"', html)
    assert offered == [region.slug for region in REGIONS]
    assert '<button type="submit" class="button button--small">Show pay</button>' in html
    assert 'method="get" action="#salary"' in html


def test_a_region_without_a_figure_says_so_and_shows_the_uk_figure(client, developer):
    response = client.get(f"{URL}?region=south-west")
    section = text(response)
    assert (
        "The ONS publishes no reliable figure for this career in the South West: too few people in its "
        "survey to estimate pay there. The UK figure is shown below."
    ) in section
    assert "UK median £41,000" in section
    # The choice stays as the reader made it.
    assert selected(response) == ["south-west"]


def test_a_career_with_only_editors_figures_says_it_has_none_for_the_region(client, career_index):
    page = CareerPageFactory(parent=career_index, title="Florist", slug="florist")
    SalaryFigureFactory(
        career=page,
        region="UK",
        typical=24_000,
        minimum=19_000,
        maximum=30_000,
        source=SalarySourceFactory(name="Flower trade survey"),
    )
    section = text(client.get("/careers/florist/?region=wales"))
    assert "We have no salary figure for this career in Wales. The UK figure is shown below." in section
    assert "ONS" not in section
    assert "salary-spread" not in section and "Salary range from £19,000 to £30,000" in section


def test_an_unreliable_figure_is_never_shown(client, developer):
    response = client.get(f"{URL}?region=wales")
    section = text(response)
    assert "The ONS publishes no reliable figure for this career in Wales" in section
    assert "UK median £41,000" in section
    # Not in the section, the header or the JSON-LD.
    assert "34,567" not in response.content.decode() and "34567" not in response.content.decode()


def test_an_unreliable_figure_is_not_the_headline_on_the_page_or_in_the_list(client, career_index):
    page = CareerPageFactory(parent=career_index, title="Glassblower", slug="glassblower", soc_code="5499")
    OfficialSalaryFigureFactory(career=page, region="UK", typical=30_000, cv=Decimal("30.0"))
    OfficialSalaryFigureFactory(career=page, region="London", minimum=28_000, typical=35_000, maximum=50_000)

    response = client.get("/careers/glassblower/")
    assert "London median £35,000" in text(response)
    assert selected(response) == ["london"]
    listing = client.get("/careers/").content.decode()
    assert "London median £35,000" in listing and "median £30,000" not in listing


def test_only_unreliable_figures_leave_a_plain_message(client, career_index):
    page = CareerPageFactory(parent=career_index, title="Thatcher", slug="thatcher")
    OfficialSalaryFigureFactory(career=page, region="UK", typical=31_234, cv=Decimal("40.0"))
    response = client.get("/careers/thatcher/")
    section = text(response)
    assert section.startswith("Salary Show pay in")
    assert "The ONS publishes no reliable figure for this career in the UK" in section
    assert "31,234" not in response.content.decode()
    assert 'class="career-hero__salary"' not in response.content.decode()


def test_an_official_figure_says_where_it_comes_from(client, developer):
    response = client.get(URL)
    section = text(response)
    year = developer.salary_figures.get(region="UK").year
    assert (
        f"Source: Office for National Statistics, Annual Survey of Hours and Earnings {year} (provisional), "
        "Table 15.7a, for SOC 2134 Programmers and software development professionals. Typical pay is the "
        "median; the range runs from the 10th to the 90th percentile. Based on about 45,000 jobs. "
        "The ONS rates this estimate precise."
    ) in section
    link = re.search(
        r'<a href="([^"]+)">Office for National Statistics, Annual Survey', response.content.decode()
    )
    assert link and link.group(1).startswith("https://www.ons.gov.uk/")
    assert "rough guide" not in section


def test_the_spread_of_pay_is_drawn_with_a_table_of_its_values(client, developer):
    html = client.get(URL).content.decode()
    # The drawing is hidden from screen readers, which get the table.
    assert re.search(r'<svg class="salary-spread__graphic"[^>]* aria-hidden="true"', html)
    table = html.split('<table class="salary-spread__table">')[1].split("</table>")[0]
    assert "<caption>Spread of annual pay, UK</caption>" in table
    assert re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', table) == [
        ("10th percentile", "£26,000"),
        ("25th percentile", "£33,500"),
        ("Median", "£41,000"),
        ("75th percentile", "£54,500"),
        ("90th percentile", "£68,000"),
    ]
    # On the scale of every region's figures (up to London's £91,000, so £100,000): regions compare.
    assert 'class="salary-spread__box" x="33.50" y="3" width="21.00"' in html
    assert 'class="salary-spread__median" x="41.00"' in html
    assert "salary-bar__range" not in html  # the box plot stands in for the plain bar


def test_a_description_ending_in_an_abbreviation_ends_its_sentence_once(client, career_index):
    page = CareerPageFactory(
        parent=career_index, title="IT Specialist", slug="it-specialist", soc_code="2139"
    )
    OfficialSalaryFigureFactory(
        career=page, soc_code="2139", soc_description="Information technology professionals n.e.c."
    )
    section = text(client.get("/careers/it-specialist/"))
    assert "for SOC 2139 Information technology professionals n.e.c. Typical pay is the median" in section


def test_an_acceptable_estimate_carries_a_caution(client, developer):
    section = text(client.get(f"{URL}?region=scotland"))
    assert "The ONS rates this estimate only acceptable: treat it as a rough guide." in section
    assert "reasonably precise" not in section
    assert "The ONS rates this estimate reasonably precise." in text(client.get(f"{URL}?region=london"))


def test_a_figure_for_a_wider_group_says_so(client, developer):
    section = text(client.get(f"{URL}?region=north-east"))
    assert (
        "ONS publishes no North East figure for this exact occupation (2134); this is the figure for the "
        "wider group 213 Information technology professionals."
    ) in section
    assert "exact occupation" not in text(client.get(f"{URL}?region=london"))


def test_an_override_is_the_figure_with_the_official_estimate_beside_it(client, developer):
    SalaryFigureFactory(
        career=developer,
        region="London",
        minimum=40_000,
        typical=60_000,
        maximum=95_000,
        override_reason="The figures our article was written with, from employers we work with.",
        source=SalarySourceFactory(name="Employer survey 2026", url=""),
    )
    response = client.get(f"{URL}?region=london")
    section = text(response)
    assert "Our figure: The figures our article was written with, from employers we work with." in section
    assert "Source: Employer survey 2026, as of" in section
    assert section.index("London average £60,000") < section.index("The official estimate for comparison")
    assert section.index("The official estimate for comparison") < section.index("London median £52,000")
    # The header gives the override, the figure the page stands by.
    hero = response.content.decode().split('class="career-hero__salary"')[1].split("</p>")[0]
    assert "£60,000" in hero


@pytest.mark.parametrize(
    "value",
    ["London", "london ", "wales%00", "<script>alert(1)</script>", "x" * 5_000, "", "uk%2F..", "1e309"],
)
def test_an_unknown_region_shows_the_main_figure_with_a_note(client, developer, value):
    response = client.get(f"{URL}?region={value}")
    section = text(response)
    assert "UK median £41,000" in section
    assert "We do not list that region, so this shows the career’s main figure." in section
    assert selected(response) == ["uk"]
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_last_of_repeated_regions_counts(client, developer):
    assert "London median £52,000" in text(client.get(f"{URL}?region=scotland&region=london"))


def test_choosing_a_region_costs_no_query(client, developer):
    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.get(URL)  # warms the article cache
    assert queries(f"{URL}?region=london") == queries(URL) == queries(f"{URL}?region=south-west")


class TestRenderable(WagtailPageTestCase):
    def test_the_page_renders_for_every_region_and_a_bad_one(self):
        home = HomePageFactory(parent=Page.get_first_root_node(), slug="regions-home")
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        page = CareerPageFactory(parent=CareerIndexPageFactory(parent=home), title="Tester", soc_code="2139")
        OfficialSalaryFigureFactory(career=page, region="UK")
        for region in [*(region.slug for region in REGIONS), "nowhere", ""]:
            self.assertPageIsRenderable(page, query_data={"region": region})
