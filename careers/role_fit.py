"""The "Is this role for you?" self-check, read from the query string and never stored.

The form on a career page is a plain GET to the page itself (no script, no session, no cookie):
``?self_check=1&statement=2&statement=5``, where each ``statement`` is the 1-based position of a
ticked statement. ``self_check`` says the form was sent, so ticking nothing still gets an answer.
Anything else (an unknown number, a letter, a NUL, thousands of repeats) is ignored with a note.

The page cache keys the page on both parameters but never keeps an answer (``cacheable`` is False
once either is present): every combination of ticks would otherwise be an entry of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import QueryDict

from portal.page_cache import QueryParams

if TYPE_CHECKING:
    from careers.models import SelfCheckStatement, Skill

SENT_PARAM = "self_check"
STATEMENT_PARAM = "statement"
QUERY_PARAMS = QueryParams(single=(SENT_PARAM,), repeated=(STATEMENT_PARAM,))
# Only this many values are looked at: a page has at most 8 statements.
MOST_VALUES_READ = 20
# At or above this share ticked it "sounds like a good fit"; below LOW, parts will be hard.
GOOD_FIT, LOW_FIT = 0.75, 0.4


@dataclass
class Item:
    number: int
    statement: SelfCheckStatement
    ticked: bool


@dataclass
class SelfCheck:
    items: list[Item]
    asked: bool = False  # the query string carries the self-check's parameters, used or not
    sent: bool = False
    ignored_values: bool = False
    verdict: str = ""  # "good", "partly" or "hard" once sent
    heading: str = ""
    message: str = ""
    skills_to_learn: list[Skill] = field(default_factory=list)
    traits_to_consider: list[str] = field(default_factory=list)
    courses: list[Any] = field(default_factory=list)

    @property
    def ticked_count(self) -> int:
        return sum(item.ticked for item in self.items)

    @property
    def cacheable(self) -> bool:
        """Only the page asked nothing may be kept by the page cache (even where there is no
        self-check, ``?statement=junk`` must not make an entry of its own)."""
        return not self.asked


def _ticked_numbers(values: list[str], count: int) -> tuple[set[int], bool]:
    """The statement numbers asked for, and whether any value was not one of them."""
    numbers: set[int] = set()
    ignored = len(values) > MOST_VALUES_READ
    for value in values[:MOST_VALUES_READ]:
        # isdecimal() also accepts other scripts' digits; the form only ever sends 1–8.
        if len(value) <= 2 and value.isascii() and value.isdecimal() and 1 <= int(value) <= count:
            numbers.add(int(value))
        else:
            ignored = True
    return numbers, ignored


def read_self_check(
    statements: Sequence[SelfCheckStatement],
    params: QueryDict,
    courses_teaching: Callable[[list[Skill]], list[Any]],
) -> SelfCheck:
    """The statements with what the student ticked and, once the form was sent, the guidance and
    ``courses_teaching`` the skills they did not tick (called once: one query)."""
    asked = SENT_PARAM in params or STATEMENT_PARAM in params
    numbers, ignored = _ticked_numbers(params.getlist(STATEMENT_PARAM), len(statements))
    items = [Item(n, statement, n in numbers) for n, statement in enumerate(statements, start=1)]
    check = SelfCheck(items=items, asked=asked, sent=bool(statements) and asked, ignored_values=ignored)
    if not check.sent:
        return check
    unticked = [item.statement for item in items if not item.ticked]
    skills = list({s.skill_id: s.skill for s in unticked if s.skill_id and s.skill is not None}.values())
    check.skills_to_learn = skills
    check.traits_to_consider = list(dict.fromkeys(s.trait for s in unticked if not s.skill_id and s.trait))
    check.verdict, check.heading, check.message = _guidance(check.ticked_count, len(items))
    check.courses = courses_teaching(skills) if skills else []
    return check


def _guidance(ticked: int, total: int) -> tuple[str, str, str]:
    share = ticked / total
    said = f"You ticked {ticked} of {total}."
    if share >= GOOD_FIT:
        return (
            "good",
            "This sounds like a good fit",
            f"{said} Most of what the job asks of people already sounds like you. "
            "Read the routes in and see what would fill any gaps.",
        )
    if share >= LOW_FIT:
        return (
            "partly",
            "Parts of this fit you; others you would need to build",
            f"{said} That is a common place to start: skills can be learned, and it is worth being "
            "honest with yourself about the rest before you commit.",
        )
    return (
        "hard",
        "You may find parts of this role hard",
        f"{said} That does not rule it out, but be honest with yourself: much of the day would ask "
        "for things that do not sound like you yet. Here is what you would need to learn, and a "
        "related career may suit you better.",
    )
