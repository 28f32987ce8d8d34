"""Reading the career comparison's query string: which 2–4 careers, and what went wrong.

``/careers/compare/?careers=a&careers=b`` (as the careers list's form sends it) and
``?careers=a,b`` (as people type or trim links) name the same careers. Every rule a hostile or
mistyped URL meets lives here: entries that cannot be slugs are never looked up, duplicates count
once, at most :data:`MAX_CAREERS` are kept, and each problem becomes a plain notice. A draft or
private career is refused with the same words as one that does not exist, so the notice never
tells a stranger that an unpublished page is there.

The columns are always in one order, A–Z by address (slug): ``a,b`` and ``b,a`` are the same
comparison, so the page cache keeps only the canonical spelling (:attr:`CareerSelection.is_canonical`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

# The comparison's route below the careers list (CareerIndexPage), which career pages link to.
COMPARE_ROUTE = "compare/"
MIN_CAREERS = 2
MAX_CAREERS = 4
# Enough for a shortlist with mistakes, small enough that a hostile URL costs nothing.
MAX_ENTRIES_READ = 32
MAX_SLUG_LENGTH = 255
PARAMETER = "careers"

# Wagtail allows Unicode slugs; anything else cannot name a page and never reaches the database.
_SLUG_RE = re.compile(r"^[-\w]+\Z")


def shorten(text: str, limit: int = 60) -> str:
    """Reader-supplied text cut to a length a notice can quote."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_career_slugs(raw_values: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """``(slugs, invalid, duplicates)`` from repeated and/or comma-separated ``careers=`` values.

    ``slugs`` keeps the order given, each once; ``invalid`` holds entries that cannot be a slug.
    """
    entries: list[str] = []
    for raw in raw_values:
        entries.extend(part.strip() for part in str(raw).split(","))
    entries = [entry for entry in entries if entry][:MAX_ENTRIES_READ]
    slugs: list[str] = []
    invalid: list[str] = []
    duplicates: list[str] = []
    for entry in entries:
        if len(entry) > MAX_SLUG_LENGTH or not _SLUG_RE.match(entry):
            if entry not in invalid:
                invalid.append(entry)
        elif entry in slugs:
            if entry not in duplicates:
                duplicates.append(entry)
        else:
            slugs.append(entry)
    return slugs, invalid, duplicates


@dataclass
class CareerSelection:
    """The careers a query string asked for, in canonical order, and what went wrong on the way."""

    careers: list[Any]  # each with a slug and a title (careers/career_comparison.py's columns)
    raw_values: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    dropped: list[Any] = field(default_factory=list)

    @property
    def slugs(self) -> list[str]:
        return [career.slug for career in self.careers]

    @property
    def is_enough(self) -> bool:
        return len(self.careers) >= MIN_CAREERS

    @property
    def is_canonical(self) -> bool:
        """Written as the site writes it: one ``careers=`` per career, known, once, A–Z, none left out."""
        return not self.notices and self.raw_values == self.slugs

    @property
    def notices(self) -> list[str]:
        """Plain-text messages for the reader, one per problem."""
        messages = []
        if self.unknown:
            names = ", ".join(f"“{shorten(name)}”" for name in self.unknown)
            noun = "a career called" if len(self.unknown) == 1 else "careers called"
            pronoun = "it is" if len(self.unknown) == 1 else "they are"
            messages.append(f"We could not find {noun} {names}, so {pronoun} left out.")
        if self.duplicates:
            names = ", ".join(f"“{shorten(name)}”" for name in self.duplicates)
            messages.append(f"{names} was asked for more than once; it is compared once.")
        if self.dropped:
            names = ", ".join(career.title for career in self.dropped)
            messages.append(
                f"You can compare up to {MAX_CAREERS} careers at a time, so we show the first "
                f"{MAX_CAREERS}. Left out: {names}."
            )
        return messages


def select_careers(raw_values: Sequence[str], find: Callable[[list[str]], dict[str, Any]]) -> CareerSelection:
    """Apply the query-string rules: ``find`` is given the slugs worth looking up, all at once, and
    answers the public careers among them (anything with a ``slug`` and a ``title``) by slug."""
    slugs, invalid, duplicates = parse_career_slugs(raw_values)
    found = find(slugs) if slugs else {}
    ordered = [found[slug] for slug in slugs if slug in found]
    kept = sorted(ordered[:MAX_CAREERS], key=lambda career: career.slug)
    return CareerSelection(
        careers=kept,
        raw_values=[str(value) for value in raw_values],
        unknown=invalid + [slug for slug in slugs if slug not in found],
        duplicates=duplicates,
        dropped=ordered[MAX_CAREERS:],
    )
