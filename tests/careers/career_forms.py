"""A career page as Wagtail's page editor posts it, for tests of the admin's checks."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

INLINES = (
    "salary_figures",
    "career_skills",
    "progression_steps",
    "specialisations",
    "related_careers",
    "linked_courses",
    "routes",
    "self_check_statements",
)


def add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=("careers", "careerpage", index.pk))


def preview_url(index) -> str:
    return reverse("wagtailadmin_pages:preview_on_add", args=("careers", "careerpage", index.pk))


def career_form(**fields: Any) -> dict[str, Any]:
    """A valid new career; `fields` replace or add fields, inline rows given as lists of dicts (or
    as ``inline_formset(rows, initial=n)`` where the first n rows are saved ones, with their ids)."""
    data: dict[str, Any] = {
        "title": "Paramedic",
        "slug": "paramedic",
        "summary": "First at the scene.",
        "article_date": "2026-03-05",
        "soc_code": "",
        "body": streamfield(
            [("time_of_day", {"period": "morning", "heading": "", "body": rich_text("<p>Handover.</p>")})]
        ),
    }
    for name in INLINES:
        rows = fields.pop(name, [])
        data[name] = rows if isinstance(rows, dict) else inline_formset(rows)
    data.update(fields)
    return nested_form_data(data)
