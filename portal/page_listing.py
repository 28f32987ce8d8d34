"""The admin's flat listings of one page type (Wagtail's PageListingViewSet): what the careers and
courses listings share. Each adds its own filters and columns on top.

The listings read every column from annotations on the one page query (Wagtail fetches the
specific pages by a second query, which keeps annotations but not ``select_related``), so a
listing costs the same queries for 3 pages or 300."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models import Value as V
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Trim
from django.utils.functional import cached_property
from django_filters import ChoiceFilter
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.search import clean_query
from portal.viewsets import PermittedMenuItem


def edits_pages(user: Any) -> bool:
    """Editors and moderators: anyone who may add, change or publish some page."""
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


def in_moderation() -> Exists:
    """The page has a workflow in progress (submitted and waiting for a moderator)."""
    return Exists(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
    )


class StatusFilter(ChoiceFilter):
    """Live (published; may also have a newer draft), draft (unpublished changes, not submitted),
    in moderation (submitted, waiting for a moderator)."""

    def filter(self, queryset: QuerySet, value: str) -> QuerySet:
        if value == "live":
            return queryset.filter(live=True)
        if value == "draft":
            return queryset.filter(Q(live=False) | Q(has_unpublished_changes=True)).exclude(in_moderation())
        if value == "moderation":
            return queryset.filter(in_moderation())
        return queryset


STATUS_CHOICES = [("live", "Live"), ("draft", "Draft"), ("moderation", "In moderation")]


class EditorialPageFilterSet(PageFilterSet):
    """Wagtail's page filters (owner, date updated, edited by ...) plus the page's status."""

    status = StatusFilter(label="Status", choices=STATUS_CHOICES, empty_label="Any status")

    class Meta(PageFilterSet.Meta):
        fields = []


def owner_name() -> Coalesce:
    """The owner's full name, or user name where they gave none; for a column and its sorting."""
    full = NullIf(Trim(Concat("owner__first_name", V(" "), "owner__last_name")), V(""))
    return Coalesce(full, "owner__username", V(""), output_field=CharField())


# Filters whose values are row ids: a number past the database's integer would fail in SQLite.
ID_FILTERS = ("owner", "edited_by", "site", "sector", "provider")
LARGEST_ID = 2**63 - 1


def is_row_id(value: str) -> bool:
    return value.isascii() and value.isdigit() and int(value) <= LARGEST_ID


class EditorialPageIndexView(IndexView):
    """The listing; subclasses add ``extra_annotations`` for their columns."""

    def get_filterset_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_filterset_kwargs()
        data = kwargs["data"].copy()
        for name in ID_FILTERS:
            if name in data:
                data.setlist(name, [value for value in data.getlist(name) if is_row_id(value)])
        kwargs["data"] = data
        return kwargs

    @cached_property
    def search_query(self) -> str:
        # The words only, as site search reads a query: SQLite's full-text search takes quotes
        # and operators as syntax and fails on them.
        form = self.search_form
        raw = form.cleaned_data[self.search_kwarg] if form is not None and form.is_valid() else ""
        return " ".join(clean_query(raw).words)

    def extra_annotations(self) -> dict[str, Any]:
        return {}

    def annotate_queryset(self, pages: QuerySet) -> QuerySet:
        return super().annotate_queryset(pages.annotate(owner_name=owner_name(), **self.extra_annotations()))


TITLE_COLUMN = PageTitleColumn("title", label="Title", sort_key="title", classname="title")
UPDATED_COLUMN = DateColumn(
    "latest_revision_created_at", label="Updated", sort_key="latest_revision_created_at", width="12%"
)
STATUS_COLUMN = PageStatusColumn("status", label="Status", sort_key="live", width="12%")
OWNER_COLUMN = Column("owner_name", label="Owner", sort_key="owner_name", width="14%")


class EditorialPageListingViewSet(PageListingViewSet):
    """A page type's listing as an item of its app's admin menu, shown to people who edit pages;
    Wagtail's view refuses anyone without page permissions."""

    index_view_class = EditorialPageIndexView
    filterset_class = EditorialPageFilterSet
    add_to_admin_menu = False
    # Wagtail builds the menu item by calling this with the label, URL, name, icon and order.
    menu_item_class = partial(PermittedMenuItem, shown_to=edits_pages)
