"""The image renditions the templates use, generated ahead of the first request.

RENDITION_SPECS is the one list to keep up to date: each entry is written exactly as in the
template tag, e.g. ``{% image page.hero_image fill-720x480 format-webp %}`` is
"fill-720x480 format-webp", and ``{% srcset_image img width-{400,800} %}`` is "width-{400,800}".
`manage.py warm_renditions` renders every image in the library with every spec (after
seed_demo, so the first visitor never waits for Pillow), and `warm_renditions --check`
(also a test) fails if a template uses a spec missing here.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from wagtail.images.models import Filter

RENDITION_SPECS: list[str] = [
    # Heroes at two widths for small and large screens, cropped towards the focal point an
    # editor sets on the photo (-c50: halfway from the widest crop to the tightest around it).
    "fill-{360x240,720x480}-c50 format-webp",  # home page hero
    "fill-{480x270,960x540}-c50 format-webp",  # career page hero
]

_IMAGE_TAG = re.compile(r"{%\s*(image|srcset_image|picture)\s+(.+?)\s*%}")
_TAG_BITS = re.compile(r"""[^\s=]+=(?:"[^"]*"|'[^']*'|\S*)|\S+""")
_IMAGE_URL_TAG = re.compile(r"{%\s*image_url\s+\S+\s+[\"']([^\"']+)[\"']")


def filter_specs(spec: str) -> list[str]:
    """Wagtail's rendition filter specs for one template-style entry: "a b" -> ["a|b"], braces expanded."""
    return Filter.expand_spec("|".join(spec.split()))


def all_filter_specs() -> list[str]:
    return list(dict.fromkeys(spec for entry in RENDITION_SPECS for spec in filter_specs(entry)))


def _specs_in_tag(arguments: str) -> str:
    # An attribute's quoted value may hold spaces (sizes="(min-width: 45rem) 50vw, 100vw").
    bits = _TAG_BITS.findall(arguments)[1:]  # the first bit is the image expression
    specs = []
    for bit in bits:
        if bit == "as":
            break
        if "=" not in bit:
            specs.append(bit)
    return " ".join(specs)


def template_specs() -> dict[str, set[str]]:
    """Every rendition spec written in a template under the project's template folders."""
    found: dict[str, set[str]] = {}
    folders = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    for app in ("portal", "careers", "courses"):
        folders.append(Path(settings.BASE_DIR) / app / "templates")
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            entries = [_specs_in_tag(m.group(2)) for m in _IMAGE_TAG.finditer(text)]
            entries += [m.group(1).replace("|", " ") for m in _IMAGE_URL_TAG.finditer(text)]
            for entry in entries:
                if entry:
                    found.setdefault(entry, set()).add(str(path.relative_to(settings.BASE_DIR)))
    return found


def missing_from_list() -> dict[str, set[str]]:
    """Specs the templates use that RENDITION_SPECS does not cover, with the templates using them."""
    known = set(all_filter_specs())
    return {
        entry: paths for entry, paths in template_specs().items() if not set(filter_specs(entry)) <= known
    }
