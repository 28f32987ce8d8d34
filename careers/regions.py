"""The regions salary figures are published for: the UK, its four nations and England's nine regions.

The ONS publishes earnings for these areas under their GSS codes; the career page's region
selector offers them in this order, and ``?region=<slug>`` picks one. An editor's figure may
name any region; only these have a slug students can choose.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    slug: str
    name: str
    gss_code: str
    # "nation" for the UK and its nations, "england" for England's regions: the selector groups them.
    group: str


UK = Region("uk", "UK", "K02000001", "nation")

REGIONS: tuple[Region, ...] = (
    UK,
    Region("england", "England", "E92000001", "nation"),
    Region("wales", "Wales", "W92000004", "nation"),
    Region("scotland", "Scotland", "S92000003", "nation"),
    Region("northern-ireland", "Northern Ireland", "N92000002", "nation"),
    Region("north-east", "North East", "E12000001", "england"),
    Region("north-west", "North West", "E12000002", "england"),
    Region("yorkshire-and-the-humber", "Yorkshire and The Humber", "E12000003", "england"),
    Region("east-midlands", "East Midlands", "E12000004", "england"),
    Region("west-midlands", "West Midlands", "E12000005", "england"),
    Region("east", "East", "E12000006", "england"),
    Region("london", "London", "E12000007", "england"),
    Region("south-east", "South East", "E12000008", "england"),
    Region("south-west", "South West", "E12000009", "england"),
)

BY_SLUG: dict[str, Region] = {region.slug: region for region in REGIONS}
BY_GSS_CODE: dict[str, Region] = {region.gss_code: region for region in REGIONS}
# Figures name their region in words; the ONS spells some regions more than one way.
BY_NAME: dict[str, Region] = {region.name.lower(): region for region in REGIONS} | {
    "united kingdom": UK,
    "east of england": BY_SLUG["east"],
    "yorkshire and the humber": BY_SLUG["yorkshire-and-the-humber"],
}


def region_named(name: str) -> Region | None:
    """The known region a figure's region text names, ignoring case, or None."""
    return BY_NAME.get(" ".join(name.split()).lower())
