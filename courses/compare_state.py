"""What a comparison's address asks for, and where its column buttons lead.

Each course's column heading has Pin (or Unpin) and Remove. They are buttons of one small GET
form that carries the comparison's state once (``courses``, ``career``, ``only_differences``,
``pinned``), each button adding its own ``pin=``, ``unpin=`` or ``remove=`` and the course's slug.
The headings at a glance belong to the same form and add ``attribute=``, which is rendered, not
redirected.
The compare route answers such a request with a redirect to the comparison's own address with
that change made, so the address bar, the share link and the page cache only ever see the
comparison's address. As links they wrote the whole address twice in each of 16 headings: about
19 KB of a 72 KB page, sent with every comparison for a click a reader makes now and then.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from django.http import QueryDict

from careers.models import CareerPage
from courses.comparison import Column
from courses.course_selection import MAX_PINNED

# The column buttons' parameters, each naming one course by its slug.
COLUMN_ACTIONS = ("pin", "unpin", "remove")


@dataclass(frozen=True)
class CompareState:
    """What a comparison's address asks for beyond the courses: a career, switches, pins, one attribute."""

    career: CareerPage | None = None
    only_differences: bool = False
    pinned: tuple[str, ...] = ()
    attribute: str = ""

    def query(
        self, slugs: list[str], pinned: tuple[str, ...] | None = None, attribute: str | None = None
    ) -> str:
        """A readable query string: courses=a,b,c keeps its commas so shared links stay legible.

        Pins of courses not in ``slugs`` are dropped, so removing a pinned course unpins it.
        """
        pinned = self.pinned if pinned is None else pinned
        pins = [slug for slug in slugs if slug in pinned]  # in the comparison's order, as stored
        query = "courses=" + quote(",".join(slugs), safe=",")
        if self.career is not None:
            query += "&" + urlencode({"career": self.career.slug})
        if self.only_differences:
            query += "&only_differences=1"
        if pins:
            query += "&pinned=" + quote(",".join(pins), safe=",")
        attribute = self.attribute if attribute is None else attribute
        if attribute:
            query += "&" + urlencode({"attribute": attribute})
        return query


def asks_for_column_change(query: QueryDict) -> bool:
    return any(name in query for name in COLUMN_ACTIONS)


def after_column_change(query: QueryDict, state: CompareState, slugs: list[str]) -> str:
    """The query string of the comparison once the buttons' changes are made.

    A slug that is not one of the compared courses changes nothing, so a mistyped or hostile value
    leads back to the comparison as it was. A pin beyond :data:`MAX_PINNED` is kept in the address,
    where the comparison says it pinned only the first ones.
    """
    removed = set(query.getlist("remove"))
    unpinned = set(query.getlist("unpin"))
    kept = [slug for slug in slugs if slug not in removed]
    pinned = [slug for slug in state.pinned if slug not in unpinned]
    pinned += [slug for slug in query.getlist("pin") if slug in kept and slug not in pinned]
    return state.query(kept, pinned=tuple(pinned))


def column_headings(columns: Sequence[Column], pinned: Sequence[str]) -> list[dict[str, Any]]:
    """Each course's heading as ``course_headings_html`` writes it: pinned or not, and whether its
    Pin button is offered (no more than :data:`MAX_PINNED` columns can be pinned)."""
    room = len(pinned) < MAX_PINNED
    return [
        {"column": column, "pinned": column.slug in pinned, "can_pin": column.slug in pinned or room}
        for column in columns
    ]
