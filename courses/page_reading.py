"""Staff read any career, course or other page from the dashboard: the public page while it is live and up to
date, else a preview of its latest revision. People who may edit pages get the editor instead.

Staff have no page permissions (the dashboard is all they see), so a link to the page editor gave
them "Sorry, you do not have permission". The read view is guarded by the dashboard's permission.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail.models import GroupPagePermission, Page

from portal.visibility import public_pages

_CAN_EDIT = "_dashboard_can_edit_pages"


def can_edit_pages(request: HttpRequest) -> bool:
    """Whether the user edits pages at all: asked once a request, however many rows link."""
    if not hasattr(request, _CAN_EDIT):
        user = request.user
        setattr(
            request,
            _CAN_EDIT,
            user.is_superuser
            or GroupPagePermission.objects.filter(
                group__user=user, permission__codename="change_page"
            ).exists(),
        )
    return getattr(request, _CAN_EDIT)


def page_link(request: HttpRequest, page_id: int) -> str:
    """Where a dashboard row's career or course leads this user: the editor, or the read view."""
    if can_edit_pages(request):
        return reverse("wagtailadmin_pages:edit", args=(page_id,))
    return reverse("comparison:read_page", args=(page_id,))


def read_page(request: HttpRequest, page_id: int) -> HttpResponse:
    """The public page, or a preview of the latest revision when the public one is not current."""
    # Any page below the root: content health also lists home and standard pages not revised lately.
    page = get_object_or_404(Page.objects.filter(depth__gt=1), pk=page_id)
    current = page.live and not page.has_unpublished_changes
    if current and public_pages(Page.objects.filter(pk=page.pk)).exists():
        return HttpResponseRedirect(page.get_url(request))
    latest = page.specific.get_latest_revision_as_object()
    response = latest.make_preview_request(request, latest.default_preview_mode)
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response
