"""Reading a rendered page the way a search engine does: its JSON-LD and its head tags."""

from __future__ import annotations

import json
from typing import Any

from bs4 import BeautifulSoup


def json_ld(response) -> list[dict[str, Any]]:
    """Every JSON-LD document on the page, parsed as a crawler would."""
    page = BeautifulSoup(response.content, "html.parser")
    return [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]


def json_ld_of_type(response, schema_type: str) -> dict[str, Any]:
    found = [doc for doc in json_ld(response) if doc.get("@type") == schema_type]
    assert len(found) == 1, f"expected one {schema_type}, found {[d.get('@type') for d in json_ld(response)]}"
    return found[0]


def meta(response) -> dict[str, str]:
    """The head's meta tags by name or property, plus the canonical link."""
    page = BeautifulSoup(response.content, "html.parser")
    tags = {}
    for tag in page.head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            tags[key] = tag.get("content", "")
    canonical = page.head.find("link", rel="canonical")
    if canonical is not None:
        tags["canonical"] = canonical["href"]
    tags["title"] = page.title.get_text() if page.title else ""
    return tags
