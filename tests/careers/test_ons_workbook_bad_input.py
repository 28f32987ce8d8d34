"""A workbook in the wrong layout, or with text where figures belong: every problem placed by sheet
and cell, and no estimate at all from a workbook with any problem."""

from __future__ import annotations

import datetime

import pytest

from careers import ons_workbook
from careers.ons_workbook import read_workbook
from careers.regions import BY_SLUG
from tests.careers.earnings_workbooks import edit, messages, occupation, put, workbook


def read(data: bytes) -> list[str]:
    return messages(read_workbook(data))


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("D", "forty", "“forty” is not a number of pounds"),
        ("F", "12abc", "“12abc” is not a number of pounds"),
        ("C", "lots", "“lots” is not a number of jobs (in thousands)"),
        ("M", "£40k", "“£40k” is not a number of pounds"),
        ("D", "52\x7f000", "“52\\x7f000” is not a number of pounds"),
        ("D", "1,2,3", "“1,2,3” is not a number of pounds"),
        ("D", True, "“True” is not a number of pounds"),
        ("D", datetime.datetime(2026, 4, 1), "“2026-04-01 00:00:00” is not a number of pounds"),
        ("D", -5, "“-5” is not a plausible number of pounds (0 to 10,000,000)"),
        ("D", 1e12, "“1000000000000” is not a plausible number of pounds (0 to 10,000,000)"),
        ("B", "21A4", "“21A4” is not a SOC code (1 to 4 digits) or a region's GSS code"),
        ("B", 21345, "“21345” is not a SOC code (1 to 4 digits) or a region's GSS code"),
        ("A", "Programmers\x9f", "“Programmers\\x9f” holds a control character; type the description again"),
        ("A", "P" * 300, "the description is 300 characters long; at most 255 fit"),
    ],
)
def test_a_cell_that_does_not_say_what_its_column_needs_is_named(column, value, expected):
    data, cell = put(workbook(), "Table 14.7a", "2134", column, value)

    assert read(data) == [f"Sheet “Table 14.7a”, cell {cell}: {expected}"]


def test_text_where_a_cv_belongs_is_named_on_the_cv_sheet():
    data, cell = put(workbook(), "Table 14.7b", "2134", "D", "high")

    assert read(data) == [
        f"Sheet “Table 14.7b”, cell {cell}: “high” is not a coefficient of variation (in percent)"
    ]


def test_every_bad_cell_is_listed_not_only_the_first():
    data, first = put(workbook(), "Table 14.7a", "2134", "D", "forty")
    data, second = put(data, "Table 14.7a", "2133", "H", "n/a")
    data, third = put(data, "Table 15.7a", "2134", "D", "sixty")

    # In the order an editor meets them: sheet by sheet, row by row.
    assert read(data) == [
        f"Sheet “Table 14.7a”, cell {second}: “n/a” is not a number of pounds",
        f"Sheet “Table 14.7a”, cell {first}: “forty” is not a number of pounds",
        f"Sheet “Table 15.7a”, cell {third}: “sixty” is not a number of pounds",
    ]


def test_a_flood_of_bad_cells_stops_at_a_readable_number_of_problems():
    rows = [occupation(str(1000 + number), f"Job {number}", "forty") for number in range(80)]

    problems = read(workbook(rows, regional=None))

    assert len(problems) == ons_workbook.MAX_PROBLEMS


def test_a_table_without_a_soc_code_column_names_its_sheet_and_header():
    def no_code(book):
        book["Table 14.7a"]["B5"] = "Group"

    assert read(edit(workbook(), no_code)) == [
        "Sheet “Table 14.7a”, cell A5: the table has no SOC “Code” column: its header row has “Median” "
        "but no “Code”"
    ]


def test_a_table_without_a_header_row_names_its_sheet():
    def no_header(book):
        book["Table 15.7a"].unmerge_cells("H5:Q5")
        for cell in book["Table 15.7a"][5]:
            cell.value = None

    assert read(edit(workbook(), no_header)) == [
        "Sheet “Table 15.7a”: the table has no SOC “Code” column: none of its first 20 rows has both a "
        "“Code” and a “Median” heading"
    ]


def test_missing_percentile_columns_are_named():
    def fewer_percentiles(book):
        book["Table 14.7a"]["H6"] = None
        book["Table 14.7a"]["Q6"] = "95"

    assert read(edit(workbook(), fewer_percentiles)) == [
        "Sheet “Table 14.7a”, cell A5: the percentile columns 10, 90 are missing: they belong under the "
        "“Percentiles” heading"
    ]


def test_a_workbook_without_the_occupation_table_lists_its_sheets():
    def weekly_pay(book):
        sheet = book["Table 14.7a"]
        sheet.title = "Weekly"
        sheet["A1"] = (
            "Table 14.1a   Weekly pay - Gross (£) - For all employee jobs: United Kingdom, 2026 provisional"
        )

    assert read(edit(workbook(regional=None, cv=False), weekly_pay)) == [
        "No sheet holds Table 14.7a (annual gross pay by 4-digit SOC code): its title in cell A1, or the "
        "sheet's name, should say “Table 14.7a”. Sheets: “Notes”, “Weekly”. It holds Table 14.1a; the "
        "portal reads annual gross pay."
    ]


def test_two_sheets_claiming_the_occupation_table_are_named():
    def copy(book):
        book.copy_worksheet(book["Table 14.7a"]).title = "Copy"

    assert read(edit(workbook(regional=None), copy)) == [
        "Table 14.7a is on 2 sheets (“Table 14.7a”, “Copy”); keep only the one for all employee jobs"
    ]


def test_a_title_without_a_year_is_named_at_a1():
    def no_year(book):
        book["Table 14.7a"]["A1"] = (
            "Table 14.7a   Annual pay - Gross (£) - For all employee jobs: United Kingdom"
        )

    assert read(edit(workbook(), no_year)) == [
        "Sheet “Table 14.7a”, cell A1: the title names no year, e.g. “Table 14.7a ... United Kingdom, "
        "2026 provisional”"
    ]


def test_tables_for_different_years_are_refused():
    def older_regions(book):
        book["Table 15.7a"]["A1"] = (
            "Table 15.7a   Annual pay - Gross (£): by region and occupation, 2025 revised"
        )

    assert read(edit(workbook(), older_regions)) == [
        "Sheet “Table 15.7a”, cell A1: the title is for 2025, but Table 14.7a's is for 2026"
    ]


def test_the_same_code_twice_for_one_region_is_named():
    data, cell = put(workbook(), "Table 14.7a", "2136", "B", 2134)
    number = int(cell[1:])

    assert read(data) == [
        f"Sheet “Table 14.7a”, cell {cell}: SOC code 2134 appears twice for UK: "
        f"rows {number - 1} and {number}"
    ]


def test_the_same_code_in_two_regions_is_fine():
    tables = read_workbook(workbook())

    assert tables.get("2134", BY_SLUG["london"]).median != tables.get("2134", BY_SLUG["scotland"]).median


def test_an_unknown_region_code_is_named():
    data, cell = put(workbook(), "Table 15.7a", "W92000004", "B", "E12000099")

    assert read(data) == [
        f"Sheet “Table 15.7a”, cell {cell}: E12000099 is not the GSS code of the UK, a nation or an "
        "English region"
    ]


def test_region_rows_before_any_region_heading_are_named():
    data, cell = put(workbook(), "Table 15.7a", "E12000007", "B", None)
    number = int(cell[1:])

    assert read(data) == [
        f"Sheet “Table 15.7a”, cell B{number + offset}: SOC code {code} comes before any region's "
        "heading row (the region's name with its GSS code, e.g. North East, E12000001)"
        for offset, code in ((1, "2"), (2, "21"), (3, "2134"))
    ]


def test_a_region_in_the_uk_table_is_named_once_and_its_rows_are_not_taken_as_the_uks():
    data, cell = put(workbook(regional=None), "Table 14.7a", "213", "B", "W92000004")

    assert read(data) == [
        f"Sheet “Table 14.7a”, cell {cell}: Table 14.7a is for the whole UK; "
        "Wales's rows belong in Table 15.7a"
    ]


def test_a_uk_heading_in_the_uk_table_is_allowed():
    def uk_heading(book):
        sheet = book["Table 14.7a"]
        total = next(cell.row for cell in sheet["A"] if cell.value == "All employees")
        sheet.cell(total, 2).value = "K02000001"

    tables = read_workbook(edit(workbook(regional=None), uk_heading))

    assert tables.is_valid, tables.problems
    assert tables.get("2134").median == 52_000


def test_too_many_rows_is_refused_cheaply(monkeypatch):
    monkeypatch.setattr(ons_workbook, "MAX_ROWS", 9)

    assert read(workbook(regional=None)) == [
        "Sheet “Table 14.7a”: the sheet has more than 9 rows; a real table has a few thousand",
        "Sheet “Table 14.7b”: the sheet has more than 9 rows; a real table has a few thousand",
    ]


def test_too_many_occupations_is_refused(monkeypatch):
    monkeypatch.setattr(ons_workbook, "MAX_OCCUPATIONS", 3)

    assert read(workbook()) == ["the workbook has 7 SOC codes; at most 3"]


def test_a_problem_anywhere_leaves_no_estimates_at_all():
    data, _ = put(workbook(), "Table 15.7b", "2", "D", "very")

    tables = read_workbook(data)

    assert not tables.is_valid
    assert tables.estimates == {}
    assert tables.occupation_count() == 0
