"""Admin forms for the careers app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from careers.salary_csv import COLUMNS, MAX_BYTES, file_too_large_message


class SalaryImportForm(forms.Form):
    """Upload a salary CSV; a dry run (the default) shows what would change without changing it."""

    file = forms.FileField(
        label="CSV file",
        # An empty file gets the import's own plain message rather than Django's.
        allow_empty_file=True,
        help_text=(
            "UTF-8 CSV, at most 1 MB, with the header: " + ",".join(COLUMNS) + ". "
            "Dates as 2026-03-01 or 01/03/2026; typical kind is median or average."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label="Dry run: only show what would change",
        required=False,
        initial=True,
        help_text="Untick to import straight away if the file has no problems.",
    )

    def clean_file(self) -> bytes:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(file_too_large_message(upload.size))
        # Read one byte past the limit: a wrong declared size must not let a huge file in.
        data = upload.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise forms.ValidationError(file_too_large_message(len(data)))
        return data


class ConfirmImportForm(forms.Form):
    """Apply the file checked by the last dry run, kept in the session under this token."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class EarningsWorkbookForm(forms.Form):
    """Upload the ONS annual-pay workbook; the dry run always comes first."""

    file = forms.FileField(
        label="ONS earnings workbook (.xlsx)",
        allow_empty_file=True,
        help_text=(
            "The ASHE annual pay workbook as the ONS publishes it, saved as .xlsx: the occupation table "
            "(Table 14.7a) and, for regions, the region-by-occupation table (Table 15.7a), with their CV "
            "tables (14.7b, 15.7b) if you have them. At most {limit} MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.SALARY_WORKBOOK_MAX_BYTES
        self.fields["file"].help_text = self.fields["file"].help_text.format(limit=f"{limit / 1024 / 1024:g}")

    def clean_file(self) -> bytes:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = settings.SALARY_WORKBOOK_MAX_BYTES
        too_large = (
            f"The file is larger than {limit / 1024 / 1024:g} MB, the most a workbook may be. "
            "Remove sheets the import does not use, or ask a site administrator to raise the limit."
        )
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(too_large)
        data = upload.read(limit + 1)
        if len(data) > limit:
            raise forms.ValidationError(too_large)
        return data
