"""Admin forms for the careers app."""

from __future__ import annotations

from django import forms
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
