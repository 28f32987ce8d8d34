"""Staff download the salaries and content health as CSV and XLSX, with money as numbers."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from careers.factories import CareerPageFactory, SalaryFigureFactory, SalarySourceFactory

pytestmark = pytest.mark.django_db

SALARIES = "/admin/comparison/salaries/"
CONTENT_HEALTH = "/admin/comparison/content-health/"


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def xlsx_rows(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


@pytest.fixture
def career(career_index):
    page = CareerPageFactory(parent=career_index, title="=Nurse", soc_code="", body=[])
    SalaryFigureFactory(
        career=page,
        region="London",
        minimum=28_000,
        typical=45_000,
        maximum=75_000,
        source=SalarySourceFactory(name="Made up", is_illustrative=True),
    )
    return page


def test_the_salaries_page_offers_both_downloads(client, staff, career):
    client.force_login(staff)
    html = client.get(SALARIES).content.decode()
    assert 'href="?export=csv"' in html and 'href="?export=xlsx"' in html


def test_salaries_download_as_csv_with_whole_pounds_and_guarded_text(client, staff, career):
    client.force_login(staff)
    response = client.get(SALARIES, {"export": "csv"})
    assert response["Content-Disposition"].startswith('attachment; filename="salaries-')
    (row,) = csv_rows(response)
    assert row["Career"] == "'=Nurse"  # a title a spreadsheet would run as a formula
    assert (row["Region"], row["Minimum (GBP)"], row["Typical (GBP)"], row["Maximum (GBP)"]) == (
        "London",
        "28000",
        "45000",
        "75000",
    )
    assert row["Source"] == "Made up"


def test_salaries_download_as_xlsx_with_money_as_numbers(client, staff, career):
    client.force_login(staff)
    heading, row = xlsx_rows(client.get(SALARIES, {"export": "xlsx"}))
    money = dict(zip(heading, row, strict=True))
    assert money["Minimum (GBP)"] == 28_000 and isinstance(money["Typical (GBP)"], int)
    assert money["Career"] == "=Nurse"  # stored as text, not run


def test_content_health_downloads_every_problem_it_lists(client, staff, career):
    client.force_login(staff)
    rows = csv_rows(client.get(CONTENT_HEALTH, {"export": "csv", "months": "6"}))
    checks = {(row["Check"], row["Career, course, page or source"]) for row in rows}
    assert ("Salary sources that are illustrative or give no link", "Made up") in checks
    assert ("Careers missing a part", "'=Nurse") in checks
    missing = next(row for row in rows if row["Check"] == "Careers missing a part")
    assert "a hero image" in missing["What to fix"] and missing["Status"] == "Live"
    heading, *xlsx = xlsx_rows(client.get(CONTENT_HEALTH, {"export": "xlsx"}))
    assert heading[:2] == ("Check", "Career, course, page or source") and len(xlsx) >= 2


def test_an_unknown_format_shows_the_page_and_others_may_not_download(client, staff, editor, career):
    client.force_login(staff)
    assert client.get(SALARIES, {"export": "pdf\x00"}).status_code == 200
    client.force_login(editor)
    assert client.get(SALARIES, {"export": "csv"}).status_code in (302, 403)
    assert client.get(CONTENT_HEALTH, {"export": "xlsx"}).status_code in (302, 403)
