"""The career comparison's cells, written in Python: rendering each of its ~50 cells through
template includes cost more than everything else on the page put together.

Every value is escaped here with ``conditional_escape`` (rich text arrives already rendered, as
Wagtail's ``|richtext`` renders it), so the strings these functions return are safe to mark so.
The markup is what the templates wrote: the same elements, classes and accessible names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils.html import conditional_escape as esc

from portal.money import gbp

if TYPE_CHECKING:
    from careers.career_comparison import Item
    from careers.salary_scale import SalaryRow

# The mark before a skill shared by every career, or by some: the note says it in words.
SHARED_MARKS = {"all": "●", "some": "◐"}


def td(inner: str, missing: bool = False) -> str:
    """A cell around ``inner`` (already escaped); a missing one is styled as muted."""
    if missing:
        return f'<td class="career-compare-table__missing">{inner}</td>'
    return f"<td>{inner}</td>"


def missing_cell(text: str) -> str:
    return td(esc(text), missing=True)


def text_cell(text: str) -> str:
    return td(esc(text))


def list_cell(items: Iterable[Item]) -> str:
    """Skills, routes, the top of a ladder or courses: a list, each entry linked where it has a
    URL, with its note (and, for a shared skill, a mark the note repeats in words)."""
    entries = []
    for item in items:
        text = esc(item.text)
        if item.url:
            text = f'<a href="{esc(item.url)}">{text}</a>'
        note = ""
        if item.note:
            mark = f'<span aria-hidden="true">{SHARED_MARKS[item.shared]} </span>' if item.shared else ""
            note = f' <span class="career-compare-list__note">{mark}{esc(item.note)}</span>'
        if item.shared:
            shared = f"career-compare-list__shared career-compare-list__shared--{esc(item.shared)}"
            entries.append(f'<li class="{shared}">{text}{note}</li>')
        else:
            entries.append(f"<li>{text}{note}</li>")
    return td(f'<ul class="career-compare-list">{"".join(entries)}</ul>')


SVG_OPEN = '<svg viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" focusable="false">'


def _svg(rects: str) -> str:
    return f"{SVG_OPEN}{rects}</svg>"


def salary_cell(bar: SalaryRow) -> str:
    """The headline band on the comparison's one scale, with its spread as a box plot where the
    source gives it; the figures are in words too, for those who cannot see the bars."""
    pay: Any = bar.figure
    low, high, typical = gbp(pay.minimum), gbp(pay.maximum), gbp(pay.typical)
    parts = [
        f'<p class="career-compare-salary__range">{low}–{high}</p>',
        f'<p class="career-compare-salary__typical">{esc(pay.typical_label)} {typical}</p>',
        '<figure class="career-compare-salary__bar">',
        _svg(
            '<rect class="career-compare-salary__track" x="0" y="4" width="100" height="4" rx="1"></rect>'
            f'<rect class="career-compare-salary__band" x="{bar.start:.2f}" y="3" width="{bar.width:.2f}"'
            ' height="6" rx="1"></rect>'
            f'<rect class="career-compare-salary__marker" x="{bar.marker:.2f}" y="0" width="0.8"'
            ' height="12"></rect>'
        ),
        f'<figcaption class="visually-hidden">From {low} to {high}, {esc(pay.kind)} {typical}.</figcaption>',
        "</figure>",
    ]
    spread = bar.spread
    if spread:
        p10, p25, p75, p90 = (gbp(amount) for amount in pay.percentiles)
        # A box plot on the same scale: whiskers from the 10th to the 90th percentile, the box the
        # middle half.
        parts += [
            '<figure class="career-compare-salary__spread">',
            _svg(
                f'<rect class="career-compare-salary__whisker" x="{spread.p10:.2f}" y="5.5"'
                f' width="{spread.whisker_width:.2f}" height="1"></rect>'
                f'<rect class="career-compare-salary__box" x="{spread.p25:.2f}" y="2"'
                f' width="{spread.box_width:.2f}" height="8"></rect>'
                f'<rect class="career-compare-salary__median" x="{spread.median:.2f}" y="1"'
                ' width="0.8" height="10"></rect>'
            ),
            f'<figcaption class="career-compare-salary__spread-text">Spread of pay: 10th percentile {p10},'
            f" 25th {p25}, median {typical}, 75th {p75}, 90th {p90}.</figcaption>",
            "</figure>",
        ]
    parts.append(f'<p class="career-compare-salary__source">{esc(pay.source)}, {esc(pay.gathered)}</p>')
    return td("".join(parts))


def day_cell(label: str, heading: str, bodies: Iterable[Any], tasks: Iterable[str]) -> str:
    """A section of one career's typical day: its heading where the editor wrote one of its own,
    its rich text (``bodies``, each a RichText) and its list of tasks."""
    parts = []
    if heading and heading != label:
        parts.append(f'<p class="career-compare-day__heading">{esc(heading)}</p>')
    parts += [f'<div class="career-compare-day__body">{esc(body)}</div>' for body in bodies]
    tasks = list(tasks)
    if tasks:
        entries = "".join(f"<li>{esc(task)}</li>" for task in tasks)
        parts.append(f'<ul class="career-compare-day__tasks">{entries}</ul>')
    return td("".join(parts))


def quote_cell(quote: str, who: str) -> str:
    footer = f"<footer>{esc(who)}</footer>" if who else ""
    return td(f'<blockquote class="career-compare-day__quote"><p>{esc(quote)}</p>{footer}</blockquote>')
