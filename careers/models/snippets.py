"""The snippets careers are filed under and sourced from: sectors, skills and salary sources."""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel

from portal.models import ModeratedSnippet, NamedSnippet


class Sector(NamedSnippet):
    """A broad area of work (data, software, security ...) that editors file careers under."""

    name = models.CharField(max_length=80, unique=True, help_text="e.g. Data and AI. Shown on career pages.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in filter links.")
    description = models.TextField(blank=True, help_text="Optional. A sentence about the sector.")


class Skill(NamedSnippet):
    """A skill employers ask for; careers need it, courses teach it."""

    name = models.CharField(
        max_length=120, unique=True, help_text="e.g. Python. Shown on careers and courses."
    )
    description = models.TextField(blank=True, help_text="Optional. What the skill covers.")


class SalarySource(ModeratedSnippet):
    """Where salary figures come from (ONS ASHE, an employer survey ...), so readers can check."""

    name = models.CharField(max_length=120, unique=True, help_text="e.g. ONS ASHE 2025")
    url = models.URLField(blank=True, help_text="Where readers can see the figures.")
    is_illustrative = models.BooleanField(
        default=False,
        help_text="Tick for made-up demonstration figures; pages then say so.",
    )
    notes = models.TextField(blank=True, help_text="Method, sample size, caveats.")

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("is_illustrative"), FieldPanel("notes")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
