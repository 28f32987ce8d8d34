"""Every career's headline salary band as numbers for a server-rendered SVG chart and its data table.

The template draws what :func:`build_salary_chart` works out: one bar per career
from minimum to maximum with a mark at the typical salary, and a box over the middle
half of jobs (25th to 75th percentile) where the figure gives its whole spread, on one
shared scale, with gridlines every so many pounds. No JavaScript is involved, so the chart
reads the same in any browser, in print and to a screen reader (the template
gives it a title, a description and a table with the same figures).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import F, Max, Prefetch, QuerySet, prefetch_related_objects
from django.db.models.functions import Lower
from wagtail.admin.paginator import WagtailPaginator

from careers.models import CareerPage, SalaryFigure
from careers.models.salary import headline_annotations
from careers.salary_scale import scale_top
from portal import content_version
from portal.money import gbp

ORDERINGS = {
    "-typical": "Highest typical salary first",
    "typical": "Lowest typical salary first",
    "title": "Career A–Z",
}
DEFAULT_ORDERING = "-typical"
# Careers on one page of the chart; the downloads hold every figure.
PER_PAGE = 25

# Drawing geometry, in SVG user units.
WIDTH = 760
LABEL_WIDTH = 220
RIGHT_MARGIN = 24
ROW_HEIGHT = 30
BAR_HEIGHT = 12
MARKER_WIDTH = 4
MARKER_HEIGHT = 20
BOX_HEIGHT = 18
TOP = 28
AXIS_HEIGHT = 28


@dataclass(frozen=True)
class Bar:
    """One career's row: its figure and where to draw it."""

    career: CareerPage
    figure: SalaryFigure
    y: float
    x_min: float
    x_max: float
    x_typical: float
    # The middle half of jobs (25th to 75th percentile), where the figure gives its whole spread.
    x_p25: float | None = None
    x_p75: float | None = None

    @property
    def width(self) -> float:
        return max(self.x_max - self.x_min, 2.0)

    @property
    def has_box(self) -> bool:
        return self.x_p25 is not None and self.x_p75 is not None

    @property
    def box_width(self) -> float:
        return max((self.x_p75 or 0) - (self.x_p25 or 0), 2.0)

    @property
    def percentiles(self) -> list[int | None]:
        """The 10th, 25th, 75th and 90th percentiles, for the data table's columns."""
        figure = self.figure
        return [figure.percentile_10, figure.percentile_25, figure.percentile_75, figure.percentile_90]

    @property
    def box_y(self) -> float:
        return self.y - (BOX_HEIGHT - BAR_HEIGHT) / 2

    @property
    def label_y(self) -> float:
        return self.y + BAR_HEIGHT / 2

    @property
    def marker_x(self) -> float:
        return round(self.x_typical - MARKER_WIDTH / 2, 1)

    @property
    def marker_y(self) -> float:
        return self.y - (MARKER_HEIGHT - BAR_HEIGHT) / 2

    @property
    def summary(self) -> str:
        text = f"{self.career.title}: {self.figure.band_text}"
        if self.has_box:
            middle = f"{gbp(self.figure.percentile_25)}–{gbp(self.figure.percentile_75)}"
            text += f", middle half {middle}"
        return text


@dataclass(frozen=True)
class Tick:
    x: float
    amount: int

    @property
    def label(self) -> str:
        return f"£{self.amount // 1000}k"


@dataclass(frozen=True)
class SalaryChart:
    bars: list[Bar]
    # The first careers with no figure (``PER_PAGE`` at most) and how many there are in all.
    without_figures: list[CareerPage]
    without_count: int
    page: Page
    ticks: list[Tick]
    ordering: str
    width: int
    height: int
    plot_left: int
    plot_bottom: float

    @property
    def label_x(self) -> int:
        return self.plot_left - 8

    @property
    def axis_label_y(self) -> float:
        return self.plot_bottom + 18

    @property
    def ordering_label(self) -> str:
        return ORDERINGS[self.ordering]

    @property
    def elided_page_range(self) -> list[int | str]:
        return list(self.page.paginator.get_elided_page_range(self.page.number))


def headline_figures(careers: list[CareerPage]) -> list[tuple[CareerPage, SalaryFigure | None]]:
    """Each of ``careers`` with its headline salary figure, in one query for them all."""
    prefetch_related_objects(
        careers,
        Prefetch(
            "salary_figures",
            queryset=SalaryFigure.objects.select_related("source").order_by("sort_order", "pk"),
        ),
    )
    return [(career, career.headline_salary) for career in careers]


def careers_in_order(ordering: str) -> QuerySet[CareerPage]:
    """Every career with a headline figure, in the chart's order: the database sorts and pages them,
    so a page of the chart costs the same however many careers there are."""
    careers = CareerPage.objects.annotate(**headline_annotations()).filter(headline_typical__isnull=False)
    # Ties stay A–Z whichever way the salaries run.
    by_title = (Lower("title"), "pk")
    if ordering == "title":
        return careers.order_by(*by_title)
    typical = F("headline_typical").desc() if ordering == "-typical" else F("headline_typical").asc()
    return careers.order_by(typical, *by_title)


def parse_ordering(raw: str | None) -> str:
    return raw if raw in ORDERINGS else DEFAULT_ORDERING


def _step(top: int) -> int:
    """A round gridline spacing giving four to ten lines."""
    for step in (5_000, 10_000, 20_000, 25_000, 50_000, 100_000):
        if top / step <= 10:
            return step
    return 250_000


@dataclass(frozen=True)
class _CatalogueView:
    """What the chart reads of the whole catalogue for one ordering, as plain data: kept until
    content next changes, so a page of the chart reads only its own careers, at any size."""

    ordered_pks: tuple[int, ...]  # every career with a headline figure, in the chart's order
    highest: int  # the highest headline maximum: every page shares one scale
    without_pks: tuple[int, ...]  # the first PER_PAGE careers with no figure, A–Z
    without_count: int


def _catalogue_view(ordering: str) -> _CatalogueView:
    def read() -> _CatalogueView:
        headlines = CareerPage.objects.annotate(**headline_annotations())
        without = headlines.filter(headline_typical__isnull=True)
        return _CatalogueView(
            ordered_pks=tuple(careers_in_order(ordering).values_list("pk", flat=True)),
            highest=headlines.aggregate(top=Max("headline_maximum"))["top"] or 0,
            without_pks=tuple(without.order_by(Lower("title"), "pk").values_list("pk", flat=True)[:PER_PAGE]),
            without_count=without.count(),
        )

    return content_version.remember(content_version.key_for(None, "salary-chart", ordering), read)


def _in_order(pks: Sequence[int], careers: QuerySet[CareerPage]) -> list[CareerPage]:
    by_pk = {career.pk: career for career in careers.filter(pk__in=pks)}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def build_salary_chart(ordering: str = DEFAULT_ORDERING, page_number: str | None = None) -> SalaryChart:
    """One page of the chart (``PER_PAGE`` careers) on the scale of the whole catalogue."""
    ordering = parse_ordering(ordering)
    catalogue = _catalogue_view(ordering)
    paginator = WagtailPaginator(catalogue.ordered_pks, PER_PAGE)
    page = paginator.get_page(page_number)
    page.object_list = _in_order(page.object_list, CareerPage.objects.all())
    pairs = headline_figures(page.object_list)
    with_figures = [(career, figure) for career, figure in pairs if figure is not None]

    # Every page shares one scale, so a bar reads the same on page 1 and page 9.
    highest = catalogue.highest
    step = _step(max(highest, 10_000))
    top = scale_top(highest, step)
    plot_width = WIDTH - LABEL_WIDTH - RIGHT_MARGIN

    def x(amount: int) -> float:
        return round(LABEL_WIDTH + amount / top * plot_width, 1)

    bars = [
        Bar(
            career=career,
            figure=figure,
            y=TOP + index * ROW_HEIGHT,
            x_min=x(figure.minimum),
            x_max=x(figure.maximum),
            x_typical=x(figure.typical),
            x_p25=x(figure.percentile_25) if figure.has_spread else None,
            x_p75=x(figure.percentile_75) if figure.has_spread else None,
        )
        for index, (career, figure) in enumerate(with_figures)
    ]
    plot_bottom = TOP + len(bars) * ROW_HEIGHT
    ticks = [Tick(x(amount), amount) for amount in range(0, top + 1, step)]
    return SalaryChart(
        bars=bars,
        without_figures=_in_order(catalogue.without_pks, CareerPage.objects.only("id", "title")),
        without_count=catalogue.without_count,
        page=page,
        ticks=ticks,
        ordering=ordering,
        width=WIDTH,
        height=int(plot_bottom + AXIS_HEIGHT),
        plot_left=LABEL_WIDTH,
        plot_bottom=plot_bottom,
    )
