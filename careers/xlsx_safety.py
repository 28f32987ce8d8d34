"""Whether uploaded bytes are safe to hand to openpyxl (an xlsx of sane size that cannot explode),
and opening them.

An xlsx is a zip of XML parts. ``container_problem`` reads only the zip's directory (the declared
sizes, flags and names of its members), never a member's content, so a hostile file costs nothing
to refuse. Python's zipfile never returns more than a member's declared size, so the declared
sizes bound what opening the workbook can unpack.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from typing import TYPE_CHECKING

from openpyxl.reader.excel import ExcelReader

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

# What an OLE2 compound file starts with: an old .xls, or an xlsx saved with a password (Excel
# wraps the encrypted zip in one).
OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
# Deflate cannot shrink real spreadsheet XML much beyond 100 to 1; a member that claims far more
# is built to explode. Small members are exempt: their ratio says nothing.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_FROM_BYTES = 1024 * 1024
MAX_MEMBERS = 2_000
SAVE_AS_XLSX = (
    "save it as an unprotected .xlsx workbook (Excel: File › Save As › Excel Workbook) and upload that"
)


def megabytes(size: int) -> str:
    """A size as people read it: "2.5 MB", or "12 KB" below a megabyte."""
    if size < 1024 * 1024:
        return f"{max(size // 1024, 1):,} KB"
    return f"{size / (1024 * 1024):,.1f} MB"


def container_problem(data: bytes, *, max_bytes: int, max_unzipped_bytes: int) -> str | None:
    """Why these bytes cannot be read as an xlsx workbook, or None when openpyxl may open them."""
    if not data:
        return "The file is empty."
    if len(data) > max_bytes:
        return f"The file is {megabytes(len(data))}; a workbook may be at most {megabytes(max_bytes)}."
    if data.startswith(OLE2_SIGNATURE):
        return f"The file is password-protected or an old .xls workbook: {SAVE_AS_XLSX}."
    if not data.startswith(b"PK"):
        return f"The file is not an xlsx workbook: {SAVE_AS_XLSX}."
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception:  # zipfile raises many kinds of error on a damaged directory
        return "The file is damaged: it is not a readable xlsx workbook. Save it again from Excel."
    return _members_problem(members, max_unzipped_bytes)


def _members_problem(members: list[zipfile.ZipInfo], max_unzipped_bytes: int) -> str | None:
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        if "xl/workbook.bin" in names:
            return f"The file is an Excel binary workbook (.xlsb), not an xlsx workbook: {SAVE_AS_XLSX}."
        if "content.xml" in names:
            return f"The file is an OpenDocument spreadsheet (.ods), not an xlsx workbook: {SAVE_AS_XLSX}."
        return f"The file is not an xlsx workbook (it has no xl/workbook.xml part): {SAVE_AS_XLSX}."
    if not any(name.startswith("xl/worksheets/") and name.endswith(".xml") for name in names):
        return "The workbook is damaged: it has no worksheets. Save it again from Excel."
    if len(members) > MAX_MEMBERS:
        return f"The workbook has {len(members):,} parts; a real one has a few dozen. It was refused."
    if any(member.flag_bits & 0x1 for member in members):
        return f"The workbook is password-protected: {SAVE_AS_XLSX}."
    if any(member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for member in members):
        return "The workbook is packed in a way Excel does not use. Save it again from Excel."
    unzipped = sum(member.file_size for member in members)
    if unzipped > max_unzipped_bytes:
        return (
            f"The workbook would expand to {megabytes(unzipped)} when opened, over the "
            f"{megabytes(max_unzipped_bytes)} allowed. It was refused."
        )
    for member in members:
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            return (
                f"The workbook's part {member.filename[:80]} expands {ratio:,} times over when opened, "
                "which no real spreadsheet does. It was refused."
            )
    return None


def open_workbook(data: bytes) -> Workbook:
    """openpyxl's load_workbook, read-only and with values not formulas, refusing a missing sheet.

    load_workbook silently drops a sheet whose part is missing from the zip: a table lost that
    way must be reported as damage, not as a table the workbook does not have.
    """
    reader = ExcelReader(BytesIO(data), read_only=True, data_only=True, keep_links=False)
    reader.read()
    for _sheet, relation in reader.parser.find_sheets():
        if relation.target not in reader.valid_files:
            reader.wb.close()
            raise KeyError(f"There is no item named '{relation.target}' in the archive")
    return reader.wb


def damage_message(error: Exception) -> str:
    """What to tell an editor when openpyxl could not open or read the workbook."""
    if isinstance(error, KeyError):
        part = re.search(r"'([^']{1,120})'", str(error))
        missing = f" ({part.group(1)})" if part else ""
        return f"The workbook is damaged: a part it lists is missing{missing}. Save it again from Excel."
    return (
        f"The workbook is damaged and could not be read ({type(error).__name__}). Save it again from Excel."
    )
