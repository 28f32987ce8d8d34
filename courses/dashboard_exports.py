"""The Salaries and Content health downloads (CSV and XLSX), written by Wagtail's spreadsheet export
like the course report's: money as whole-pound numbers, dates as dates, editor-written text guarded
against formula injection in CSV (Wagtail's XLSX writer stores formulas as text)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from careers.models import SalaryFigure
from careers.models.salary import reliable_q
from courses import content_health
from courses.content_health_careers import (
    broken_course_links,
    careers_missing_parts,
    questionable_salary_sources,
)
from courses.course_text import csv_safe

SALARY_COLUMNS = {
    "career.title": "Career",
    "region": "Region",
    "minimum": "Minimum (GBP)",
    "typical": "Typical (GBP)",
    "get_typical_kind_display": "Typical is",
    "maximum": "Maximum (GBP)",
    "percentile_25": "25th percentile (GBP)",
    "percentile_75": "75th percentile (GBP)",
    "source.name": "Source",
    "gathered_on": "Gathered on",
    "get_origin_display": "Origin",
    "year": "Survey year",
}
HEALTH_COLUMNS = {
    "check": "Check",
    "item": "Career, course, page or source",
    "detail": "What to fix",
    "status": "Status",
}


class RowsExport(SpreadsheetExportMixin):
    """Wagtail's CSV and XLSX writers for rows that are not a list view's queryset."""

    def __init__(self, filename: str, columns: dict[str, str]) -> None:
        self.list_export = list(columns)
        self.export_headings = columns
        self.export_filename = f"{filename}-{timezone.localdate().isoformat()}"

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return csv_safe(value)
        return value


def salary_rows() -> QuerySet[SalaryFigure]:
    """Every salary figure that may be shown, career by career (the chart's figures and every region)."""
    return (
        SalaryFigure.objects.filter(reliable_q())
        .select_related("career", "source")
        .order_by("career__title", "career_id", "sort_order", "pk")
    )


def salaries_download(export_format: str) -> HttpResponse:
    return RowsExport("salaries", SALARY_COLUMNS).as_spreadsheet(salary_rows(), export_format)


def _row(check: str, item: str, detail: str = "", live: bool | None = None) -> SimpleNamespace:
    status = "" if live is None else ("Live" if live else "Draft")
    return SimpleNamespace(check=check, item=item, detail=detail, status=status)


def health_rows(months: int) -> list[SimpleNamespace]:
    """Every problem content health lists, one row each, in the page's order."""
    rows = [
        _row(
            f"Salary figures older than {months} months",
            figure.career.title,
            f"{figure.region}: {figure.source.name}, gathered {figure.gathered_on:%d/%m/%Y}",
            figure.career.live,
        )
        for figure in content_health.stale_salary_figures(months)
    ]
    rows += [
        _row(
            "Official salary figures from an older survey year",
            figure.career.title,
            f"{figure.region}: {figure.year}, newest imported {figure.newest_year}",
            figure.career.live,
        )
        for figure in content_health.older_official_figures()
    ]
    rows += [
        _row(
            "Salary sources that are illustrative or give no link",
            source.name,
            "Illustrative figures" if source.is_illustrative else "No link for readers to check",
        )
        for source in questionable_salary_sources()
    ]
    rows += [
        _row("Careers missing a part", row.title, "; ".join(row.problems), row.live)
        for row in careers_missing_parts()
    ]
    rows += [
        _row("Careers with broken course links", row.title, "; ".join(row.problems), row.live)
        for row in broken_course_links()
    ]
    rows += [
        _row("Careers with no course", career.title, "", career.live)
        for career in content_health.careers_without_course()
    ]
    rows += [
        _row(
            "Courses with no career",
            course.title,
            course.provider.name if course.provider else "",
            course.live,
        )
        for course in content_health.courses_without_career()
    ]
    rows += [
        _row("Skills careers need that no course teaches", skill.name)
        for skill in content_health.untaught_skills()
    ]
    rows += [
        _row(
            f"Pages not revised for {months} months",
            page.title,
            f"Last changed {page.last_change:%d/%m/%Y}",
            page.live,
        )
        for page in content_health.unrevised_pages(months)
    ]
    return rows


def content_health_download(months: int, export_format: str) -> HttpResponse:
    return RowsExport("content-health", HEALTH_COLUMNS).as_spreadsheet(health_rows(months), export_format)
