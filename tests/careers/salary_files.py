"""Salary CSV files and the import's admin form, as the import tests build and send them."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Revision

from careers.models import CareerPage, SalaryFigure

HEADER = "career,region,minimum,typical,typical kind,maximum,source,date\n"
URL = "/admin/salary-import/"
GOOD_LINES = (
    "ai-specialist,UK,30000,47000,median,78000,ONS ASHE 2025,2026-01-15",
    "ai-specialist,Wales,25000,38000,average,60000,ONS ASHE 2025,15/01/2026",
    "data-engineer,UK,32000,52000,average,85000,Employer survey 2023,2025-12-01",
)
# What must never reach an importer's screen: database text or a traceback.
SQL_WORDS = ("SELECT", "INSERT", "UPDATE ", "syntax", "NUL (0x00)", "Traceback")


def snapshot() -> tuple[list[tuple], int, list[tuple]]:
    """Everything an import may touch: live figures, revisions, and pages' draft state."""
    figures = list(
        SalaryFigure.objects.order_by("pk").values_list(
            "career_id", "region", "minimum", "typical", "typical_kind", "maximum", "source_id", "gathered_on"
        )
    )
    pages = list(
        CareerPage.objects.order_by("pk").values_list("pk", "latest_revision_id", "has_unpublished_changes")
    )
    return figures, Revision.objects.count(), pages


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    return (header + "".join(line + "\n" for line in lines)).encode()


def upload(client, data: bytes, dry_run: bool = True):
    payload = {"file": SimpleUploadedFile("salaries.csv", data, content_type="text/csv")}
    if dry_run:
        payload["dry_run"] = "on"
    return client.post(URL, payload)


def problems_of(plan) -> list[tuple[int | None, str | None, str]]:
    return [(problem.line, problem.column, problem.message) for problem in plan.problems]
