"""The career page's admin form: checks that need the page and its inline rows together."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm

# How many statements a self-check has when it has any; careers.models.self_check uses them too.
FEWEST_STATEMENTS, MOST_STATEMENTS = 5, 8
STATEMENTS = "self_check_statements"


class CareerPageForm(WagtailAdminPageForm):
    """A self-check has 5–8 statements or none: fewer tells a student too little, more is a quiz."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
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
