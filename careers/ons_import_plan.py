"""The dry run of an ONS earnings import: what each career with a SOC code would get.

For every career, :func:`plan_ons_import` looks up its SOC code in the tables
(careers/ons_estimates.py) and works out, region by region, the official figure it would
set: typical = the median, range = the site's percentile pair (``SALARY_RANGE_PERCENTILES``),
with the number of jobs and the estimate's provenance. It writes nothing.

The UK figure comes from the occupation table and must be the career's own 4-digit code. A
region's figure comes from the region table, at the career's own code where the ONS gives a
usable estimate there, or else at the nearest wider group (3 digits, then 2), and says so.
An estimate is unusable when the ONS suppressed it, when its CV is above ``SALARY_MAX_CV``, or
when it is not a plausible salary. A career with no usable UK estimate is listed with the reason
and left as it is.

Region by region, an imported figure replaces the region's previous official figure, or the
editor's plain figure for that region; an editor's figure with an override reason is kept
("kept: overridden") and the official figure is set beside it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch
from wagtail.models import WorkflowState

from careers.models import CareerPage, SalaryFigure, SalarySource, implausible_salary_message
from careers.ons_estimates import EarningsTables, Estimate
from careers.regions import REGIONS, UK, Region, region_named
from careers.salary_import import publish_decision
from portal.money import gbp

User = AbstractBaseUser | AnonymousUser
Release = SalaryFigure.Release
# Where readers can check the figures: the ONS's page of ASHE tables by occupation.
SOURCE_URL = (
    "https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork/earningsandworkinghours/"
    "datasets/occupation4digitsoc2010ashetable14"
)
# A region's figure may come from a wider group, but not wider than a 2-digit sub-major group.
WIDEST_REGIONAL_CODE = 2


def source_name(tables: EarningsTables) -> str:
    name = f"ONS ASHE {tables.year} ({tables.release or Release.PROVISIONAL})"
    return f"{name}, illustrative demo copy" if tables.illustrative else name


def source_for(tables: EarningsTables) -> SalarySource:
    """The salary source the import's figures cite, created the first time a year is imported."""
    source, _ = SalarySource.objects.get_or_create(
        name=source_name(tables),
        defaults={
            "url": SOURCE_URL,
            "is_illustrative": tables.illustrative,
            "notes": (
                f"Office for National Statistics, {tables.dataset} {tables.year}, "
                f"{tables.release or Release.PROVISIONAL}: annual gross pay for all employee jobs "
                f"by SOC 2020 occupation ({', '.join(tables.tables.values())})."
            ),
        },
    )
    return source


def unusable_reason(estimate: Estimate | None, soc_code: str) -> str | None:
    """Why an estimate cannot become a figure, in an editor's words, or None when it can."""
    low, high = settings.SALARY_RANGE_PERCENTILES
    if estimate is None:
        return f"Row missing: the table has no row for SOC {soc_code}."
    if estimate.median is None or estimate.percentile(low) is None or estimate.percentile(high) is None:
        return (
            f"Value suppressed: the ONS did not publish the median or the {low}th–{high}th percentiles "
            f"for SOC {estimate.soc_code}, as too few jobs were sampled."
        )
    if estimate.cv is not None and estimate.cv > settings.SALARY_MAX_CV:
        return (
            f"CV too high: the ONS rates the estimate for SOC {estimate.soc_code} unreliable "
            f"(CV {estimate.cv} %, above {settings.SALARY_MAX_CV:g} %)."
        )
    for value in (estimate.percentile(low), estimate.median, estimate.percentile(high)):
        message = implausible_salary_message(value)
        if message:
            return f"Not plausible: {message}"
    given = [estimate.percentile(point) for point in (10, 25)] + [estimate.median]
    given += [estimate.percentile(point) for point in (75, 90)]
    known = [value for value in given if value is not None]
    if known != sorted(known):
        return (
            f"Not plausible: the percentiles for SOC {estimate.soc_code} are out of order "
            "(each should be at least the one below it). Check the row in the workbook."
        )
    return None


@dataclass(frozen=True)
class OfficialFigure:
    """The figure an estimate becomes for one career in one region."""

    region: Region
    estimate: Estimate
    tables: EarningsTables

    @property
    def wider_group(self) -> bool:
        return self.estimate.region is not UK and len(self.estimate.soc_code) < 4

    def values(self) -> dict[str, Any]:
        low, high = settings.SALARY_RANGE_PERCENTILES
        estimate = self.estimate
        return {
            "minimum": estimate.percentile(low),
            "typical": estimate.median,
            "typical_kind": SalaryFigure.TypicalKind.MEDIAN,
            "maximum": estimate.percentile(high),
            "percentile_10": estimate.percentile(10),
            "percentile_25": estimate.percentile(25),
            "percentile_75": estimate.percentile(75),
            "percentile_90": estimate.percentile(90),
            "job_count": estimate.job_count,
            "dataset": self.tables.dataset,
            "table": estimate.table,
            "year": self.tables.year,
            "release": self.tables.release or Release.PROVISIONAL,
            "soc_code": estimate.soc_code,
            "soc_description": estimate.description[:255],
            "range_low_percentile": low,
            "range_high_percentile": high,
            "cv": estimate.cv,
            "gathered_on": datetime.date(self.tables.year or 1, 4, 1),
        }

    @property
    def text(self) -> str:
        values = self.values()
        group = f"SOC {self.estimate.soc_code}" + (" (wider group)" if self.wider_group else "")
        jobs = f", {values['job_count']:,} jobs" if values["job_count"] else ""
        return (
            f"{gbp(values['minimum'])}–{gbp(values['maximum'])}, median {gbp(values['typical'])} "
            f"({group}{jobs})"
        )


class Action:
    ADD = "add"
    UPDATE = "update"
    REVISION = "revision"
    REPLACE = "replace"
    REMOVE = "remove"
    UNCHANGED = "unchanged"

    LABELS = {
        ADD: "Add",
        UPDATE: "Update",
        REVISION: "Revision: provisional → revised",
        REPLACE: "Replace the editor's figure",
        REMOVE: "Remove: no usable figure in this table",
        UNCHANGED: "No change",
    }


@dataclass
class RegionChange:
    """What the import does to one region of one career."""

    region: Region
    action: str
    after: OfficialFigure | None = None
    # The figure the region shows today, which the import changes or removes.
    before: SalaryFigure | None = None
    before_text: str = ""
    # An editor's override the import keeps, with the official figure set beside it.
    kept_override: SalaryFigure | None = None

    @property
    def label(self) -> str:
        return Action.LABELS[self.action]

    @property
    def typical_change(self) -> str:
        """The change in the typical figure, e.g. "+£1,200 (+2.7 %)"; empty when there is none."""
        if self.before is None or self.after is None:
            return ""
        old, new = self.before.typical, self.after.estimate.median or 0
        if not old or old == new:
            return ""
        sign = "+" if new > old else "−"
        return f"{sign}{gbp(abs(new - old))} ({sign}{abs(new - old) / old * 100:.1f} %)"


@dataclass
class CareerPlan:
    """Everything the import does to one career, and whether its new revision is published."""

    career: CareerPage
    changes: list[RegionChange]
    will_publish: bool
    reason: str
    # The revision the plan was made from: applying refuses if the career changed since.
    latest_revision_id: int | None = None

    @property
    def has_changes(self) -> bool:
        return any(change.action != Action.UNCHANGED for change in self.changes)

    @property
    def kept_overrides(self) -> list[RegionChange]:
        return [change for change in self.changes if change.kept_override is not None]


@dataclass(frozen=True)
class Unusable:
    """A career the import cannot give a figure, and why."""

    career: CareerPage
    reason: str


@dataclass
class OnsImportPlan:
    tables: EarningsTables
    careers: list[CareerPlan] = field(default_factory=list)
    unusable: list[Unusable] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return self.tables.is_valid and not self.problems

    @property
    def changed_careers(self) -> list[CareerPlan]:
        return [plan for plan in self.careers if plan.has_changes]

    def count(self, action: str) -> int:
        return sum(1 for plan in self.careers for change in plan.changes if change.action == action)

    @property
    def kept_override_count(self) -> int:
        return sum(len(plan.kept_overrides) for plan in self.careers)


def usable_estimate(tables: EarningsTables, soc_code: str, region: Region) -> Estimate | None:
    """The region's estimate at the career's own code, or at the nearest wider group with one."""
    if region is UK:
        estimate = tables.get(soc_code, UK)
        return estimate if unusable_reason(estimate, soc_code) is None else None
    for length in range(len(soc_code), WIDEST_REGIONAL_CODE - 1, -1):
        estimate = tables.get(soc_code[:length], region)
        if unusable_reason(estimate, soc_code[:length]) is None:
            return estimate
    return None


def _same(figure: SalaryFigure, values: dict[str, Any]) -> bool:
    return figure.origin == SalaryFigure.Origin.ONS and all(
        getattr(figure, name) == value for name, value in values.items()
    )


def _region_change(
    region: Region, official: OfficialFigure | None, figures: list[SalaryFigure], describe: Any
) -> RegionChange | None:
    in_region = [figure for figure in figures if region_named(figure.region) is region]
    current = next((figure for figure in in_region if figure.is_official), None)
    override = next((figure for figure in in_region if figure.is_override), None)
    plain = next((figure for figure in in_region if not figure.is_official and not figure.is_override), None)
    if official is None:
        if current is None:
            return None
        return RegionChange(region, Action.REMOVE, before=current, before_text=describe(current))
    change = RegionChange(region, Action.ADD, after=official, kept_override=override)
    values = official.values()
    if current is not None:
        change.before, change.before_text = current, describe(current)
        if _same(current, values):
            change.action = Action.UNCHANGED
        elif (
            current.year == values["year"]
            and current.release == Release.PROVISIONAL
            and values["release"] == Release.REVISED
        ):
            change.action = Action.REVISION
        else:
            change.action = Action.UPDATE
    elif plain is not None and override is None:
        change.action = Action.REPLACE
        change.before, change.before_text = plain, describe(plain)
    return change


def careers_with_drafts() -> list[CareerPage]:
    """Every career as its latest draft would show it, figures included, in three queries.

    A career with unpublished changes is read from its latest revision's JSON (no query per
    page); the others from the database, their figures prefetched.
    """
    ordered = SalaryFigure.objects.order_by("sort_order", "pk")
    pages = list(
        CareerPage.objects.select_related("latest_revision")
        .prefetch_related(Prefetch("salary_figures", queryset=ordered))
        .order_by("title", "pk")
    )
    drafts = []
    for page in pages:
        revision = page.latest_revision
        if page.has_unpublished_changes and revision is not None:
            draft = page.with_content_json(revision.content)
            draft.latest_revision = revision
            drafts.append(draft)
        else:
            drafts.append(page)
    return drafts


def plan_ons_import(tables: EarningsTables, user: User | None = None) -> OnsImportPlan:
    """A dry run over every career: the figures each would get, or why it gets none."""
    plan = OnsImportPlan(tables=tables)
    if not tables.is_valid:
        return plan
    drafts = careers_with_drafts()
    sources = {source.pk: source for source in SalarySource.objects.all()}
    in_moderation = set(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type__model="page",
            object_id__in=[str(page.pk) for page in drafts],
        ).values_list("object_id", flat=True)
    )
    in_moderation = {int(pk) for pk in in_moderation}

    def describe(figure: SalaryFigure) -> str:
        source = sources.get(figure.source_id)
        cited = f" ({source.name})" if source else ""
        return f"{figure.band_text}{cited}"

    for page in drafts:
        if not page.soc_code:
            plan.unusable.append(Unusable(page, "No SOC code: add one on the career's Content tab."))
            continue
        reason = unusable_reason(tables.get(page.soc_code, UK), page.soc_code)
        if reason:
            plan.unusable.append(Unusable(page, reason))
            continue
        if user is not None and not page.permissions_for_user(user).can_edit():
            plan.unusable.append(Unusable(page, "You do not have permission to edit it."))
            continue
        figures = list(page.salary_figures.all())
        changes = []
        for region in REGIONS:
            estimate = usable_estimate(tables, page.soc_code, region)
            official = OfficialFigure(region, estimate, tables) if estimate else None
            change = _region_change(region, official, figures, describe)
            if change is not None:
                changes.append(change)
        total = len(figures) + sum(1 for change in changes if change.action == Action.ADD)
        total -= sum(1 for change in changes if change.action == Action.REMOVE)
        if total > settings.SALARY_IMPORT_MAX_FIGURES_PER_CAREER:
            plan.problems.append(
                f"“{page.title}” would have {total} salary figures after this import; a career may have "
                f"at most {settings.SALARY_IMPORT_MAX_FIGURES_PER_CAREER}, so its page stays readable. "
                "Remove some of its own figures first."
            )
        will_publish, why = publish_decision(page, user, page.pk in in_moderation)
        latest = page.latest_revision.pk if page.latest_revision else None
        plan.careers.append(CareerPlan(page, changes, will_publish, why, latest))
    return plan
