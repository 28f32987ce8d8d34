"""The comparison's repetitive markup, written in Python: a comparison of 16 courses has about a
thousand cells, sixteen column headings with their pin and remove links, and sixteen rows of bars,
and rendering each through template tags cost several times more than building the comparison.

Each writer makes exactly the markup its template wrote (inside ``{% spaceless %}``, so without
whitespace between tags), every value escaped as the template would have.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from courses.comparison import Cell, Comparison
from courses.comparison_summary import Summary

register = template.Library()

# A tick row's cells are one of two: written once, not escaped a thousand times.
_MARKED = {
    ("yes", "Yes"): '<td class="yes">Yes</td>',
    ("no", "No"): '<td class="no">No</td>',
}


_BADGE = '<span class="pin-badge">Pinned</span>'
_PINNED_ROW = ' class="is-pinned"'


def _cell_html(cell: Cell) -> str:
    if cell.mark:
        known = _MARKED.get((cell.mark, cell.text))
        if known is not None:
            return known
        return f'<td class="{conditional_escape(cell.mark)}">{conditional_escape(cell.text)}</td>'
    return f"<td>{conditional_escape(cell.text)}</td>"


@register.filter
def cells_html(cells: Iterable[Cell]) -> SafeString:
    """{{ row.cells|cells_html }}: one <td> a course, its text escaped, a tick row's mark as its class."""
    return mark_safe("".join(_cell_html(cell) for cell in cells))  # noqa: S308 - escaped in _cell_html


@register.simple_tag
def course_headings_html(columns: Sequence[dict[str, Any]]) -> SafeString:
    """{% course_headings_html columns %}: a column heading a course, with its pin and remove links.

    ``columns`` are compare_page's: ``column``, ``pinned``, ``can_pin``, ``pin_url``, ``remove_url``.
    The links are named by their own text and the course's (aria-labelledby), so "Remove" says which.
    """
    parts = []
    for n, item in enumerate(columns, start=1):
        column = item["column"]
        pinned = item["pinned"]
        parts.append(
            f'<th scope="col" class="compare-table__course{" is-pinned" if pinned else ""}">'
            f'<a href="{escape(column.url)}?from=compare" id="course-{n}">{escape(column.title)}</a>'
            f"{_BADGE if pinned else ''}"
            '<span class="compare-table__actions no-print">'
        )
        if item["can_pin"]:
            parts.append(
                f'<a href="{escape(item["pin_url"])}" id="pin-{n}" aria-labelledby="pin-{n} course-{n}" '
                f"data-compare-link>{'Unpin' if pinned else 'Pin'}</a>"
            )
        parts.append(
            f'<a href="{escape(item["remove_url"])}" id="remove-{n}" aria-labelledby="remove-{n} course-{n}" '
            f'data-compare-link data-shortlist-remove="{escape(column.slug)}">Remove</a></span></th>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value in it is escaped above


@register.simple_tag
def row_groups_html(comparison: Comparison, only_differences: bool) -> SafeString:
    """{% row_groups_html comparison only_differences %}: a <tbody> a group, every row of it.

    Identical rows are marked (data-identical) for the "only differences" switch, and hidden
    when it is on, as is a group with no differences; the script shows them again.
    """
    colspan = len(comparison.columns) + 1
    parts = []
    for group in comparison.groups:
        hidden = " hidden" if only_differences and not group.has_differences else ""
        key = escape(group.key)
        parts.append(
            f'<tbody data-group="{key}"{hidden}><tr class="compare-group__heading">'
            f'<th scope="rowgroup" colspan="{colspan}" id="group-{key}">'
            f"<span>{escape(group.label)}</span></th></tr>"
        )
        # A feature's description is in the key below the table, not repeated in every row heading.
        details = group.key != "features"
        for row in group.rows:
            if row.differs:
                parts.append("<tr>")
            else:
                parts.append("<tr data-identical hidden>" if only_differences else "<tr data-identical>")
            label = escape(row.label)
            parts.append(
                f'<th scope="row"><a href="{escape(row.url)}">{label}</a>'
                if row.url
                else f'<th scope="row">{label}'
            )
            if row.detail and details:
                parts.append(f'<span class="compare-table__detail">{escape(row.detail)}</span>')
            parts.append("</th>")
            parts.extend(_cell_html(cell) for cell in row.cells)
            parts.append("</tr>")
        parts.append("</tbody>")
    return mark_safe("".join(parts))  # noqa: S308 - every value in it is escaped above


@register.simple_tag
def summary_rows_html(summary: Summary) -> SafeString:
    """{% summary_rows_html summary %}: a row of bars a course, each figure as text beside its bar."""
    parts = []
    for row in summary.rows:
        pinned = row.pinned
        parts.append(
            f'<tr{_PINNED_ROW if pinned else ""}><th scope="row">{escape(row.column.title)}'
            f"{' ' + _BADGE if pinned else ''}</th>"
        )
        for n, bar in enumerate(row.bars, start=1):
            parts.append("<td>")
            if bar.width is not None:
                parts.append(
                    f'<svg class="bar bar--{n}" viewBox="0 0 100 1" preserveAspectRatio="none" '
                    'aria-hidden="true">'
                    f'<rect width="{escape(bar.svg_width)}" height="1"/></svg>'
                )
            parts.append(f"{escape(bar.text)}</td>")
        parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every value in it is escaped above
