"""Checks on the API's query parameters, so a bad value gets a 400 with a message, never a 500.

Wagtail's API v2 converts some parameters itself but hands others to the database as they
come: a NUL byte (PostgreSQL refuses it), an offset or id beyond 64 bits (SQLite cannot bind
it), `price=abc` or `article_date=notadate` (Django raises while building the query). Each
field filter is checked by the model field it filters, so new `api_fields` are covered too.
"""

from __future__ import annotations

import datetime
import decimal
import unicodedata
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.http import QueryDict
from django.utils import timezone
from taggit.managers import TaggableManager
from wagtail.api.v2.utils import BadRequestError, parse_boolean

# Longer than any real filter, path or field list; long enough values only cost the database.
MAX_PARAMETER_LENGTH = 1000
# The largest OFFSET both SQLite and PostgreSQL accept (a signed 64-bit integer).
MAX_OFFSET = 2**63 - 1
# Parameters naming a page by id; all but ancestor_of also take "root" (the site's root page).
PAGE_ID_PARAMETERS = {"child_of": True, "descendant_of": True, "translation_of": True, "ancestor_of": False}


def shown_name(name: str) -> str:
    return name if len(name) <= 40 else name[:40] + "…"


def check_text(query: QueryDict) -> None:
    """Every name and value: no control characters, nothing absurdly long."""
    for name, values in query.lists():
        for text in (name, *values):
            if any(unicodedata.category(char) == "Cc" for char in text):
                raise BadRequestError(
                    f"query parameter '{shown_name(name)}' contains a control character "
                    "(such as a NUL byte), which is not allowed"
                )
            if len(text) > MAX_PARAMETER_LENGTH:
                raise BadRequestError(
                    f"query parameter '{shown_name(name)}' is too long "
                    f"(at most {MAX_PARAMETER_LENGTH} characters)"
                )


def whole_number(name: str, value: str, low: int, high: int, what: str = "a whole number") -> int:
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise BadRequestError(f"{name} must be {what} between {low} and {high}")
    return number


def integer_range(field: models.Field) -> tuple[int, int]:
    # The column's range as Django records it, the same for SQLite and PostgreSQL; a field
    # type it does not list is held to 64 bits, the most either database can bind.
    return BaseDatabaseOperations.integer_field_ranges.get(
        field.get_internal_type(), BaseDatabaseOperations.integer_field_ranges["BigIntegerField"]
    )


def check_paging(query: QueryDict) -> None:
    """`limit` and `offset`; Wagtail's pagination still applies its own upper limit on `limit`."""
    for value in query.getlist("offset"):
        whole_number("offset", value, 0, MAX_OFFSET)
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or MAX_OFFSET
    for value in query.getlist("limit"):
        whole_number("limit", value, 0, limit_max)


def check_page_ids(query: QueryDict, pk_field: models.Field) -> None:
    high = integer_range(pk_field)[1]
    for name, allows_root in PAGE_ID_PARAMETERS.items():
        for value in query.getlist(name):
            if allows_root and value == "root":
                continue
            what = ("'root' or " if allows_root else "") + "a page id, a whole number"
            whole_number(name, value, 0, high, what=what)


def check_id(query: QueryDict, pk_field: models.Field) -> None:
    """`id` filters a listing and names the object for /find/."""
    for value in query.getlist("id"):
        whole_number("id", value, 0, integer_range(pk_field)[1])


def check_filter(name: str, field: models.Field | None, values: Iterable[str]) -> None:
    """One field filter (`?price=1200`), checked as the database column would take it."""
    if field is None or isinstance(field, TaggableManager):
        return
    if field.is_relation:
        # A link (provider, sector, features ...) filters by the linked row's id.
        field = field.target_field
    for value in values:
        _check_value(name, field, value)


def _check_value(name: str, field: models.Field, value: str) -> None:
    if field.primary_key and isinstance(field, models.IntegerField):
        what = "a whole number" if name == field.name else "an id, a whole number"
        whole_number(name, value, 0, integer_range(field)[1], what=what)
    elif isinstance(field, models.BooleanField):
        try:
            parse_boolean(value)
        except ValueError as error:
            raise BadRequestError(f"{name} must be true or false (or 1 or 0)") from error
    elif isinstance(field, models.IntegerField):
        low, high = integer_range(field)
        whole_number(name, value, low, high)
    elif isinstance(field, models.DecimalField):
        _check_decimal(name, field, value)
    elif isinstance(field, models.DateTimeField):
        _check_datetime(name, field, value)
    elif isinstance(field, models.DateField):
        try:
            parsed = field.to_python(value)
        except ValidationError:
            parsed = None
        if parsed is None:
            raise BadRequestError(f"{name} must be a date in the form YYYY-MM-DD, such as 2026-03-01")
    elif field.get_internal_type() == "JSONField":
        # Stream fields and JSON: equality with a query-string value is never what was meant.
        raise BadRequestError(f"cannot filter by {name}")
    else:
        try:
            field.to_python(value)
        except (ValidationError, ValueError, TypeError) as error:
            raise BadRequestError(f"'{shown_name(value)}' is not a valid value for {name}") from error


def _check_decimal(name: str, field: models.DecimalField, value: str) -> None:
    message = (
        f"{name} must be a number with at most {field.max_digits} digits, "
        f"{field.decimal_places} of them after the decimal point, such as 1200.50"
    )
    try:
        number = decimal.Decimal(value)
    except decimal.InvalidOperation as error:
        raise BadRequestError(message) from error
    if not number.is_finite():
        raise BadRequestError(message)
    try:
        DecimalValidator(field.max_digits, field.decimal_places)(number)
    except ValidationError as error:
        raise BadRequestError(message) from error


def _check_datetime(name: str, field: models.DateTimeField, value: str) -> None:
    message = (
        f"{name} must be a date and time in the form YYYY-MM-DDTHH:MM:SS, "
        "optionally with a time zone, such as 2026-03-01T09:30:00Z"
    )
    try:
        parsed = field.to_python(value)
        if parsed is None:
            raise BadRequestError(message)
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        # The database stores UTC: a time near year 1 or 9999 may not convert.
        parsed.astimezone(datetime.UTC)
    except (ValidationError, OverflowError, ValueError) as error:
        raise BadRequestError(message) from error
