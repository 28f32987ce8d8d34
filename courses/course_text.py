"""Display text for course facts, and writing a comparison as CSV.

One wording for prices, durations, dates and salary bands wherever a course is
shown: the public comparison and its CSV, course pages and the staff dashboard.
"""

from __future__ import annotations

import csv
import datetime
from decimal import Decimal
from typing import IO, TYPE_CHECKING

from django.utils import dateformat

from careers.models import SalaryFigure
from portal.money import gbp

if TYPE_CHECKING:
    from courses.comparison import Comparison


def salary_band_text(figure: SalaryFigure | None) -> str:
    """'£28,000–£75,000, UK average £45,000', or a plain statement that there is no figure."""
    if figure is None:
        return "No salary figures yet"
    return figure.band_text


def price_text(price: Decimal) -> str:
    """'Free', '£4,500' or '£49.99': the site's money format, with a word for no charge."""
    return "Free" if price == 0 else gbp(price)


def count_text(number: int, word: str) -> str:
    """'1 week', '12 weeks'."""
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def uk_date(day: datetime.date) -> str:
    """'11 January 2027'."""
    return dateformat.format(day, "j F Y")


def short_uk_date(day: datetime.date) -> str:
    """'11 Jan 2027': for lists of dates in narrow columns."""
    return dateformat.format(day, "j M Y")


def write_csv(comparison: Comparison, stream: IO[str]) -> None:
    """Write the same rows the page shows; cells that a spreadsheet would run as formulas are defused."""
    writer = csv.writer(stream)
    for line in comparison.as_rows():
        writer.writerow([csv_safe(text) for text in line])


def csv_safe(text: str) -> str:
    """Editor-written text for a CSV cell: a leading quote stops spreadsheets running it as a formula."""
    # A leading = + - @ (or tab, carriage return) makes Excel and friends evaluate the cell.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
