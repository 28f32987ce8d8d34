"""The comparison's repetitive markup, written in Python: a comparison of 16 courses has about a
thousand cells, sixteen column headings with their pin and remove buttons, and sixteen rows of bars,
and rendering each through template tags cost several times more than building the comparison.

Each writer makes exactly the markup its template wrote (inside ``{% spaceless %}``, so without
whitespace between tags), every value escaped as the template would have.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from courses.comparison import Cell, Comparison
from courses.comparison_summary import Summary

register = template.Library()

# A tick row's cells are one of two: written once, not escaped a thousand times. The row is marked
# (class="ticks") and only "yes" cells carry a class: most cells of a wide comparison are "No".
_MARKED = {
    ("yes", "Yes"): '<td class="yes">Yes</td>',
    ("no", "No"): "<td>No</td>",
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


@register.simple_tag
def course_headings_html(columns: Sequence[dict[str, Any]]) -> SafeString:
    """{% course_headings_html columns %}: a column heading a course, with its Pin and Remove buttons.

    ``columns`` are compare_state.column_headings's: ``column``, ``pinned``, ``can_pin``. The
    buttons belong to the form #compare-columns, which carries the comparison's address once
    (compare_state.py); each is named by its own text and the course's (aria-labelledby), so
    "Remove" says which.
    """
    parts = []
    for n, item in enumerate(columns, start=1):
        column = item["column"]
        pinned = item["pinned"]
        slug = escape(column.slug)
        parts.append(
            f'<th scope="col" class="compare-table__course{" is-pinned" if pinned else ""}">'
            f'<a href="{escape(column.url)}?from=compare" id="course-{n}">{escape(column.title)}</a>'
            f"{_BADGE if pinned else ''}"
            '<span class="compare-table__actions no-print">'
        )
        if item["can_pin"]:
            action, word = ("unpin", "Unpin") if pinned else ("pin", "Pin")
            parts.append(
                f'<button form="compare-columns" name="{action}" value="{slug}" id="pin-{n}" '
                f'aria-labelledby="pin-{n} course-{n}">{word}</button>'
            )
        parts.append(
            f'<button form="compare-columns" name="remove" value="{slug}" id="remove-{n}" '
            f'aria-labelledby="remove-{n} course-{n}" data-shortlist-remove="{slug}">Remove</button>'
        )
        parts.append("</span></th>")
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
            ticks = ' class="ticks"' if row.cells and row.cells[0].mark else ""
            if row.differs:
                parts.append(f"<tr{ticks}>")
            else:
                parts.append(
                    f"<tr{ticks} data-identical hidden>"
                    if only_differences
                    else f"<tr{ticks} data-identical>"
                )
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
        for bar in row.bars:
            parts.append("<td>")
            if bar.width is not None:
                parts.append(f'<span class="bar {bar.length_class}"></span>')
            parts.append(f"{escape(bar.text)}</td>")
        parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every value in it is escaped above
