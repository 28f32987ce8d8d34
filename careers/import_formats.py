"""Money and dates written the way the salary import reads them, in the import and in the editor.

An editor may type "£45,000" or "01/03/2026" on the career's Salary tab, as in a CSV file; anything
else is refused with a message saying what to write, never turned into another value.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

_MONEY_RE = re.compile(r"^\d+(\.0+)?$")
DATE_PATTERNS = ("%Y-%m-%d", "%d/%m/%Y")
MONEY_MESSAGE = "Enter whole pounds, such as 45000, 45,000 or £45,000."
DATE_MESSAGE = "Enter the date as 2026-03-01 or 01/03/2026 (day first)."


def parse_money(raw: str) -> int | None:
    """'45000', '45,000', '£45,000' or '45000.00' as whole pounds; None if it is not a number."""
    cleaned = raw.strip().lstrip("£").replace(",", "").replace(" ", "")
    if not _MONEY_RE.match(cleaned):
        return None
    return int(cleaned.split(".")[0])


def parse_date(raw: str) -> datetime.date | None:
    """2026-03-01 or 01/03/2026 (day first, UK style); None if it is neither."""
    raw = raw.strip()
    for pattern in DATE_PATTERNS:
        try:
            return datetime.datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a plain date
        except ValueError:
            continue
    return None


class PoundsFormField(forms.IntegerField):
    # A text box, not type=number: a browser's number box refuses "£45,000" before the server sees it.
    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {"invalid": MONEY_MESSAGE}

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        pounds = parse_money(str(value))
        if pounds is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return pounds


class ImportDateFormField(forms.DateField):
    # A text box: the admin's date picker silently replaced a date typed in another format with today's.
    widget = forms.DateInput(format="%Y-%m-%d", attrs={"placeholder": "2026-03-01", "autocomplete": "off"})
    default_error_messages = {"invalid": DATE_MESSAGE}

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        parsed = parse_date(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class PoundsField(models.PositiveIntegerField):
    """Whole pounds, typed in the editor as the import reads them."""

    def formfield(self, **kwargs: Any) -> forms.Field:
        kwargs.pop("widget", None)
        return super().formfield(**{**kwargs, "form_class": PoundsFormField})


class ImportDateField(models.DateField):
    """A date, typed in the editor as the import reads it."""

    def formfield(self, **kwargs: Any) -> forms.Field:
        kwargs.pop("widget", None)  # Wagtail's date picker, given to every DateField
        return super().formfield(**{**kwargs, "form_class": ImportDateFormField})
