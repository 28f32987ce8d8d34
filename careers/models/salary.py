"""Salary figures on career pages, and the record of each salary CSV import that wrote them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from careers.models.snippets import SalarySource
from portal.money import gbp


def implausible_salary_message(pounds: int) -> str | None:
    """Why an annual salary is not believable (outside SALARY_PLAUSIBLE_RANGE), or None if it is."""
    low, high = settings.SALARY_PLAUSIBLE_RANGE
    if low <= pounds <= high:
        return None
    return (
        f"£{pounds:,} is not a plausible annual salary: give a figure between £{low:,} and £{high:,} "
        "a year, in whole pounds."
    )


class SalaryFigure(Orderable):
    """One sourced salary band for a career in a region."""

    class TypicalKind(models.TextChoices):
        MEDIAN = "median", "median"
        AVERAGE = "average", "average"

    career = ParentalKey("careers.CareerPage", on_delete=models.CASCADE, related_name="salary_figures")
    region = models.CharField(max_length=60, default="UK", help_text="e.g. UK, London, Scotland.")
    minimum = models.PositiveIntegerField(help_text="Lowest typical annual salary, in whole pounds.")
    typical = models.PositiveIntegerField(help_text="The median or average, in whole pounds.")
    typical_kind = models.CharField(
        max_length=10,
        choices=TypicalKind.choices,
        default=TypicalKind.AVERAGE,
        help_text="Say whether the typical figure is a median or an average (mean).",
    )
    maximum = models.PositiveIntegerField(help_text="Highest typical annual salary, in whole pounds.")
    source = models.ForeignKey(
        SalarySource,
        on_delete=models.PROTECT,
        related_name="figures",
        help_text="Where the figures come from.",
    )
    gathered_on = models.DateField(help_text="When the source gathered or published them.")

    panels = [
        FieldPanel("region"),
        FieldRowPanel([FieldPanel("minimum"), FieldPanel("typical"), FieldPanel("maximum")]),
        FieldPanel("typical_kind"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("gathered_on")]),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__gt=0) & Q(minimum__lte=F("typical")) & Q(typical__lte=F("maximum")),
                name="salary_min_le_typical_le_max",
                violation_error_message="Salaries must be positive, with minimum ≤ typical ≤ maximum.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region}: £{self.minimum:,}–£{self.maximum:,}"

    def clean(self) -> None:
        """Name the figure that is wrong, so an editor knows which box to fix."""
        super().clean()
        low, mid, high = self.minimum, self.typical, self.maximum
        if None in (low, mid, high):
            return
        errors: dict[str, str] = {}
        # The range comes from settings, so it is checked here rather than frozen into a
        # database constraint; the import checks it too, line by line.
        for name, value in (("minimum", low), ("typical", mid), ("maximum", high)):
            message = implausible_salary_message(value)
            if message:
                errors[name] = message
        if errors:
            raise ValidationError(errors)
        if high < low:
            errors["maximum"] = f"The maximum (£{high:,}) is lower than the minimum (£{low:,})."
        elif mid < low:
            errors["typical"] = f"The typical salary (£{mid:,}) is lower than the minimum (£{low:,})."
        elif mid > high:
            errors["typical"] = f"The typical salary (£{mid:,}) is higher than the maximum (£{high:,})."
        if errors:
            raise ValidationError(errors)

    def is_stale(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        months = (today.year - self.gathered_on.year) * 12 + today.month - self.gathered_on.month
        return months > self.stale_after_months

    @property
    def stale(self) -> bool:
        return self.is_stale()

    @property
    def stale_after_months(self) -> int:
        """Older than this, pages and the dashboard's content health flag a figure alike."""
        return settings.SALARY_STALE_AFTER_MONTHS

    @property
    def typical_label(self) -> str:
        """e.g. "UK average", "London median"."""
        return f"{self.region} {self.get_typical_kind_display()}"

    @property
    def band_text(self) -> str:
        """The one way a band is written everywhere: "£28,000–£75,000, UK average £45,000"."""
        return f"{gbp(self.minimum)}–{gbp(self.maximum)}, {self.typical_label} {gbp(self.typical)}"


def headline_annotations() -> dict[str, Subquery]:
    """``headline_typical``, ``headline_minimum`` ... for a queryset of careers: the fields of
    each career's headline figure, its first salary figure, as its page shows it."""
    return {
        f"headline_{name}": Subquery(
            SalaryFigure.objects.filter(career=OuterRef("pk")).order_by("sort_order", "pk").values(field)[:1]
        )
        for name, field in (
            ("typical", "typical"),
            ("minimum", "minimum"),
            ("maximum", "maximum"),
            ("kind", "typical_kind"),
            ("region", "region"),
        )
    }


class SalaryImportRun(models.Model):
    """One applied salary CSV import: who ran it, when, on which file, and what came of it.

    Large files are applied by a background task that reads ``data`` from here; small ones are
    applied in the request, but recorded the same way so an editor sees every past import.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    data = models.BinaryField(help_text="The uploaded file, as the dry run checked it.")
    row_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    # [{"id": page id, "title": ..., "published": bool}] for each career the import changed.
    careers = models.JSONField(default=list, blank=True)
    # [{"line": int | None, "column": str | None, "message": str}] when it failed.
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="salary_import_run_user_idx")]

    def __str__(self) -> str:
        return f"{self.file_name or 'Salary import'} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def published_count(self) -> int:
        return sum(1 for career in self.careers if career.get("published"))

    @property
    def drafted_count(self) -> int:
        return len(self.careers) - self.published_count
