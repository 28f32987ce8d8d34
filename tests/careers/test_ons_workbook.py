"""Reading the ONS earnings workbook as published: values, percentiles, CVs, regions and markers."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from careers.ons_estimates import PUBLISHED_PERCENTILES
from careers.ons_workbook import read_workbook
from careers.ons_workbook_cells import year_and_release
from careers.regions import BY_SLUG, UK
from tests.careers.earnings_workbooks import (
    REGIONAL,
    SHARES,
    UK_ROWS,
    edit,
    occupation,
    put,
    row_of,
    workbook,
)

LONDON, WALES, SCOTLAND = BY_SLUG["london"], BY_SLUG["wales"], BY_SLUG["scotland"]


def test_every_occupation_row_comes_back_with_its_figures():
    tables = read_workbook(workbook())

    assert tables.is_valid, tables.problems
    programmers = tables.get("2134")
    assert programmers.description == "Programmers and software development professionals"
    assert programmers.region == UK
    assert (programmers.median, programmers.mean) == (52_000, 57_200)
    assert programmers.percentiles == {
        point: round(52_000 * SHARES[point]) for point in PUBLISHED_PERCENTILES
    }
    assert programmers.percentile(90) == 88_400
    # 45.123 thousand jobs, as published.
    assert programmers.job_count == 45_123
    assert programmers.cv == Decimal("4.3")
    assert (programmers.table, programmers.sheet) == ("Table 14.7a", "Table 14.7a")
    assert programmers.row == row_of(load_workbook(BytesIO(workbook()))["Table 14.7a"], "2134")


def test_rows_at_every_soc_level_are_read_and_the_uncoded_total_is_not():
    tables = read_workbook(workbook())

    uk_codes = {code for region, code in tables.estimates if region == "uk"}
    assert uk_codes == {"2", "21", "213", "2133", "2134", "2136", "2137"}
    assert tables.get("2").description == "Professional occupations"
    assert tables.get("213").job_count == 900_000
    assert tables.occupation_count() == 7


def test_suppressed_and_missing_values_are_none_never_zero():
    tables = read_workbook(workbook())

    web = tables.get("2137")
    assert (web.median, web.mean, web.job_count, web.cv) == (None, None, None, None)
    assert set(web.percentiles.values()) == {None}
    assert web.description == "Web design professionals"


@pytest.mark.parametrize("marker", ["x", "..", ":", "-", " x ", None, "  "])
def test_each_ons_marker_means_no_figure(marker):
    data, _ = put(workbook(), "Table 14.7a", "2134", "D", marker)

    tables = read_workbook(data)

    assert tables.is_valid, tables.problems
    assert tables.get("2134").median is None
    assert tables.get("2134").mean == 57_200


def test_jobs_in_thousands_and_money_are_rounded_to_whole_jobs_and_pounds():
    data, _ = put(workbook(), "Table 14.7a", "2134", "C", 45.1235)
    data, _ = put(data, "Table 14.7a", "2134", "D", 52_000.5)
    data, _ = put(data, "Table 14.7a", "2134", "F", "57,199.4")
    data, _ = put(data, "Table 14.7a", "2133", "C", "1,234.5")

    tables = read_workbook(data)

    assert tables.get("2134").job_count == 45_124
    assert (tables.get("2134").median, tables.get("2134").mean) == (52_001, 57_199)
    assert tables.get("2133").job_count == 1_234_500


def test_codes_typed_as_decimals_or_with_spaces_are_the_same_code():
    data, _ = put(workbook(), "Table 14.7a", "2134", "B", 2134.0)
    data, _ = put(data, "Table 14.7a", "2133", "B", " 21 33 ")

    tables = read_workbook(data)

    assert tables.is_valid, tables.problems
    assert tables.get("2134").median == 52_000
    assert tables.get("2133").median == 60_000


def test_each_region_has_its_own_rows_some_only_at_coarser_levels():
    tables = read_workbook(workbook())

    assert tables.tables == {"occupation": "Table 14.7a", "region": "Table 15.7a"}
    london = tables.get("2134", LONDON)
    assert (london.median, london.job_count, london.cv) == (65_000, 12_000, Decimal("7.5"))
    assert (london.table, london.sheet, london.region) == ("Table 15.7a", "Table 15.7a", LONDON)
    # Wales is published only at 2 digits and above.
    assert tables.get("2134", WALES) is None
    assert tables.get("21", WALES).median == 43_000
    # Scotland suppresses the 4-digit cell but publishes its group.
    assert tables.get("2134", SCOTLAND).median is None
    assert tables.get("213", SCOTLAND).median == 49_000
    assert tables.get("2", SCOTLAND) is None


def test_without_the_cv_tables_every_cv_is_none():
    tables = read_workbook(workbook(cv=False))

    assert tables.is_valid, tables.problems
    assert tables.get("2134").median == 52_000
    assert {estimate.cv for estimate in tables.estimates.values()} == {None}


def test_without_the_region_table_only_the_uk_is_read():
    tables = read_workbook(workbook(regional=None))

    assert tables.is_valid, tables.problems
    assert tables.tables == {"occupation": "Table 14.7a"}
    assert {region for region, _ in tables.estimates} == {"uk"}


def test_a_cv_of_a_marker_is_none_and_the_estimate_keeps_its_figures():
    data, _ = put(workbook(), "Table 14.7b", "2134", "D", "..")

    tables = read_workbook(data)

    assert tables.get("2134").cv is None
    assert tables.get("2134").median == 52_000


@pytest.mark.parametrize("illustrative", [True, False])
def test_the_cover_sheet_says_whether_the_figures_are_illustrative(illustrative):
    assert read_workbook(workbook(illustrative=illustrative)).illustrative is illustrative


@pytest.mark.parametrize(
    ("year", "release"), [(2026, "provisional"), (2025, "revised"), (2024, "provisional")]
)
def test_year_and_release_come_from_the_title(year, release):
    tables = read_workbook(workbook(year=year, release=release))

    assert (tables.year, tables.release) == (year, release)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Table 14.7a  Annual pay - Gross (£): United Kingdom, 2025 revised", (2025, "revised")),
        ("Table 14.7a  Annual pay: United Kingdom, 2026 PROVISIONAL", (2026, "provisional")),
        # No release word: taken as provisional, so a revised workbook later revises it.
        ("Table 14.7a  Annual pay: United Kingdom, 2023", (2023, "provisional")),
        # SOC 2020 is the classification, not the year.
        ("Table 15.7a  Annual pay by occupation (SOC 2020), 2024 revised", (2024, "revised")),
        ("Table 15.7a  Annual pay by occupation (SOC 2020)", (None, "provisional")),
    ],
)
def test_year_and_release_of_a_title(title, expected):
    assert year_and_release(title) == expected


def test_the_percentiles_are_found_under_the_merged_percentiles_heading():
    book = load_workbook(BytesIO(workbook()))
    sheet = book["Table 14.7a"]

    assert [str(cells) for cells in sheet.merged_cells.ranges] == ["H5:Q5"]
    assert sheet["H5"].value == "Percentiles"
    assert [cell.value for cell in sheet[6][7:]] == list(PUBLISHED_PERCENTILES)
    assert read_workbook(workbook()).get("2134").percentile(10) == 28_600


def test_percentile_headings_in_the_header_row_itself_are_understood():
    def one_header_row(book):
        sheet = book["Table 14.7a"]
        sheet.unmerge_cells("H5:Q5")
        for column, point in enumerate(PUBLISHED_PERCENTILES, start=8):
            sheet.cell(5, column).value = f"{point}th percentile"
        sheet.delete_rows(6)

    tables = read_workbook(edit(workbook(), one_header_row))

    assert tables.is_valid, tables.problems
    assert tables.get("2134").percentile(75) == round(52_000 * SHARES[75])


def test_notes_above_the_header_and_footers_below_the_data_are_not_read():
    def more_notes(book):
        sheet = book["Table 14.7a"]
        sheet["A3"] = "These figures are for employees on adult rates; 2026 figures are provisional."
        sheet["B3"] = 2026
        last = sheet.max_row
        # A footnote that looks like a row: it comes after the blank row that ends the data.
        sheet.cell(last + 1, 1).value = "b  Figures for 2025 were revised."
        sheet.cell(last + 1, 4).value = 12

    tables = read_workbook(edit(workbook(), more_notes))

    assert tables.is_valid, tables.problems
    assert tables.occupation_count() == 7
    assert tables.get("2134").median == 52_000


def test_a_row_without_its_soc_code_is_left_out_and_the_rest_are_read():
    data, _ = put(workbook(), "Table 14.7a", "2136", "B", None)

    tables = read_workbook(data)

    assert tables.is_valid, tables.problems
    assert tables.get("2136") is None
    assert tables.get("2134").median == 52_000


def test_a_description_beginning_with_its_code_is_read_without_it():
    data, _ = put(
        workbook(), "Table 14.7a", "2134", "A", "2134  Programmers and software development professionals"
    )

    assert read_workbook(data).get("2134").description == "Programmers and software development professionals"


def test_the_table_is_found_by_its_title_whatever_the_sheet_is_called():
    def rename(book):
        book["Table 14.7a"].title = "Occupation"
        book["Table 15.7a"].title = "Regions"

    tables = read_workbook(edit(workbook(), rename))

    assert tables.is_valid, tables.problems
    assert tables.get("2134").sheet == "Occupation"
    assert tables.get("2134", LONDON).sheet == "Regions"


def test_a_sheet_without_a_title_is_found_by_its_name():
    def untitled(book):
        book["Table 14.7a"]["A1"] = "Annual pay - Gross (£): United Kingdom, 2026 provisional"

    tables = read_workbook(edit(workbook(), untitled))

    assert tables.is_valid, tables.problems
    assert tables.year == 2026


def test_of_several_sheets_with_one_table_the_one_for_all_employees_is_read():
    def with_male_sheet(book):
        male = book.copy_worksheet(book["Table 14.7a"])
        male.title = "Male"
        male["A1"] = (
            "Table 14.7a   Annual pay - Gross (£) - For male employee jobs: United Kingdom, 2026 provisional"
        )
        male[f"D{row_of(male, '2134')}"] = 99_999

    tables = read_workbook(edit(workbook(), with_male_sheet))

    assert tables.is_valid, tables.problems
    assert tables.get("2134").median == 52_000


def test_a_uk_section_in_the_region_table_leaves_the_occupation_table_standing():
    regional = {UK: (occupation("2134", "Programmers", 10_000),), **REGIONAL}

    tables = read_workbook(workbook(regional=regional))

    assert tables.is_valid, tables.problems
    assert tables.get("2134").median == 52_000
    assert tables.get("2134").table == "Table 14.7a"


def test_the_writer_can_write_every_row_it_is_given_in_order():
    book = load_workbook(BytesIO(workbook()))
    sheet = book["Table 15.7a"]

    headings = [(cell.value, sheet.cell(cell.row, 2).value) for cell in sheet["A"] if cell.font.bold]
    assert ("London", "E12000007") in headings
    assert row_of(sheet, "E12000007") < row_of(sheet, "W92000004") < row_of(sheet, "S92000003")
    assert sheet.cell(row_of(sheet, "2134"), 3).value == 12.0
    assert len(UK_ROWS) == sum(
        1 for row in book["Table 14.7b"].iter_rows(min_row=7) if row[3].value is not None
    )
