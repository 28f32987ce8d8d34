"""What machines read of an official salary figure: the JSON-LD's percentiles and the API's provenance."""

from __future__ import annotations

from decimal import Decimal

import pytest

from careers.factories import CareerPageFactory, OfficialSalaryFigureFactory, SalaryFigureFactory
from tests.portal.jsonld import json_ld_of_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def developer(career_index):
    page = CareerPageFactory(
        parent=career_index, title="Software Developer", slug="software-developer", soc_code="2134"
    )
    OfficialSalaryFigureFactory(
        career=page,
        region="UK",
        minimum=26_000,
        percentile_25=33_000,
        typical=41_000,
        percentile_75=52_000,
        maximum=68_000,
        job_count=412_000,
    )
    OfficialSalaryFigureFactory(
        career=page,
        region="North East",
        minimum=24_000,
        typical=36_000,
        maximum=58_000,
        soc_code="213",
        soc_description="Information technology professionals",
        cv=Decimal("14.5"),
    )
    OfficialSalaryFigureFactory(career=page, region="Wales", typical=34_567, cv=Decimal("25.0"))
    return page


def test_json_ld_gives_the_spread_of_pay_as_percentiles(client, developer):
    occupation = json_ld_of_type(client.get(developer.url), "Occupation")
    headline = occupation["estimatedSalary"][0]
    assert headline["@type"] == "MonetaryAmountDistribution"
    assert (headline["minValue"], headline["maxValue"]) == (26_000, 68_000)
    assert {key: headline[key] for key in ("percentile10", "percentile25", "median")} == {
        "percentile10": 26_000,
        "percentile25": 33_000,
        "median": 41_000,
    }
    assert (headline["percentile75"], headline["percentile90"]) == (52_000, 68_000)


def test_json_ld_leaves_out_unreliable_and_overridden_estimates(client, developer):
    SalaryFigureFactory(
        career=developer, region="UK", typical=50_000, maximum=80_000, override_reason="Our own survey."
    )
    occupation = json_ld_of_type(client.get(developer.url), "Occupation")
    regions = [place["name"] for place in occupation["occupationLocation"]]
    assert regions == ["United Kingdom", "North East"]
    typicals = [band.get("median", band.get("value")) for band in occupation["estimatedSalary"]]
    # The headline first: the override of the first region.
    assert typicals == [50_000, 36_000]
    # An editor's band without a spread gives no percentiles.
    assert "percentile10" not in occupation["estimatedSalary"][0]


def test_the_api_gives_each_figure_its_origin_spread_and_provenance(client, developer):
    SalaryFigureFactory(
        career=developer, region="London", typical=60_000, maximum=90_000, override_reason="Our own survey."
    )
    data = client.get(f"/api/v2/pages/{developer.pk}/").json()
    uk, north_east, wales, london = data["salary_figures"]
    year = developer.salary_figures.get(region="UK").year
    assert uk["origin"] == "ons" and uk["override_reason"] == ""
    assert uk["percentiles"] == {"p10": 26_000, "p25": 33_000, "p75": 52_000, "p90": 68_000}
    assert uk["job_count"] == 412_000
    assert uk["provenance"] == {
        "dataset": "Annual Survey of Hours and Earnings",
        "table": "Table 15.7a",
        "year": year,
        "release": "provisional",
        "soc_code": "2134",
        "soc_description": "Programmers and software development professionals",
        "range_low_percentile": 10,
        "range_high_percentile": 90,
        "cv": 4.2,
        "quality": "precise",
    }
    assert uk["source"]["name"] == f"ONS ASHE {year} (provisional)"
    assert north_east["provenance"]["soc_code"] == "213"
    assert north_east["provenance"]["quality"] == "acceptable"
    # The API is data for other services: it says how unreliable an estimate is rather than hiding it.
    assert wales["provenance"]["quality"] == "unreliable"
    assert london["origin"] == "editor" and london["override_reason"] == "Our own survey."
    assert london["provenance"] is None
