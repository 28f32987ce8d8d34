"""A read-only panel listing the links another page type made to the page being edited.

Careers and courses can each link the other from their own editor. Each editor edits its own
side inline and shows the other side's links with this panel, so an editor sees every link
without opening each page that points here. It names relations by string, so portal imports
neither app.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from wagtail.admin.panels import Panel


class OtherSideLinksPanel(Panel):
    """Lists ``relation`` (a reverse relation of the edited page) by each row's ``target`` page."""

    def __init__(self, relation: str, target: str, empty_text: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.relation = relation
        self.target = target
        self.empty_text = empty_text

    def clone_kwargs(self) -> dict[str, Any]:
        kwargs = super().clone_kwargs()
        kwargs.update(relation=self.relation, target=self.target, empty_text=self.empty_text)
        return kwargs

    @property
    def clean_name(self) -> str:
        return super().clean_name or self.relation

    class BoundPanel(Panel.BoundPanel):
        template_name = "portal/panels/other_side_links.html"

        def linked_pages(self) -> list[Model]:
            """The pages on the other side, in their editors' order, drafts included (marked)."""
            instance = self.instance
            if instance is None or not instance.pk:
                return []
            rows = getattr(instance, self.panel.relation).select_related(self.panel.target)
            return [getattr(row, self.panel.target) for row in rows.order_by("sort_order", "pk")]

        def get_context_data(self, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["linked_pages"] = self.linked_pages()
            context["empty_text"] = self.panel.empty_text
            return context
