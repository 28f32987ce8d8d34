"""Salary figures on career pages, and the record of each salary CSV import that wrote them."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Lower
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from careers.import_formats import ImportDateField, PoundsField
from careers.models.snippets import SalarySource
from careers.salary_scale import spread_points
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


class EstimateQuality(models.TextChoices):
    """ONS's grading of an estimate by its coefficient of variation (CV)."""

    PRECISE = "precise", "precise"
    REASONABLY_PRECISE = "reasonably precise", "reasonably precise"
    ACCEPTABLE = "acceptable", "acceptable"
    UNRELIABLE = "unreliable", "unreliable"


# Above this CV (in percent) the ONS calls an estimate unreliable: it is never shown as data.
UNRELIABLE_ABOVE_CV = 20


def quality_for_cv(cv: Decimal | float | None) -> EstimateQuality | None:
    """ONS's bands: CV up to 5 % precise, up to 10 % reasonably precise, up to 20 % acceptable."""
    if cv is None:
        return None
    if cv <= 5:
        return EstimateQuality.PRECISE
    if cv <= 10:
        return EstimateQuality.REASONABLY_PRECISE
    if cv <= UNRELIABLE_ABOVE_CV:
        return EstimateQuality.ACCEPTABLE
    return EstimateQuality.UNRELIABLE


def reliable_q(prefix: str = "") -> Q:
    """Salary figures that may be shown as data: every figure but an estimate the ONS grades unreliable."""
    return Q(**{f"{prefix}cv__isnull": True}) | Q(**{f"{prefix}cv__lte": UNRELIABLE_ABOVE_CV})


class SalaryFigure(Orderable):
    """One sourced salary band for a career in a region: typed by an editor, or imported from
    the ONS earnings tables with the provenance that says exactly which estimate it is.

    An editor's figure with an override reason stands in place of the official figure for its
    region; imports leave it alone and keep the official figure beside it.
    """

    class TypicalKind(models.TextChoices):
        MEDIAN = "median", "median"
        AVERAGE = "average", "average"

    class Origin(models.TextChoices):
        EDITOR = "editor", "Entered by an editor"
        ONS = "ons", "Imported from the ONS earnings tables"

    class Release(models.TextChoices):
        PROVISIONAL = "provisional", "provisional"
        REVISED = "revised", "revised"

    career = ParentalKey("careers.CareerPage", on_delete=models.CASCADE, related_name="salary_figures")
    region = models.CharField(max_length=60, default="UK", help_text="e.g. UK, London, Scotland.")
    minimum = PoundsField(help_text="Lowest typical annual salary, in whole pounds.")
    typical = PoundsField(help_text="The median or average, in whole pounds.")
    typical_kind = models.CharField(
        max_length=10,
        choices=TypicalKind.choices,
        default=TypicalKind.AVERAGE,
        help_text="Say whether the typical figure is a median or an average (mean).",
    )
    maximum = PoundsField(help_text="Highest typical annual salary, in whole pounds.")
    source = models.ForeignKey(
        SalarySource,
        on_delete=models.PROTECT,
        related_name="figures",
        help_text="Where the figures come from.",
    )
    gathered_on = ImportDateField(help_text="When the source gathered or published them.")
    origin = models.CharField(
        max_length=10,
        choices=Origin.choices,
        default=Origin.EDITOR,
        help_text="Imported figures are replaced by the next import; an editor's figure may override one.",
    )
    override_reason = models.TextField(
        blank=True,
        help_text=(
            "Fill this in to show this figure in place of the official one for its region, and say why "
            "(e.g. “The figures our article was written with”). Imports then leave it alone."
        ),
    )
    # The spread of pay, where the source gives it. The median is ``typical``.
    percentile_10 = PoundsField("10th percentile", null=True, blank=True)
    percentile_25 = PoundsField("25th percentile", null=True, blank=True)
    percentile_75 = PoundsField("75th percentile", null=True, blank=True)
    percentile_90 = PoundsField("90th percentile", null=True, blank=True)
    job_count = models.PositiveIntegerField(
        "number of jobs", null=True, blank=True, help_text="How many jobs the estimate covers."
    )
    # Provenance of an imported figure: exactly which published estimate it is.
    dataset = models.CharField(
        max_length=120, blank=True, help_text="e.g. Annual Survey of Hours and Earnings"
    )
    table = models.CharField(max_length=120, blank=True, help_text="e.g. Table 15.7a")
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The survey year.")
    release = models.CharField(max_length=12, choices=Release.choices, blank=True)
    soc_code = models.CharField(
        "SOC code",
        max_length=4,
        blank=True,
        help_text="The SOC 2020 group the estimate is for: the career's own, or a wider group.",
    )
    soc_description = models.CharField("SOC description", max_length=255, blank=True)
    range_low_percentile = models.PositiveSmallIntegerField(null=True, blank=True)
    range_high_percentile = models.PositiveSmallIntegerField(null=True, blank=True)
    cv = models.DecimalField(
        "coefficient of variation (%)",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="The ONS's CV of the median, in percent: it grades the estimate's precision.",
    )

    panels = [
        FieldPanel("region"),
        FieldRowPanel([FieldPanel("minimum"), FieldPanel("typical"), FieldPanel("maximum")]),
        FieldPanel("typical_kind"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("gathered_on")]),
        FieldPanel("override_reason"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("percentile_10"),
                        FieldPanel("percentile_25"),
                        FieldPanel("percentile_75"),
                        FieldPanel("percentile_90"),
                    ]
                ),
                FieldPanel("job_count"),
            ],
            heading="Spread of pay",
            classname="collapsed",
        ),
        MultiFieldPanel(
            [
                FieldPanel("origin", read_only=True),
                FieldRowPanel([FieldPanel("dataset", read_only=True), FieldPanel("table", read_only=True)]),
                FieldRowPanel([FieldPanel("year", read_only=True), FieldPanel("release", read_only=True)]),
                FieldRowPanel(
                    [FieldPanel("soc_code", read_only=True), FieldPanel("soc_description", read_only=True)]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("range_low_percentile", read_only=True),
                        FieldPanel("range_high_percentile", read_only=True),
                        FieldPanel("cv", read_only=True),
                    ]
                ),
            ],
            heading="Official provenance (set by the ONS import)",
            classname="collapsed",
        ),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__gt=0) & Q(minimum__lte=F("typical")) & Q(typical__lte=F("maximum")),
                name="salary_min_le_typical_le_max",
                violation_error_message="Salaries must be positive, with minimum ≤ typical ≤ maximum.",
            ),
            models.CheckConstraint(
                condition=(Q(percentile_10__isnull=True) | Q(percentile_10__lte=F("typical")))
                & (Q(percentile_25__isnull=True) | Q(percentile_25__lte=F("typical")))
                & (Q(percentile_75__isnull=True) | Q(percentile_75__gte=F("typical")))
                & (Q(percentile_90__isnull=True) | Q(percentile_90__gte=F("typical"))),
                name="salary_percentiles_around_median",
                violation_error_message="The 10th and 25th percentiles must not exceed the median, "
                "and the 75th and 90th must not be below it.",
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
        self._check_percentiles()

    def _check_percentiles(self) -> None:
        given = [(name, value) for name, value in self.spread_points() if value is not None]
        for (lower_name, lower), (upper_name, upper) in itertools.pairwise(given):
            if lower > upper:
                field = {"median": "typical"}.get(upper_name, f"percentile_{upper_name}")
                message = (
                    f"The {_ordinal(upper_name)} ({gbp(upper)}) is lower than "
                    f"the {_ordinal(lower_name)} ({gbp(lower)})."
                )
                raise ValidationError({field: message})

    def spread_points(self) -> list[tuple[str, int | None]]:
        """The spread in order: ("10", £), ("25", £), ("median", £), ("75", £), ("90", £)."""
        return spread_points(self)

    @property
    def has_spread(self) -> bool:
        """Whether the whole spread (10th, 25th, median, 75th, 90th) is known, so it can be drawn."""
        return self.typical_kind == self.TypicalKind.MEDIAN and all(
            value is not None for _, value in self.spread_points()
        )

    @property
    def is_official(self) -> bool:
        return self.origin == self.Origin.ONS

    @property
    def is_override(self) -> bool:
        return self.origin == self.Origin.EDITOR and bool(self.override_reason.strip())

    @property
    def quality(self) -> EstimateQuality | None:
        return quality_for_cv(self.cv)

    def is_wider_group_than(self, career_soc_code: str) -> bool:
        """Whether the estimate is for a wider SOC group than the career's own code."""
        return bool(self.soc_code) and bool(career_soc_code) and len(self.soc_code) < len(career_soc_code)

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


def _ordinal(point: str) -> str:
    return "median" if point == "median" else f"{point}th percentile"


def headline_annotations() -> dict[str, Subquery]:
    """``headline_typical``, ``headline_minimum`` ... for a queryset of careers: the fields of
    each career's headline figure, as its page shows it (careers/salary_display.py's
    ``headline_figure``): the region of its first reliable figure, and there an editor's
    override before the figure it overrides."""
    reliable = SalaryFigure.objects.filter(reliable_q())
    first_place = (
        reliable.filter(career=OuterRef(OuterRef("pk")))
        .order_by("sort_order", "pk")
        .values(place=Lower("region"))[:1]
    )
    override_first = Case(
        When(Q(origin=SalaryFigure.Origin.EDITOR) & ~Q(override_reason=""), then=Value(0)),
        default=Value(1),
    )
    headline = (
        reliable.alias(place=Lower("region"))
        .filter(career=OuterRef("pk"), place=Subquery(first_place))
        .order_by(override_first, "sort_order", "pk")
    )
    fields = {"typical": "typical", "minimum": "minimum", "maximum": "maximum", "kind": "typical_kind"}
    fields["region"] = "region"
    return {f"headline_{name}": Subquery(headline.values(field)[:1]) for name, field in fields.items()}


class SalaryImportRun(models.Model):
    """One applied salary import (a CSV, or an ONS earnings workbook): who ran it, when, on which
    file, and what came of it.

    Large files are applied by a background task that reads ``data`` from here; small ones are
    applied in the request, but recorded the same way so an editor sees every past import.
    """

    class Status(models.TextChoices):
        # Checked by a dry run and kept for the editor to confirm; not yet an import.
        CHECKED = "checked", "Checked, not imported"
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class Kind(models.TextChoices):
        CSV = "csv", "Salary CSV"
        ONS = "ons", "ONS earnings workbook"

    kind = models.CharField(max_length=3, choices=Kind.choices, default=Kind.CSV)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    data = models.BinaryField(help_text="The uploaded file, as the dry run checked it.")
    row_count = models.PositiveIntegerField(default=0)
    # What the worker is doing (reading, checking, saving) and with how many careers: the
    # status page shows it while the editor waits.
    stage = models.CharField(max_length=10, blank=True)
    progress = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
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
