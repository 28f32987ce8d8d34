"""StreamField data written exactly as Wagtail's page editor saves it.

The editor saves rich text through Draftail's converter, which gives every paragraph and list item
a ``data-block-key``, and gives every stream block and list item an id. Bodies written any other
way (plain ``<p>``, lists as bare values, no ids) are rewritten on an editor's first save, and
Wagtail's "Compare" then shows every block changed although only a salary was. So the demo, the
factories and migration ``careers.0014_canonical_bodies`` write bodies in the editor's form.

Ids here are derived from a ``seed`` and the block's position (``uuid5``), so the same demo data
always gets the same ids, and ids a body already has are kept.
"""

from __future__ import annotations

import hashlib
import json
import string
import uuid
from typing import Any

from wagtail import blocks

# Any fixed namespace will do: it only has to stay the same for ids to stay the same.
ID_NAMESPACE = uuid.UUID("5b0f4a52-3c1e-4e59-9d8e-6c0b7f7f2a11")


KEY_ALPHABET = string.ascii_lowercase + string.digits


def editor_html(block: blocks.RichTextBlock, html: str, seed: str = "") -> str:
    """``html`` as the rich text block's editor would save it (its own features and converter):
    the round trip the editor makes, database format to Draftail's content state and back.

    The editor keeps the ``data-block-key`` each paragraph has; a paragraph without one gets a
    key derived from ``seed`` and its position (Draftail would pick a random one), so the same
    text always gets the same keys: a page and its revision rewritten apart still match.
    """
    converter = block.field.widget.converter
    state = json.loads(converter.from_database_format(html or ""))
    if "data-block-key" not in (html or ""):
        for position, paragraph in enumerate(state["blocks"]):
            paragraph["key"] = _draft_key(f"{seed}/{position}")
    return converter.to_database_format(json.dumps(state))


def _draft_key(seed: str) -> str:
    """Five letters or digits, as Draft.js keys are."""
    number = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    key = ""
    for _ in range(5):
        number, digit = divmod(number, len(KEY_ALPHABET))
        key += KEY_ALPHABET[digit]
    return key


def editor_stream(
    stream_block: blocks.StreamBlock, raw: list[dict[str, Any]], seed: str, keep_ids: bool = True
) -> list[dict[str, Any]]:
    """A StreamField's raw data (``[{"type", "value", "id"?}, ...]``) as the editor saves it.

    ``keep_ids=False`` replaces the ids it has with ones derived from ``seed``: the demo's data
    has none of its own, only the random ones Wagtail gives a value it has just read.
    """
    return _editor_raw(stream_block, raw, seed, keep_ids)


def _editor_raw(block: blocks.Block, raw: Any, path: str, keep_ids: bool) -> Any:
    def block_id(position: int, given: object) -> str:
        if given and keep_ids:
            return str(given)
        return str(uuid.uuid5(ID_NAMESPACE, f"{path}/{position}"))

    if raw is None:
        return raw
    if isinstance(block, blocks.RichTextBlock):
        return editor_html(block, raw, path)
    if isinstance(block, blocks.StreamBlock):
        return [
            {
                "type": child["type"],
                "value": _editor_raw(
                    block.child_blocks[child["type"]], child["value"], f"{path}/{position}", keep_ids
                ),
                "id": block_id(position, child.get("id")),
            }
            for position, child in enumerate(raw)
            if child["type"] in block.child_blocks
        ]
    if isinstance(block, blocks.ListBlock):
        items = []
        for position, item in enumerate(raw):
            # The editor's form: {"type": "item", "value", "id"}; older data holds bare values.
            in_block_format = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            value = item["value"] if in_block_format else item
            items.append(
                {
                    "type": "item",
                    "value": _editor_raw(block.child_block, value, f"{path}/{position}", keep_ids),
                    "id": block_id(position, item.get("id") if in_block_format else None),
                }
            )
        return items
    if isinstance(block, blocks.StructBlock):
        return {
            name: _editor_raw(block.child_blocks[name], value, f"{path}/{name}", keep_ids)
            if name in block.child_blocks
            else value
            for name, value in raw.items()
        }
    return raw
