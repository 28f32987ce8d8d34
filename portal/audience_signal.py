"""How a page tells the view counter what it shows: a short header the counter removes.

Pages call :func:`mark` on their response. The page cache stores the header with the page, so a
cache hit carries it too, and portal/audience_counting.py counts hits and renders alike without
resolving the URL or looking anything up. Kept apart from the counting so page models can import
it without importing the fold task.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse

SIGNAL_HEADER = "X-Audience-Signal"
CAREER, COURSE, COMPARISON = "career", "course", "comparison"


def mark(response: HttpResponse, kind: str, page_id: int, courses: Iterable[int] = ()) -> HttpResponse:
    """Say what the response shows: a career or course page, or a comparison (``page_id`` the
    course list it is a route of, ``courses`` the compared course pages)."""
    signal = f"{kind}:{int(page_id)}"
    course_ids = sorted({int(pk) for pk in courses})
    if course_ids:
        signal += ":" + ",".join(str(pk) for pk in course_ids)
    response[SIGNAL_HEADER] = signal
    return response
