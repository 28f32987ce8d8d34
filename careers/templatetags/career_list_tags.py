"""The careers list's A–Z links and filter menus, written in Python: 26 letters and three menus
through the template language cost more than the rest of the list once its cards are kept."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import Form
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from portal.templatetags.portal_tags import select_options

register = template.Library()

# The fields the list's form shows as menus, in the form's order; the search box and the letter
# (a hidden input, set by the A–Z links) are written by the template.
MENUS = ("sector", "skill", "salary_min")


@register.filter
def filter_menus(form: Form) -> SafeString:
    """{{ form|filter_menus }}: a labelled <select> for each filter menu, its options as
    ``select_options`` writes them."""
    html = []
    for name in MENUS:
        field = form[name]
        label_for = conditional_escape(field.id_for_label)
        html.append(
            '\n      <div class="field">\n'
            f'        <label for="{label_for}">{conditional_escape(field.label)}</label>\n'
            f'        <select name="{conditional_escape(field.html_name)}" id="{label_for}">\n'
            f"          {select_options(field)}\n"
            "        </select>\n"
            "      </div>\n      "
        )
    return mark_safe("".join(html))  # noqa: S308 - every value in it is escaped above


@register.filter
def a_to_z(letters: list[dict[str, Any]]) -> SafeString:
    """{{ listing.letters|a_to_z }}: a list item a letter, a link when careers start with it."""
    html = []
    for item in letters:
        letter = conditional_escape(item["letter"])
        if item["url"]:
            current = ' aria-current="true"' if item["current"] else ""
            inner = (
                f'<a href="{conditional_escape(item["url"])}"{current}>'
                f'<span class="visually-hidden">Careers starting with </span>{letter}</a>'
            )
        else:
            inner = (
                f'<span class="a-to-z__empty" title="No careers start with {letter}">'
                f'<span class="visually-hidden">No careers start with </span>{letter}</span>'
            )
        html.append(f"\n      <li>{inner}</li>\n      ")
    return mark_safe("".join(html))  # noqa: S308 - every value in it is escaped above
