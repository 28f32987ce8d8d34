"""Every career's headline salary band as numbers for a server-rendered SVG chart and its data table.

The template draws what :func:`build_salary_chart` works out: one bar per career
from minimum to maximum with a mark at the typical salary, and a box over the middle
half of jobs (25th to 75th percentile) where the figure gives its whole spread, on one
shared scale, with gridlines every so many pounds. No JavaScript is involved, so the chart
reads the same in any browser, in print and to a screen reader (the template
gives it a title, a description and a table with the same figures).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from careers.models import CareerPage, SalaryFigure
from careers.salary_scale import scale_top
from portal.money import gbp

ORDERINGS = {
    "-typical": "Highest typical salary first",
    "typical": "Lowest typical salary first",
    "title": "Career A–Z",
}
DEFAULT_ORDERING = "-typical"

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
    without_figures: list[CareerPage]
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


def headline_figures() -> list[tuple[CareerPage, SalaryFigure | None]]:
    """Each career with its headline (first) salary figure, in two queries."""
    careers = CareerPage.objects.prefetch_related(
        Prefetch(
            "salary_figures",
            queryset=SalaryFigure.objects.select_related("source").order_by("sort_order", "pk"),
        )
    ).order_by("title")
    return [(career, career.headline_salary) for career in careers]


def parse_ordering(raw: str | None) -> str:
    return raw if raw in ORDERINGS else DEFAULT_ORDERING


def _step(top: int) -> int:
    """A round gridline spacing giving four to ten lines."""
    for step in (5_000, 10_000, 20_000, 25_000, 50_000, 100_000):
        if top / step <= 10:
            return step
    return 250_000


def build_salary_chart(ordering: str = DEFAULT_ORDERING) -> SalaryChart:
    ordering = parse_ordering(ordering)
    pairs = headline_figures()
    with_figures = [(career, figure) for career, figure in pairs if figure is not None]
    without = [career for career, figure in pairs if figure is None]
    sign = -1 if ordering == "-typical" else 1
    if ordering == "title":
        with_figures.sort(key=lambda pair: pair[0].title.lower())
    else:
        # Ties stay A–Z whichever way the salaries run.
        with_figures.sort(key=lambda pair: (sign * pair[1].typical, pair[0].title.lower()))

    highest = max((figure.maximum for _, figure in with_figures), default=0)
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
        without_figures=without,
        ticks=ticks,
        ordering=ordering,
        width=WIDTH,
        height=int(plot_bottom + AXIS_HEIGHT),
        plot_left=LABEL_WIDTH,
        plot_bottom=plot_bottom,
    )
