"""The drawing that stands for a sector on cards and on pages without a photo.

Each sector the demo ships has a hand-drawn SVG in ``static/img/sectors/<slug>.svg``: a
motif that says what the work is about (charts for data and AI, a code window for software,
a shield for security, a layout grid for design, servers under a cloud for infrastructure).
A sector editors add later, or a course that leads to no career, gets ``default.svg``: a
path up to a flag. Adding a drawing is adding its file and its slug to :data:`DRAWN_SECTORS`
(tests/portal/test_visual_identity.py checks the two agree).

The drawings are decorative wherever they appear: the text beside them always names the
sector, so templates give them ``alt=""``.
"""

from __future__ import annotations

from django.templatetags.static import static

FOLDER = "img/sectors"
DEFAULT = "default"
DRAWN_SECTORS = frozenset(
    {"data-and-ai", "software-development", "cyber-security", "design", "cloud-and-infrastructure"}
)


def illustration_path(sector_slug: str | None) -> str:
    """The static path of a sector's drawing, or of the default one."""
    name = sector_slug if sector_slug in DRAWN_SECTORS else DEFAULT
    return f"{FOLDER}/{name}.svg"


def illustration_url(sector_slug: str | None) -> str:
    """The drawing's URL as static files are served (hashed names in production)."""
    return static(illustration_path(sector_slug))
