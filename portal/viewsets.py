"""Admin classes for what the portal app owns, and the admin bases the apps share: the base for
every NamedSnippet's admin and a menu item shown only to those a check admits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import Promotion


class NamedSnippetViewSet(SnippetViewSet):
    """The admin list of a NamedSnippet: by name, with its slug, searchable by name.
    Subclasses set ``model``, ``icon`` and ``menu_label``.

    The search goes through the model's own index (its name, with autocomplete). No
    ``search_fields`` here: Wagtail's SQLite backend fails with a server error when a search is
    limited to named fields (wagtail/wagtail#10217)."""

    # Status: live, draft, or live with a draft waiting (they are moderated, see ModeratedSnippet).
    list_display = ["name", "slug", LiveStatusTagColumn()]
    ordering = ["name"]


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    icon = "pick"
    menu_label = "Promotions"
    menu_order = 300
    add_to_admin_menu = False
    list_display = ["name", "heading"]
    search_fields = ["name", "heading"]


class PermittedMenuItem(MenuItem):
    """A menu item shown only to the users ``shown_to`` admits; the views behind it check again."""

    def __init__(self, *args: Any, shown_to: Callable[[Any], bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request: HttpRequest) -> bool:
        return self.shown_to(request.user)
