"""The career comparison's rows for hours, working pattern and routes in, as plain text.

They read what careers/models/at_a_glance.py gives each career; :func:`fact_prefetches` loads it
for any number of careers in two queries (the routes and the working patterns).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch

if TYPE_CHECKING:
    from careers.models import CareerPage

NOT_GIVEN = "Not given"


def fact_prefetches(career_model: type[CareerPage]) -> list[Prefetch]:
    return career_model.route_rows()


def hours_text(career: CareerPage) -> str:
    """'37–40 hours a week', or 'Not given'."""
    return career.hours_text or NOT_GIVEN


def pattern_text(career: CareerPage) -> str:
    """The working patterns, e.g. 'Office hours, Hybrid', or 'Not given'."""
    return ", ".join(str(pattern) for pattern in career.patterns_in_order()) or NOT_GIVEN


def route_texts(career: CareerPage) -> list[str]:
    """Each route in as 'University: a degree in computing', ours first."""
    texts = []
    for route in career.routes_in():
        label = route.get_kind_display()
        requirements = (route.entry_requirements or "").strip()
        texts.append(f"{label}: {requirements}" if requirements else label)
    return texts


def values(career: CareerPage) -> dict[str, Any]:
    """What the comparison shows for one career, ``NOT_GIVEN`` where the editors gave nothing."""
    return {"hours": hours_text(career), "pattern": pattern_text(career), "routes": route_texts(career)}
