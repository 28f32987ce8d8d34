"""The career comparison's rows for facts another branch is adding to careers: hours, working
pattern and routes in.

>>> WIRE AT MERGE (branch with CareerPage ``hours_min``/``hours_max``, ``working_pattern`` and the
>>> routes-in inline). Until then every career shows "Not given" in these rows. To wire them:
>>>   1. ``ROUTE_RELATION``: the routes inline's ``related_name`` (e.g. "routes"); its rows are then
>>>      prefetched with the rest (one query for any number of careers) into ``routes_in_order``.
>>>   2. Check the attribute names below against the model (``hours_min``, ``hours_max``,
>>>      ``working_pattern`` with choices, and on a route ``kind`` with choices and
>>>      ``entry_requirements``); nothing else in the comparison needs to change.
Everything reads through ``getattr`` with defaults, so this module works before and after the merge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch

if TYPE_CHECKING:
    from careers.models import CareerPage

NOT_GIVEN = "Not given"
# The routes-in inline's related_name on CareerPage; None while the model has no such relation.
ROUTE_RELATION: str | None = None


def pending_prefetches(career_model: type[CareerPage]) -> list[Prefetch]:
    """The routes in editor order as ``routes_in_order``, once ``ROUTE_RELATION`` names a relation."""
    if not ROUTE_RELATION:
        return []
    routes = career_model._meta.get_field(ROUTE_RELATION).related_model
    return [
        Prefetch(
            ROUTE_RELATION, queryset=routes.objects.order_by("sort_order", "pk"), to_attr="routes_in_order"
        )
    ]


def hours_text(career: CareerPage) -> str:
    """'37–40 hours a week', 'About 37 hours a week', or 'Not given'."""
    low, high = getattr(career, "hours_min", None), getattr(career, "hours_max", None)
    if low and high and low != high:
        return f"{low}–{high} hours a week"
    if low or high:
        return f"About {low or high} hours a week"
    return NOT_GIVEN


def pattern_text(career: CareerPage) -> str:
    """The working pattern's label (e.g. 'Office hours', 'Shifts'), or 'Not given'."""
    display = getattr(career, "get_working_pattern_display", None)
    value = display() if callable(display) else getattr(career, "working_pattern", "")
    return str(value) if value else NOT_GIVEN


def route_texts(career: CareerPage) -> list[str]:
    """Each route in as 'University: a degree in computing', from the prefetched routes."""
    texts = []
    for route in getattr(career, "routes_in_order", None) or []:
        kind = getattr(route, "get_kind_display", None)
        label = str(kind() if callable(kind) else getattr(route, "kind", "") or route)
        requirements = str(getattr(route, "entry_requirements", "") or "").strip()
        texts.append(f"{label}: {requirements}" if requirements else label)
    return texts


def values(career: CareerPage) -> dict[str, Any]:
    """What the comparison shows for one career, ``NOT_GIVEN`` where the model has nothing."""
    return {"hours": hours_text(career), "pattern": pattern_text(career), "routes": route_texts(career)}
