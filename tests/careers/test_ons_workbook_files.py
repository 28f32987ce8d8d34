"""Files that are not a readable xlsx workbook: each refused with one clear message, never an error."""

from __future__ import annotations

import random
import struct
import zipfile

import pytest

from careers.ons_workbook import read_workbook
from careers.xlsx_safety import OLE2_SIGNATURE
from tests.careers.earnings_workbooks import members_of, messages, workbook, zipped

SAVE_AS = "save it as an unprotected .xlsx workbook"


def only_message(data: bytes) -> str:
    found = messages(read_workbook(data))
    assert len(found) == 1, found
    return found[0]


def with_central_directory(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    """The zip with one field of each central directory entry set to ``value``."""
    patched = bytearray(data)
    start = patched.find(b"PK\x01\x02")
    while start != -1:
        struct.pack_into(fmt, patched, start + offset, value)
        start = patched.find(b"PK\x01\x02", start + 4)
    return bytes(patched)


def test_an_empty_file_is_refused():
    assert only_message(b"") == "The file is empty."


@pytest.mark.parametrize(
    "data",
    [
        b"career,region,minimum\nai-specialist,UK,30000\n",
        random.Random(12).randbytes(5_000),
        b"%PDF-1.7\n",
    ],
    ids=["csv", "random bytes", "pdf"],
)
def test_a_file_that_is_not_a_workbook_is_refused(data):
    message = only_message(data)

    assert message.startswith("The file is not an xlsx workbook")
    assert SAVE_AS in message


def test_a_password_protected_workbook_or_an_old_xls_says_so():
    message = only_message(OLE2_SIGNATURE + bytes(4_000))

    assert "password-protected or an old .xls" in message
    assert SAVE_AS in message


def test_a_zip_marked_encrypted_is_refused_as_password_protected():
    # General purpose flag, bit 0: the member is encrypted.
    data = with_central_directory(workbook(regional=None), 8, "<H", 1)

    assert only_message(data).startswith(
        f"The workbook is password-protected: {SAVE_AS} (Excel: File › Save As"
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened(settings):
    settings.SALARY_WORKBOOK_MAX_BYTES = 4 * 1024
    data = workbook()

    assert only_message(data) == f"The file is {len(data) // 1024} KB; a workbook may be at most 4 KB."


def test_a_workbook_that_would_expand_past_the_limit_is_refused(settings):
    settings.SALARY_WORKBOOK_MAX_UNZIPPED_BYTES = 2 * 1024 * 1024
    members = members_of(workbook(regional=None)) | {"xl/media/image1.bin": bytes(5 * 1024 * 1024)}

    message = only_message(zipped(members))

    assert message.startswith("The workbook would expand to 5.")
    assert "over the 2.0 MB allowed. It was refused." in message


def test_a_member_declaring_a_huge_size_is_refused_without_unpacking_it():
    # Uncompressed size, at offset 24 of a central directory entry: about 4 GB each.
    data = with_central_directory(workbook(regional=None), 24, "<I", 0xFFFF_FFF0)

    message = only_message(data)

    assert message.startswith("The workbook would expand to ")
    assert "200.0 MB allowed" in message


def test_a_zip_bomb_within_the_size_limit_is_refused_by_its_compression_ratio():
    members = members_of(workbook(regional=None)) | {"xl/worksheets/sheet9.xml": bytes(30 * 1024 * 1024)}

    message = only_message(zipped(members))

    assert message.startswith("The workbook's part xl/worksheets/sheet9.xml expands ")
    assert message.endswith("which no real spreadsheet does. It was refused.")


def test_a_truncated_workbook_is_damaged():
    data = workbook()

    assert only_message(data[: len(data) // 2]) == (
        "The file is damaged: it is not a readable xlsx workbook. Save it again from Excel."
    )


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}, "(.ods)"),
        ({"xl/workbook.bin": b"\x00", "[Content_Types].xml": b"<x/>"}, "(.xlsb)"),
        ({"word/document.xml": b"<x/>"}, "it has no xl/workbook.xml part"),
    ],
    ids=["ods", "xlsb", "docx"],
)
def test_another_kind_of_zip_is_named(members, expected):
    message = only_message(zipped(members))

    assert expected in message
    assert SAVE_AS in message


def test_a_workbook_without_worksheets_is_damaged():
    members = {name: content for name, content in members_of(workbook()).items() if "worksheets/" not in name}

    assert (
        only_message(zipped(members))
        == "The workbook is damaged: it has no worksheets. Save it again from Excel."
    )


def test_a_workbook_missing_a_sheet_it_lists_is_damaged():
    members = members_of(workbook())
    del members["xl/worksheets/sheet2.xml"]

    assert only_message(zipped(members)) == (
        "The workbook is damaged: a part it lists is missing (xl/worksheets/sheet2.xml). "
        "Save it again from Excel."
    )


def test_a_nul_byte_inside_a_sheet_is_damage_not_an_error():
    members = members_of(workbook())
    sheet = members["xl/worksheets/sheet2.xml"]
    members["xl/worksheets/sheet2.xml"] = sheet.replace(b"Programmers and", b"Programmers\x00and", 1)

    message = only_message(zipped(members))

    assert message.startswith("The workbook is damaged and could not be read")


def test_a_member_packed_in_a_way_excel_does_not_use_is_refused():
    data = with_central_directory(workbook(regional=None), 10, "<H", zipfile.ZIP_BZIP2)

    assert (
        only_message(data) == "The workbook is packed in a way Excel does not use. Save it again from Excel."
    )


def test_damaged_bytes_anywhere_give_problems_or_figures_never_an_error():
    original = workbook(regional=None)
    chance = random.Random(2026)
    for _ in range(40):
        damaged = bytearray(original)
        for _ in range(chance.randint(1, 8)):
            damaged[chance.randrange(len(damaged))] = chance.randrange(256)

        tables = read_workbook(bytes(damaged))

        assert tables.is_valid or (tables.problems and not tables.estimates)
