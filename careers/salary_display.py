"""What a career page's salary section shows for the region a reader picks with ``?region=<slug>``.

The selector offers every region in careers/regions.py, whether or not the career has a figure
there, so a student can always pick their own. A figure belongs to a region when its region text
names it (``region_named``). For the chosen region the page shows THE figure (an editor's override
before anything else), the official estimate beside an override, then the region's other figures.
Where the career has no reliable figure there it says so plainly and shows the UK's instead.
Figures for places the selector does not offer (an editor's "Cambridge") are listed after, always.
An estimate the ONS grades unreliable is never shown as data, nor taken as the headline.

Everything here works on the figures the article cache already holds, so a region costs no query.
Page methods call it, so it takes figures and never imports the models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from careers.regions import BY_SLUG, REGIONS, UK, Region, region_named
from careers.salary_scale import SalaryRow, salary_rows
from portal.page_cache import QueryParams

if TYPE_CHECKING:
    from careers.models import SalaryFigure

REGION_PARAM = "region"
QUERY_PARAMS = QueryParams(single=(REGION_PARAM,))
OFFICIAL_PUBLISHER = "Office for National Statistics"
# Regions a sentence names with "the": "in the North East", but "in London".
NAMED_WITH_THE = {"uk", "north-east", "north-west", "east-midlands", "west-midlands", "east"}
NAMED_WITH_THE |= {"south-east", "south-west"}
GROUP_LABELS = {"nation": "UK and nations", "england": "English regions"}


def is_reliable(figure: SalaryFigure) -> bool:
    # Compared as text: the models' EstimateQuality is a str enum, and this module must not import them.
    return figure.quality != "unreliable"


def place_key(region_text: str) -> str:
    """One key per place: a known region's slug, or the editor's own words for anywhere else."""
    region = region_named(region_text)
    return region.slug if region else "place:" + " ".join(region_text.split()).lower()


def in_region(region: Region) -> str:
    return f"in the {region.name}" if region.slug in NAMED_WITH_THE else f"in {region.name}"


def _main_first(group: list[SalaryFigure]) -> list[tuple[SalaryFigure, str]]:
    """A region's figures as (figure, role): the override or first figure, the official estimate
    an override stands in for, then the rest in the editors' order."""
    main = next((figure for figure in group if figure.is_override), group[0])
    shown = [(main, "override" if main.is_override else "figure")]
    if main.is_override:
        official = next((figure for figure in group if figure.is_official), None)
        if official is not None:
            shown.append((official, "official"))
    chosen = {id(figure) for figure, _ in shown}
    return shown + [(figure, "figure") for figure in group if id(figure) not in chosen]


def _by_place(figures: list[SalaryFigure]) -> dict[str, list[SalaryFigure]]:
    places: dict[str, list[SalaryFigure]] = {}
    for figure in figures:
        if is_reliable(figure):
            places.setdefault(place_key(figure.region), []).append(figure)
    return places


def headline_figure(figures: list[SalaryFigure]) -> SalaryFigure | None:
    """The figure a career is summed up by: in the place of its first reliable figure, the override
    if an editor wrote one, else that first figure. headline_annotations does the same in SQL."""
    places = _by_place(figures)
    if not places:
        return None
    first_place = next(iter(places.values()))
    return _main_first(first_place)[0][0]


def public_figures(figures: list[SalaryFigure]) -> list[SalaryFigure]:
    """Every figure the page may show as THE figure of its place, the headline first: reliable, and
    not an official estimate an editor's override stands in for (JSON-LD gives search engines these)."""
    places = _by_place(figures)
    overridden = {key for key, group in places.items() if any(figure.is_override for figure in group)}
    shown = [
        figure
        for figure in figures
        if is_reliable(figure) and not (figure.is_official and place_key(figure.region) in overridden)
    ]
    headline = headline_figure(figures)
    return sorted(shown, key=lambda figure: figure is not headline)


def about(count: int) -> str:
    """A number of jobs as the survey can vouch for it: 45,123 is "45,000", 87 stays "87"."""
    if count < 100:
        return f"{count:,}"
    digits = len(str(count)) - 2
    return f"{round(count, -digits):,}"


@dataclass(frozen=True)
class ShownFigure:
    """One figure on the page, where it sits on the shared scale and what the page says of it."""

    row: SalaryRow
    # "figure", "override" (an editor's, in place of the official one) or "official" (beside it).
    role: str
    career_soc_code: str = ""

    @property
    def figure(self) -> SalaryFigure:
        return self.row.figure

    @property
    def source_title(self) -> str:
        """The linked part of an official figure's source: publisher, dataset, year and release."""
        figure = self.figure
        dataset = " ".join(str(part) for part in (figure.dataset, figure.year) if part)
        if figure.release:
            dataset += f" ({figure.get_release_display()})"
        return f"{OFFICIAL_PUBLISHER}, {dataset}" if dataset else figure.source.name

    @property
    def source_details(self) -> str:
        """e.g. "Table 15.7a, for SOC 2134 Programmers and software development professionals.",
        ending the sentence once even where the description ends with an abbreviation ("n.e.c.")."""
        figure = self.figure
        parts = [figure.table] if figure.table else []
        if figure.soc_code:
            parts.append(" ".join(("for SOC", figure.soc_code, figure.soc_description)).strip())
        text = ", ".join(parts)
        return text if not text or text.endswith(".") else f"{text}."

    @property
    def method(self) -> str:
        figure = self.figure
        text = f"Typical pay is the {figure.get_typical_kind_display()}"
        low, high = figure.range_low_percentile, figure.range_high_percentile
        if low and high:
            return f"{text}; the range runs from the {low}th to the {high}th percentile."
        return f"{text}."

    @property
    def jobs(self) -> str:
        count = self.figure.job_count
        return f"Based on about {about(count)} jobs." if count else ""

    @property
    def quality_text(self) -> str:
        quality = self.figure.quality
        if quality is None or quality == "acceptable":
            return ""  # an acceptable estimate gets its own caution
        return f"The ONS rates this estimate {quality}."

    @property
    def caution(self) -> str:
        if self.figure.quality == "acceptable":
            return "The ONS rates this estimate only acceptable: treat it as a rough guide."
        return ""

    @property
    def wider_group_note(self) -> str:
        figure = self.figure
        if not figure.is_official or not figure.is_wider_group_than(self.career_soc_code):
            return ""
        group = " ".join((figure.soc_code, figure.soc_description)).strip()
        return (
            f"ONS publishes no {figure.region} figure for this exact occupation ({self.career_soc_code}); "
            f"this is the figure for the wider group {group}."
        )


@dataclass(frozen=True)
class RegionOption:
    slug: str
    name: str
    selected: bool


@dataclass(frozen=True)
class RegionGroup:
    label: str
    options: list[RegionOption]


@dataclass(frozen=True)
class SalaryView:
    """The salary section for one request: the figures, the selector and what the page must explain."""

    figures: list[ShownFigure]
    region_groups: list[RegionGroup]
    # Why the figures are not the chosen region's, or why there are none; "" when nothing to explain.
    notice: str
    # Whether the page cache may keep the page: no region asked, or one asked as the site writes it.
    cacheable: bool
    # Whether the career has any figure at all: without one the page has no salary section.
    has_figures: bool

    @property
    def lead(self) -> SalaryFigure | None:
        """The figure the page's header sums the career up with: the first one shown."""
        return self.figures[0].figure if self.figures else None


def _region_groups(selected: str) -> list[RegionGroup]:
    return [
        RegionGroup(
            label,
            [RegionOption(r.slug, r.name, r.slug == selected) for r in REGIONS if r.group == group],
        )
        for group, label in GROUP_LABELS.items()
    ]


def _missing(region: Region, figures: list[SalaryFigure], shown: str | None) -> str:
    if any(figure.is_official for figure in figures):
        text = (
            f"The ONS publishes no reliable figure for this career {in_region(region)}: "
            "too few people in its survey to estimate pay there."
        )
    else:
        text = f"We have no salary figure for this career {in_region(region)}."
    return f"{text} The {shown} figure is shown below." if shown else text


def salary_view(figures: list[SalaryFigure], raw_region: str | None, career_soc_code: str = "") -> SalaryView:
    """What the salary section shows for ``?region=`` (None when the query string has none)."""
    places = _by_place(figures)
    headline = headline_figure(figures)
    default_key = place_key(headline.region) if headline else UK.slug
    requested = BY_SLUG.get(raw_region) if raw_region is not None else None
    notice = ""
    if raw_region is not None and requested is None:
        notice = "We do not list that region, so this shows the career’s main figure."
    chosen_key = requested.slug if requested else default_key
    shown_key = chosen_key
    if chosen_key not in places:
        shown_key = UK.slug if UK.slug in places else default_key
        fallback = places.get(shown_key)
        asked = requested or BY_SLUG.get(chosen_key, UK)
        notice = _missing(asked, figures, _main_first(fallback)[0][0].region if fallback else None)
    shown = _main_first(places[shown_key]) if shown_key in places else []
    shown += [
        (figure, "figure")
        for key, group in places.items()
        if key.startswith("place:") and key != shown_key
        for figure in group
    ]
    rows = salary_rows(
        [figure for figure, _ in shown], scale_over=[f for group in places.values() for f in group]
    )
    return SalaryView(
        figures=[ShownFigure(row, role, career_soc_code) for row, (_, role) in zip(rows, shown, strict=True)],
        region_groups=_region_groups(chosen_key),
        notice=notice,
        cacheable=raw_region is None or requested is not None,
        has_figures=bool(figures),
    )
