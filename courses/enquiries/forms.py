"""The student's enquiry form: what it asks, the consent wording, and every message it gives.

Each message says what to do next, and sits next to its field (Django gives each input
``aria-describedby`` pointing at its error and help text). Limits match the model's columns, so
what the form accepts the database stores.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.utils import dateformat

from courses.enquiries.models import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, QUESTION_MAX_LENGTH

# Bump when the consent words change: each enquiry records the version and the words it agreed to.
CONSENT_VERSION = "2026-11"
HONEYPOT_FIELD = "website"
NULL_MESSAGE = "Remove the invisible control characters (such as a NUL byte) and try again."
# Line breaks and tabs belong in a question; no other control character belongs anywhere.
_QUESTION_WHITESPACE = {"\n", "\r", "\t"}


def consent_label(organisation: str) -> str:
    return f"I agree that {organisation} may keep these details and use them to answer my enquiry."


def retention_text(days: int) -> str:
    """'a year', '2 years', '90 days': how long enquiries are kept, as the privacy help says it."""
    if days % 365 == 0:
        years = days // 365
        return "a year" if years == 1 else f"{years} years"
    return f"{days} day{'s' if days != 1 else ''}"


def consent_help(retention_days: int) -> str:
    kept = retention_text(retention_days)
    return f"Admissions use them only to reply to you, and we delete them after {kept}."


def consent_words(organisation: str, retention_days: int, privacy_url: str = "") -> str:
    """The consent as the student read it, kept with each enquiry."""
    words = f"{consent_label(organisation)} {consent_help(retention_days)}"
    return f"{words} Privacy notice: {privacy_url}" if privacy_url else words


def _has_control_characters(text: str, allowed: set[str] | frozenset[str] = frozenset()) -> bool:
    return any(unicodedata.category(char) == "Cc" and char not in allowed for char in text)


class EmailAddressField(forms.EmailField):
    """An email field that says one thing about a control character, not that and "invalid" too."""

    def to_python(self, value: object) -> str:
        text = super().to_python(value)
        if _has_control_characters(text):
            raise ValidationError(NULL_MESSAGE, code="null_characters_not_allowed")
        return text


class EnquiryForm(forms.Form):
    """Name, email, an optional question, a start date from the course's own, and consent."""

    name = forms.CharField(
        label="Your name",
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": "Enter your name, so admissions know who to reply to.",
            "max_length": f"Keep your name to {NAME_MAX_LENGTH} characters or fewer.",
            "null_characters_not_allowed": NULL_MESSAGE,
        },
    )
    email = EmailAddressField(
        label="Your email address",
        max_length=EMAIL_MAX_LENGTH,
        help_text="Admissions will reply to this address.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address, so admissions can reply.",
            "invalid": "Enter an email address in the form name@example.com.",
            "max_length": f"An email address has at most {EMAIL_MAX_LENGTH} characters: check yours.",
            "null_characters_not_allowed": NULL_MESSAGE,
        },
    )
    question = forms.CharField(
        label="Your question (optional)",
        required=False,
        max_length=QUESTION_MAX_LENGTH,
        help_text=f"Anything you would like to know. Up to {QUESTION_MAX_LENGTH:,} characters.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": (
                f"Keep your question to {QUESTION_MAX_LENGTH:,} characters or fewer (it has %(show_value)d)."
            ),
            "null_characters_not_allowed": NULL_MESSAGE,
        },
    )
    start_date = forms.TypedChoiceField(
        label="Start date you are interested in",
        required=False,
        coerce=datetime.date.fromisoformat,
        empty_value=None,
        error_messages={"invalid_choice": "Choose one of the start dates listed, or “Not sure yet”."},
    )
    consent = forms.BooleanField(
        error_messages={
            "required": "Tick the box to agree, or admissions cannot keep and answer your enquiry."
        },
    )
    # A trap for robots that fill in every field: people never see it (see the template).
    website = forms.CharField(required=False, label="Leave this field empty", max_length=200)

    def __init__(
        self,
        *args: object,
        start_dates: Sequence[datetime.date],
        organisation: str,
        retention_days: int,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [("", "Not sure yet")]
        choices += [(day.isoformat(), dateformat.format(day, "l j F Y")) for day in start_dates]
        self.fields["start_date"].choices = choices
        self.fields["consent"].label = consent_label(organisation)
        self.fields["consent"].help_text = consent_help(retention_days)

    @property
    def caught_in_trap(self) -> bool:
        """Whether the field people cannot see was filled in: a robot, or an over-eager autofill."""
        return bool(str(self.data.get(HONEYPOT_FIELD, "")).strip())

    def clean_name(self) -> str:
        name = unicodedata.normalize("NFC", self.cleaned_data["name"])
        if _has_control_characters(name):
            raise ValidationError("Your name cannot contain line breaks or control characters.")
        return name

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        local, _, domain = email.rpartition("@")
        return f"{local}@{domain.lower()}"

    def clean_question(self) -> str:
        question = unicodedata.normalize("NFC", self.cleaned_data["question"])
        if _has_control_characters(question, _QUESTION_WHITESPACE):
            raise ValidationError("Remove the invisible control characters from your question and try again.")
        if len(question) > QUESTION_MAX_LENGTH:
            # NFC can lengthen a few scripts; the column's limit is what counts.
            raise ValidationError(f"Keep your question to {QUESTION_MAX_LENGTH:,} characters or fewer.")
        return question
