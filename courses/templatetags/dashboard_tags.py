"""Template tags for the staff dashboard's own templates."""

from __future__ import annotations

from typing import Any

from django import template

from courses.page_reading import page_link

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_page_url(context: dict[str, Any], page_id: int) -> str:
    """A career or course row's link: the editor for people who edit pages, else the read view."""
    return page_link(context["request"], page_id)
