"""The accessibility checker Wagtail runs in the page editor's Checks panel and the userbar, with
the rules this site's editors can act on: headings, alternative text and link text.

Wagtail builds both from the ``construct_wagtail_userbar`` hook, which swaps in this item.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail.admin.userbar import ContentCheckerItem

# Alt text that names a file or says only "image": the reader learns nothing from it.
UNHELPFUL_ALT_TEXT = (
    r"\.(avif|gif|jpg|jpeg|png|svg|webp)$|_|^([Ii]mage|[Pp]hoto|[Pp]icture|[Ii]mg|[Gg]raphic)( of)?\b"
)


class PortalAccessibilityItem(ContentCheckerItem):
    """Wagtail's checker, run on headings, images and links: what an editor writes in a career or
    course. Colour, contrast and landmarks come from the templates and are tested there."""

    axe_run_only = [
        # Headings: one h1 (the title), no skipped levels, none empty, no bold paragraph posing as one.
        "page-has-heading-one",
        "heading-order",
        "empty-heading",
        "p-as-heading",
        # Alternative text: every image has it, and it says something.
        "image-alt",
        "alt-text-quality",
        # Links and buttons: each says where it goes or what it does.
        "link-name",
        "button-name",
        "input-button-name",
        "empty-table-header",
        "frame-title",
        "empty-meta-description",
    ]
    axe_custom_checks = [
        {"id": "check-image-alt-text", "options": {"pattern": UNHELPFUL_ALT_TEXT}},
        *[check for check in ContentCheckerItem.axe_custom_checks if check["id"] != "check-image-alt-text"],
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "page-has-heading-one": {
            "error_name": "The page has no main heading",
            "help_text": "Give the page a title; it becomes the one level-1 heading",
        },
        "image-alt": {
            "error_name": "An image has no alternative text",
            "help_text": "Describe what the image shows, or mark it decorative",
        },
        "alt-text-quality": {
            "error_name": "An image's alternative text names a file or just says 'image'",
            "help_text": "Say what the picture shows, in a few words",
        },
        "link-name": {
            "error_name": "A link has no text",
            "help_text": "Use words that say where the link goes",
        },
    }


def use_portal_accessibility_checker(request: HttpRequest, items: list[Any], page: Any = None) -> None:
    """construct_wagtail_userbar hook: this site's rules in place of Wagtail's defaults."""
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, PortalAccessibilityItem):
            items[position] = PortalAccessibilityItem(in_editor=item.in_editor)
