"""The dashboard's Audience view at /admin/comparison/audience/, and its CSV and XLSX exports.

Same permission as the rest of the dashboard (courses.dashboard.DashboardViewMixin). The figures
come from courses/audience.py; each table can be downloaded on its own with
``?table=<name>&export=csv|xlsx`` (plus the period), written by Wagtail's spreadsheet export so
the files match the course report's. Text cells (titles, comments) are guarded against formula
injection: CSV cells get a leading quote, and Wagtail's XLSX writer stores formulas as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from courses.audience import PERIOD_CHOICES, Audience, Period, build_audience, parse_period
from courses.course_text import csv_safe
from courses.dashboard import DashboardTemplateView


@dataclass(frozen=True)
class Table:
    """One table of the view as a download: the Audience attribute holding its rows, and its columns."""

    rows: str
    label: str
    columns: tuple[tuple[str, str], ...]


TABLES = {
    "careers": Table(
        "careers",
        "Views and answers per career",
        (
            ("title", "Career"),
            ("views", "Views"),
            ("yes", "Helpful: yes"),
            ("no", "Helpful: no"),
            ("comments", "Comments"),
        ),
    ),
    "courses": Table(
        "courses",
        "Funnel per course",
        (
            ("title", "Course"),
            ("career_views", "Views of its careers"),
            ("views", "Course views"),
            ("enquiries", "Enquiries"),
            ("views_per_career_view", "Course views per career view"),
            ("enquiries_per_view", "Enquiries per course view"),
        ),
    ),
    "pairs": Table(
        "pairs",
        "Courses compared together",
        (("first", "Course"), ("second", "Compared with"), ("count", "Comparisons")),
    ),
    "comments": Table(
        "comments",
        "Comments",
        (("day", "Day"), ("career", "Career"), ("answer", "Helpful"), ("text", "Comment")),
    ),
    "enquiry_sources": Table(
        "enquiry_sources",
        "Careers that led to enquiries",
        (("course", "Course"), ("career", "Career read first"), ("enquiries", "Enquiries")),
    ),
    "days": Table(
        "days",
        "Day by day",
        (
            ("day", "Day"),
            ("career_views", "Career views"),
            ("course_views", "Course views"),
            ("comparisons", "Comparisons started"),
            ("yes", "Helpful: yes"),
            ("no", "Helpful: no"),
        ),
    ),
}


class TableExport(SpreadsheetExportMixin):
    """Wagtail's CSV and XLSX writers for one table of plain rows (not a queryset)."""

    def __init__(self, name: str, table: Table, period: Period) -> None:
        self.list_export = [column for column, _ in table.columns]
        self.export_headings = dict(table.columns)
        self.export_filename = f"audience-{name.replace('_', '-')}-{period.start}-to-{period.end}"

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)
        # Titles are editor-written and comments reader-written: neither may run in a spreadsheet.
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return csv_safe(value)
        return value


class AudienceView(DashboardTemplateView):
    """Who read which careers and courses, what they compared, what helped, and where it led."""

    template_name = "courses/admin/audience.html"
    page_title = "Audience"
    header_icon = "view"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        export = request.GET.get("export")
        table = request.GET.get("table", "")
        self.export_problem = ""
        if export is not None:
            if export in SpreadsheetExportMixin.FORMATS and table in TABLES:
                period, _form, _problems = parse_period(request.GET)
                rows = getattr(build_audience(period), TABLES[table].rows)
                return TableExport(table, TABLES[table], period).as_spreadsheet(rows, export)
            self.export_problem = "That download does not exist: use the CSV or XLSX link under a table."
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        period, form, problems = parse_period(self.request.GET)
        audience: Audience = build_audience(period)
        if self.export_problem:
            problems = [self.export_problem, *problems]
        query = self.request.GET.copy()
        query.pop("export", None)
        query.pop("table", None)
        downloads = {
            name: {fmt: f"?{_with(query, table=name, export=fmt)}" for fmt in SpreadsheetExportMixin.FORMATS}
            for name in TABLES
        }
        context.update(
            audience=audience,
            period=period,
            period_choices=PERIOD_CHOICES,
            # The date inputs always show the period shown; a preset is marked when it is one.
            start_value=period.start.isoformat(),
            end_value=period.end.isoformat(),
            chosen_days=None if form.is_valid() and form.cleaned_data.get("start") else period.days,
            totals={
                "career_views": audience.total("careers", "views"),
                "course_views": audience.total("courses", "views"),
                "yes": audience.total("careers", "yes"),
                "no": audience.total("careers", "no"),
                "enquiries": audience.total("courses", "enquiries"),
            },
            problems=problems,
            downloads=downloads,
            tables=TABLES,
            careers_shown=audience.careers[:ROWS_SHOWN],
            courses_shown=audience.courses[:ROWS_SHOWN],
            rows_shown=ROWS_SHOWN,
            comments_shown=audience.comments[:COMMENTS_SHOWN],
            pairs_shown=audience.pairs[:PAIRS_SHOWN],
        )
        return context


# The page shows the most viewed careers and courses, the most recent comments and most compared
# pairs, so it costs the same for any catalogue; the downloads have every row.
ROWS_SHOWN = 25
COMMENTS_SHOWN = 100
PAIRS_SHOWN = 20


def _with(query: Any, **values: str) -> str:
    query = query.copy()
    for name, value in values.items():
        query[name] = value
    return query.urlencode()
