"""A page's edit form posted back as the browser would post it, untouched: every field's value as
the form rendered it, StreamFields from the blocks' form state (what Wagtail hands the browser's
block editors), rich text as the Draftail content state the editor holds."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Model
from wagtail import blocks
from wagtail.blocks.base import BlockField


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _block_state(block: blocks.Block, state: Any, prefix: str, data: dict[str, Any]) -> None:
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = len(state)
        for position, child in enumerate(state):
            here = f"{prefix}-{position}"
            data.update({f"{here}-type": child["type"], f"{here}-id": child["id"] or ""})
            data.update({f"{here}-deleted": "", f"{here}-order": position})
            _block_state(block.child_blocks[child["type"]], child["value"], f"{here}-value", data)
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = len(state)
        for position, item in enumerate(state):
            here = f"{prefix}-{position}"
            data.update({f"{here}-id": item["id"] or "", f"{here}-deleted": "", f"{here}-order": position})
            _block_state(block.child_block, item["value"], f"{here}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            _block_state(child, state[name], f"{prefix}-{name}", data)
    elif isinstance(state, dict):
        # A chooser's state describes the chosen object; its form posts the id.
        data[prefix] = state.get("id", "")
    else:
        data[prefix] = _plain(state)


def _form_fields(form: forms.BaseForm, data: dict[str, Any]) -> None:
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = form[name].value()
        if isinstance(field, BlockField):
            _block_state(field.block, field.block.get_form_state(value), key, data)
        elif isinstance(field, forms.BooleanField):
            if value:
                data[key] = "on"
        elif isinstance(field, forms.ModelMultipleChoiceField):
            data[key] = [_plain(item) for item in value or []]
        else:
            data[key] = _plain(value)
    for formset in getattr(form, "formsets", {}).values():
        _form_fields(formset.management_form, data)
        for child in formset.forms:
            _form_fields(child, data)


def edit_form_data(response) -> dict[str, Any]:
    """The data the edit view's form (from its GET ``response``) would post unchanged."""
    data: dict[str, Any] = {}
    _form_fields(response.context["form"], data)
    return data
