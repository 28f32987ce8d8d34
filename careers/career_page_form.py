"""The career page's admin form: checks that need the page and its inline rows together."""

from __future__ import annotations

import uuid
from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm

from careers.career_skeleton import PROMPT, sections_with_prompts, skeleton_body
from portal.editor_rich_text import editor_stream

# How many statements a self-check has when it has any; careers.models.self_check uses them too.
FEWEST_STATEMENTS, MOST_STATEMENTS = 5, 8
STATEMENTS = "self_check_statements"


# The buttons that make a page public or send it for review; a plain draft may keep prompts.
GOING_OUT = ("action-publish", "action-submit")


class CareerPageForm(WagtailAdminPageForm):
    """A new career opens with the article's shape (careers/career_skeleton.py); it goes out only
    once its prompts are replaced. A self-check has 5–8 statements or none: fewer tells a student
    too little, more is a quiz."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is not None and instance.pk is None and not instance.body:
            # As the editor saves a body, each section with its id from the start: the editor's
            # panels are named by block id, and sections without one would all share one name.
            sections = [{"type": kind, "value": value} for kind, value in skeleton_body()]
            stream_block = instance._meta.get_field("body").stream_block
            instance.body = editor_stream(stream_block, sections, seed=str(uuid.uuid4()))
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._refuse_prompts_going_out(cleaned)
        formset = self.formsets.get(STATEMENTS)
        if formset is None:
            return cleaned
        formset.is_valid()  # cleans each row, so a row marked for deletion is known
        kept = [
            form
            for form in formset.forms
            if (form.instance.pk or form.has_changed())
            and not getattr(form, "cleaned_data", {}).get("DELETE", False)
        ]
        if 0 < len(kept) < FEWEST_STATEMENTS or len(kept) > MOST_STATEMENTS:
            self.add_error(
                None,
                f"The “Is this role for you?” self-check needs {FEWEST_STATEMENTS} to {MOST_STATEMENTS} "
                f"statements, or none at all; it has {len(kept)}. Add or remove statements on the "
                "Self-check tab.",
            )
        return cleaned

    def _refuse_prompts_going_out(self, cleaned: dict[str, Any]) -> None:
        body = cleaned.get("body")
        if body is None or not any(self.data.get(action) for action in GOING_OUT):
            return
        sections = sections_with_prompts(body.get_prep_value())
        if sections:
            labels = self.fields["body"].block.child_blocks
            named = ", ".join(dict.fromkeys(str(labels[kind].label) for kind in sections))
            self.add_error(
                "body",
                f"Some sections still hold the new page's prompts (text starting “{PROMPT}”): {named}. "
                "Write them in your own words or delete the sections you do not need, then try again.",
            )
