"""The ONS import's dry run and apply: the figures each career gets, why others get none, what
editors keep, and that it is all or nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Revision

from careers.factories import CareerPageFactory, SalaryFigureFactory, SalarySourceFactory
from careers.models import CareerPage, SalaryFigure
from careers.ons_import import apply_plan
from careers.ons_import_plan import Action, plan_ons_import
from tests.careers.earnings_tables import LONDON, SCOTLAND, WALES, estimate, tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmer(career_index):
    page = CareerPageFactory(parent=career_index, title="Programmer", slug="programmer", soc_code="2134")
    SalaryFigureFactory(career=page, region="UK", minimum=25_000, typical=40_000, maximum=60_000)
    return page


def _changes(plan, page):
    career = next(item for item in plan.careers if item.career.pk == page.pk)
    return {change.region.name: change for change in career.changes}


def test_a_career_gets_the_median_the_site_range_and_the_provenance_for_uk_and_regions(programmer):
    workbook = tables(
        estimate("2134", median=50_000, jobs=45_123, description="Programmers and software developers"),
        estimate("2134", LONDON, median=62_000, cv="7.5"),
        estimate("2134", WALES, median=None),  # suppressed at 4 digits in Wales
        estimate("213", WALES, median=41_000, description="Information technology professionals"),
    )

    plan = plan_ons_import(workbook)

    changes = _changes(plan, programmer)
    assert set(changes) == {"UK", "London", "Wales"}, "Scotland has no row at any level: nothing to set"
    assert changes["UK"].action == Action.REPLACE, (
        "the editor's plain UK figure gives way to the official one"
    )
    assert changes["UK"].typical_change == "+£10,000 (+25.0 %)"
    assert changes["Wales"].after.wider_group and changes["Wales"].after.estimate.soc_code == "213"
    assert SalaryFigure.objects.filter(origin="ons").count() == 0, "a dry run writes nothing"

    result = apply_plan(plan)

    assert result.succeeded, result.problems
    figures = {f.region: f for f in CareerPage.objects.get(pk=programmer.pk).salary_figures.all()}
    uk = figures["UK"]
    assert (uk.minimum, uk.typical, uk.maximum, uk.typical_kind) == (30_000, 50_000, 80_000, "median")
    assert (uk.percentile_10, uk.percentile_25, uk.percentile_75, uk.percentile_90) == (
        30_000,
        40_000,
        62_500,
        80_000,
    )
    assert (uk.origin, uk.job_count, uk.year, uk.release, uk.table) == (
        "ons",
        45_123,
        2026,
        "provisional",
        "Table 14.7a",
    )
    assert (uk.soc_code, uk.soc_description) == ("2134", "Programmers and software developers")
    assert (uk.range_low_percentile, uk.range_high_percentile, uk.cv) == (10, 90, Decimal("3.0"))
    assert uk.source.name == "ONS ASHE 2026 (provisional)" and "ons.gov.uk" in uk.source.url
    assert uk.gathered_on == datetime.date(2026, 4, 1)
    assert figures["London"].cv == Decimal("7.5") and figures["London"].table == "Table 15.7a"
    assert (figures["Wales"].soc_code, figures["Wales"].typical) == ("213", 41_000)


@pytest.mark.parametrize(
    ("soc_code", "rows", "reason"),
    [
        ("", [], "No SOC code"),
        ("2134", [estimate("2135")], "Row missing: the table has no row for SOC 2134"),
        ("2134", [estimate("2134", median=None)], "Value suppressed"),
        ("2134", [estimate("2134", spread=(None, 30_000, 50_000, 70_000))], "Value suppressed"),
        ("2134", [estimate("2134", cv="23.4")], "CV too high"),
    ],
)
def test_careers_with_no_usable_row_are_listed_with_why_and_left_alone(career_index, soc_code, rows, reason):
    page = CareerPageFactory(parent=career_index, title="Tester", soc_code=soc_code)
    SalaryFigureFactory(career=page)

    plan = plan_ons_import(tables(*rows))

    assert [item.reason for item in plan.unusable if item.career.pk == page.pk][0].startswith(reason)
    assert not plan.careers
    assert apply_plan(plan).succeeded
    assert list(CareerPage.objects.get(pk=page.pk).salary_figures.values_list("origin", flat=True)) == [
        "editor"
    ]


def test_an_unreliable_regional_estimate_falls_back_to_a_wider_group_never_to_the_number(programmer):
    plan = plan_ons_import(
        tables(
            estimate("2134"), estimate("2134", SCOTLAND, cv="25.0"), estimate("21", SCOTLAND, median=39_000)
        )
    )

    scotland = _changes(plan, programmer)["Scotland"]
    assert scotland.after.estimate.soc_code == "21" and scotland.after.estimate.median == 39_000


def test_an_override_is_kept_and_the_official_figure_set_beside_it(programmer):
    article = SalarySourceFactory(name="Our 2025 article")
    SalaryFigure.objects.filter(career=programmer).update(
        override_reason="The figures our article was written with", source=article
    )

    plan = plan_ons_import(tables(estimate("2134", median=50_000)))
    uk = _changes(plan, programmer)["UK"]
    assert uk.kept_override is not None and uk.action == Action.ADD
    assert apply_plan(plan).succeeded

    figures = list(CareerPage.objects.get(pk=programmer.pk).salary_figures.order_by("sort_order"))
    assert [(f.origin, f.typical) for f in figures] == [("editor", 40_000), ("ons", 50_000)]
    assert figures[0].source == article and figures[0].override_reason

    again = plan_ons_import(tables(estimate("2134", median=51_000)))
    change = _changes(again, programmer)["UK"]
    assert (change.action, change.kept_override.typical) == (Action.UPDATE, 40_000), "the override stays"


def test_a_revised_table_replacing_a_provisional_one_shows_as_a_revision_then_as_no_change(programmer):
    assert apply_plan(plan_ons_import(tables(estimate("2134", median=50_000)))).succeeded

    revised = tables(estimate("2134", median=50_500), release="revised")
    assert _changes(plan_ons_import(revised), programmer)["UK"].action == Action.REVISION
    assert apply_plan(plan_ons_import(revised)).succeeded

    plan = plan_ons_import(revised)
    assert _changes(plan, programmer)["UK"].action == Action.UNCHANGED and not plan.changed_careers


def test_a_region_dropped_from_a_newer_table_loses_its_official_figure(programmer):
    assert apply_plan(plan_ons_import(tables(estimate("2134"), estimate("2134", LONDON)))).succeeded

    plan = plan_ons_import(tables(estimate("2134", median=41_000), year=2027))

    assert _changes(plan, programmer)["London"].action == Action.REMOVE
    assert apply_plan(plan).succeeded
    assert not CareerPage.objects.get(pk=programmer.pk).salary_figures.filter(region="London").exists()


def test_the_range_uses_the_percentile_pair_chosen_for_the_site(programmer, settings):
    settings.SALARY_RANGE_PERCENTILES = (25, 75)

    assert apply_plan(plan_ons_import(tables(estimate("2134", median=50_000)))).succeeded

    uk = CareerPage.objects.get(pk=programmer.pk).salary_figures.get(region="UK")
    assert (uk.minimum, uk.maximum, uk.range_low_percentile, uk.range_high_percentile) == (
        40_000,
        62_500,
        25,
        75,
    )


def test_a_live_career_is_published_and_a_draft_stays_a_draft_each_with_a_new_revision(
    career_index, programmer
):
    draft = CareerPageFactory(parent=career_index, title="Draft job", soc_code="2134", live=False)
    before = Revision.objects.for_instance(programmer).count()

    plan = plan_ons_import(tables(estimate("2134")))
    decisions = {item.career.pk: item.will_publish for item in plan.careers}
    assert decisions == {programmer.pk: True, draft.pk: False}
    result = apply_plan(plan)

    assert [page.pk for page in result.published] == [programmer.pk]
    assert [page.pk for page in result.drafted] == [draft.pk]
    assert Revision.objects.for_instance(programmer).count() == before + 1
    draft.refresh_from_db()
    assert not draft.live and not draft.salary_figures.exists(), "the draft's figures wait in its revision"
    assert draft.get_latest_revision_as_object().salary_figures.all()[0].origin == "ons"


def test_a_career_edited_after_the_dry_run_stops_the_whole_import(career_index, programmer):
    other = CareerPageFactory(parent=career_index, title="Another", soc_code="2134")
    plan = plan_ons_import(tables(estimate("2134")))
    other.save_revision()  # an editor saves while the import waits

    result = apply_plan(plan)

    assert not result.succeeded and "Another" in result.problems[0].message
    assert not SalaryFigure.objects.filter(origin="ons").exists(), "nothing was written, not even the first"


def test_the_dry_run_costs_the_same_queries_however_many_rows_the_workbook_has(
    programmer, django_assert_max_num_queries
):
    small = tables(estimate("2134"), estimate("2134", LONDON))
    large = tables(
        estimate("2134"),
        *(estimate(f"{code}", region) for code in range(1000, 1450) for region in (LONDON, WALES, SCOTLAND)),
    )
    with CaptureQueriesContext(connection) as small_queries:
        plan_ons_import(small)
    with django_assert_max_num_queries(len(small_queries)):
        plan_ons_import(large)


def test_percentiles_out_of_order_make_an_estimate_unusable(programmer):
    plan = plan_ons_import(tables(estimate("2134", median=50_000, spread=(30_000, 55_000, 60_000, 80_000))))

    assert plan.unusable[0].reason.startswith("Not plausible: the percentiles for SOC 2134 are out of order")
