"""The admin's editing tools (choosers, the admin API, tag autocomplete) only for people who edit.

Wagtail lets anyone with "Can access Wagtail admin" open its choosers and its admin API, which
list page titles (drafts included), snippets, images, documents and workflow tasks. Some admin
users may only read a dashboard and edit nothing; for them these views are a way round
"dashboard only". Wagtail checks nothing more on those views and offers no hook in
front of them, so this middleware refuses them, the way Wagtail refuses its own admin areas
(a redirect to the dashboard with "Sorry, you do not have permission to access this area.",
or a 403 to the modal's request), to every signed-in user who cannot change any content.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.urls import ResolverMatch
from wagtail.admin.auth import permission_denied
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

# The page, link and anchor choosers: wagtailadmin_choose_page, ..._child, ..._external_link ...
PAGE_CHOOSER_PREFIX = "wagtailadmin_choose_page"
# Every view under these URL namespaces (snippet choosers are one namespace per model).
EDITING_TOOL_NAMESPACES = {
    "wagtailimages_chooser",
    "wagtaildocs_chooser",
    "wagtailadmin_api",
}
SNIPPET_CHOOSER_NAMESPACE_PREFIX = "wagtailsnippetchoosers_"
EDITING_TOOL_VIEWS = {
    "wagtailadmin_tag_autocomplete",
    "wagtailadmin_workflows:task_chooser",
    "wagtailadmin_workflows:task_chooser_results",
    "wagtailadmin_workflows:task_chooser_create",
    "wagtailadmin_workflows:task_chosen",
}


def is_editing_tool(match: ResolverMatch) -> bool:
    namespace = match.namespaces[0] if match.namespaces else ""
    return (
        match.view_name.startswith(PAGE_CHOOSER_PREFIX)
        or match.view_name in EDITING_TOOL_VIEWS
        or namespace in EDITING_TOOL_NAMESPACES
        or namespace.startswith(SNIPPET_CHOOSER_NAMESPACE_PREFIX)
    )


def can_edit_content(user: AbstractBaseUser) -> bool:
    """May add or change something: pages, images or documents in a collection, or any model."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if PagePermissionPolicy().user_has_any_permission(user, {"add", "change", "publish"}):
        return True
    for model in (get_image_model(), get_document_model()):
        if policy_registry.get_by_type(model).user_has_any_permission(user, {"add", "change", "choose"}):
            return True
    # Changing an enquiry (admissions) is not editing content: it opens none of the editing tools.
    ignored = set(getattr(settings, "PORTAL_NON_CONTENT_PERMISSIONS", ()))
    return any(
        perm.split(".", 1)[1].startswith(("add_", "change_"))
        for perm in user.get_all_permissions()
        if perm not in ignored
    )


class EditingToolsAccessMiddleware:
    """Refuses the editing tools to signed-in users who cannot change any content."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        user = getattr(request, "user", None)
        # Anonymous visitors are Wagtail's to send to the sign-in page.
        if match is None or user is None or not user.is_authenticated or not is_editing_tool(match):
            return None
        if can_edit_content(user):
            return None
        return permission_denied(request)
