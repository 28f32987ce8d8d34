"""schema.org Occupation for a career page, for search engines' job and salary features.

Google and others read salary bands from `estimatedSalary`; each figure the page shows as data
becomes one MonetaryAmountDistribution in GBP per year, for the region it describes, with its
10th, 25th, 75th and 90th percentiles where the source gives the whole spread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import prefetch_related_objects
from django.http import HttpRequest

from careers.salary_display import public_figures

if TYPE_CHECKING:
    from careers.models import CareerPage, SalaryFigure

SOC_2020_URL = (
    "https://www.ons.gov.uk/methodology/classificationsandstandards/"
    "standardoccupationalclassificationsoc/soc2020"
)
# Regions editors write as "UK" name the whole country; anything else is an area within it.
COUNTRY_NAMES = {"uk": "United Kingdom", "united kingdom": "United Kingdom", "gb": "United Kingdom"}


def place(region: str) -> dict[str, str]:
    country = COUNTRY_NAMES.get(region.strip().lower())
    if country:
        return {"@type": "Country", "name": country}
    return {"@type": "AdministrativeArea", "name": region}


def salary_distribution(figure: SalaryFigure) -> dict[str, Any]:
    """One figure as a yearly band. A median goes in `median`; schema.org has no mean, so
    an average is given as the distribution's `value` and named in its description."""
    distribution: dict[str, Any] = {
        "@type": "MonetaryAmountDistribution",
        "name": "base",
        "currency": "GBP",
        "duration": "P1Y",
        "minValue": figure.minimum,
        "maxValue": figure.maximum,
        "description": (
            f"{figure.region} {figure.get_typical_kind_display()} £{figure.typical:,}, "
            f"range £{figure.minimum:,}–£{figure.maximum:,}"
        ),
    }
    if figure.typical_kind == figure.TypicalKind.MEDIAN:
        distribution["median"] = figure.typical
    else:
        distribution["value"] = figure.typical
    if figure.has_spread:
        distribution.update(
            percentile10=figure.percentile_10,
            percentile25=figure.percentile_25,
            percentile75=figure.percentile_75,
            percentile90=figure.percentile_90,
        )
    return distribution


def occupation(career: CareerPage, request: HttpRequest | None) -> dict[str, Any]:
    # Costs nothing after the page view, which lists them (even a preview's unsaved rows);
    # a fixed two queries if not.
    prefetch_related_objects([career], *career.listed_rows())
    # What the page shows as data: never an unreliable estimate, nor one an editor overrides.
    figures = public_figures(career.figures_in_order)
    # Essential skills first ("essential" sorts before "optional"), each group in the editors' order.
    career_skills = sorted(career.skills_in_order, key=lambda link: link.importance)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": career.title,
        "description": career.search_description or career.summary,
        "url": career.get_full_url(request),
    }
    if figures:
        data["estimatedSalary"] = [salary_distribution(figure) for figure in figures]
        regions = list(dict.fromkeys(figure.region for figure in figures))
        data["occupationLocation"] = [place(region) for region in regions]
    else:
        data["occupationLocation"] = [place("UK")]
    if career_skills:
        data["skills"] = [link.skill.name for link in career_skills]
    if career.soc_code:
        data["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": career.soc_code,
            "inCodeSet": {"@type": "CategoryCodeSet", "name": "SOC 2020", "url": SOC_2020_URL},
        }
    return data
