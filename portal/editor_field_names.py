"""The page and snippet editors' script that names the fields Wagtail's StreamField leaves
unnamed (static/js/editor-field-names.js), registered by portal/wagtail_hooks.py."""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString


def editor_field_names_js() -> SafeString:
    return format_html('<script src="{}" defer></script>', static("js/editor-field-names.js"))
