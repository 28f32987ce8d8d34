"""The comparison table's cells, written in Python: a comparison of 16 courses has about a thousand,
and rendering each through the template cost more than building the whole comparison."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from courses.comparison import Cell

register = template.Library()


@register.filter
def cells_html(cells: Iterable[Cell]) -> SafeString:
    """{{ row.cells|cells_html }}: one <td> a course, its text escaped, a tick row's mark as its class."""
    html = "".join(
        f'<td class="{conditional_escape(cell.mark)}">{conditional_escape(cell.text)}</td>'
        if cell.mark
        else f"<td>{conditional_escape(cell.text)}</td>"
        for cell in cells
    )
    return mark_safe(html)  # noqa: S308 - every value in it is escaped above
