"""One page of a list, and how long the whole list is, read by one query.

Django's paginator counts the list (one query) and then reads the page (another), and builds a
whole page object per row although a list whose cards are kept (portal/kept_cards.py) needs
only their ids. Here the page's rows bring the count with them (``COUNT(*) OVER ()``, on SQLite
and PostgreSQL alike), and only the columns asked for. A page past the end has no rows to carry
the count: only then is the list counted on its own.
"""

from __future__ import annotations

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet, Window

from portal.kept_cards import CardRef

TOTAL = "listing_total"
# Page numbers beyond this are read as past the end without asking: an offset that large
# would overflow the database's integers.
MAX_PAGE = 999_999


def counted_rows(
    queryset: QuerySet, fields: tuple[str, ...], start: int, stop: int
) -> tuple[list[dict], int | None]:
    """The ``fields`` of rows ``start`` to ``stop`` of ``queryset`` (in its order), and the number of
    rows in it, or None when there are no rows that far (the list was not counted)."""
    if queryset.query.distinct:
        # The window counts rows before DISTINCT removes repeats: count as the paginator does.
        total = queryset.count()
        return list(queryset.values(*fields)[start:stop]), total
    rows = list(queryset.annotate(**{TOTAL: Window(Count("*"))}).values(*fields, TOTAL)[start:stop])
    if not rows:
        return [], None
    total = rows[0][TOTAL]
    for row in rows:
        del row[TOTAL]
    return rows, total


def page_of_refs(
    queryset: QuerySet, fields: tuple[str, ...], per_page: int, number: int | None
) -> tuple[PaginatorPage, bool]:
    """Page ``number`` of ``queryset`` as ``CardRef``s carrying ``fields`` (besides ``pk``), and
    whether it exists: a page past the end (or None, a number that could not be read) gives
    page 1 and False. The paginator is counted, so the template's page links cost no query."""
    if number is not None and not 1 <= number <= MAX_PAGE:
        number = None
    wanted = number or 1
    start = (wanted - 1) * per_page
    rows, total = counted_rows(queryset, ("pk", *fields), start, start + per_page)
    found = number is not None
    if total is None:
        total = queryset.count() if wanted > 1 else 0
        if wanted > 1:
            found = False
            rows, _total = counted_rows(queryset, ("pk", *fields), 0, per_page)
    paginator = Paginator(queryset, per_page)
    paginator.count = total
    page = PaginatorPage([CardRef(**row) for row in rows], wanted if found else 1, paginator)
    return page, found
