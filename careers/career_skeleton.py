"""The body a new career page opens with: the "Day in the Life" article's shape, with prompts.

Each section carries a prompt that begins with ``PROMPT``, saying what belongs there. Editors
replace the prompts and delete the sections they do not need; a draft may keep prompts, but the
page form refuses to publish or submit one that still has any.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

PROMPT = "Replace this:"


def _prompt(text: str) -> str:
    return f"{PROMPT} {text}"


def _paragraph(text: str) -> str:
    return f"<p>{_prompt(text)}</p>"


def skeleton_body() -> list[tuple[str, dict[str, Any]]]:
    """A new list each call: the page form hands it to a page that will change it."""
    return [
        (
            "time_of_day",
            {
                "period": "morning",
                "heading": "",
                "body": _paragraph("how the day starts: the first tasks and tools, who they talk to."),
            },
        ),
        (
            "tasks",
            {
                "heading": "Core daily tasks",
                "tasks": [_prompt("one task as a short phrase."), _prompt("another; add or delete rows.")],
            },
        ),
        (
            "time_of_day",
            {
                "period": "afternoon",
                "heading": "",
                "body": _paragraph("the rest of the day: meetings, deeper work, how it ends."),
            },
        ),
        (
            "quote",
            {
                "quote": _prompt("a sentence or two in the words of someone who does this job."),
                "role": _prompt("their job title"),
                "sector": "",
                "place": "",
            },
        ),
        ("skills", {"heading": "Skills you need", "intro": ""}),
        (
            "challenges",
            {"heading": "The real challenges", "body": _paragraph("the hard parts of the job, honestly.")},
        ),
        (
            "suitability",
            {
                "heading": "Is this role for you?",
                "body": _paragraph("who tends to enjoy this role and do well in it."),
            },
        ),
    ]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


def sections_with_prompts(body_data: list[dict[str, Any]]) -> list[str]:
    """The labels of the body's sections that still hold a prompt, in reading order."""
    return [block["type"] for block in body_data if any(PROMPT in text for text in _strings(block["value"]))]
