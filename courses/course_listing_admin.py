"""The admin's listing of course pages (/admin/course-pages/), first in the Courses menu: filter by
provider, status and owner; sort by title, provider, update, status or owner."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django_filters import ModelChoiceFilter
from wagtail.admin.ui.tables import Column

from courses.models import CoursePage, Provider
from portal.page_listing import (
    OWNER_COLUMN,
    STATUS_COLUMN,
    TITLE_COLUMN,
    UPDATED_COLUMN,
    EditorialPageFilterSet,
    EditorialPageIndexView,
    EditorialPageListingViewSet,
)


class CoursePageFilterSet(EditorialPageFilterSet):
    provider = ModelChoiceFilter(
        queryset=Provider.objects.live(), label="Provider", empty_label="Any provider", field_name="provider"
    )

    class Meta(EditorialPageFilterSet.Meta):
        model = CoursePage
        fields = []


class CoursePageIndexView(EditorialPageIndexView):
    def extra_annotations(self) -> dict[str, Any]:
        return {"provider_name": F("provider__name")}


class CoursePageListingViewSet(EditorialPageListingViewSet):
    model = CoursePage
    name = "course_pages"
    url_prefix = "course-pages"
    icon = "doc-full-inverse"
    menu_label = "Course pages"
    menu_name = "course-pages"
    index_view_class = CoursePageIndexView
    filterset_class = CoursePageFilterSet
    columns = [
        TITLE_COLUMN,
        Column("provider_name", label="Provider", sort_key="provider_name", width="20%"),
        UPDATED_COLUMN,
        STATUS_COLUMN,
        OWNER_COLUMN,
    ]
