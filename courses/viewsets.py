"""Admin for the courses app: Provider and CourseFeature snippets under one "Courses" menu."""

from __future__ import annotations

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.models import CourseFeature, Provider


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "site"
    menu_label = "Providers"
    list_display = ["name", "slug", "website"]
    search_fields = ["name"]
    ordering = ["name"]


class CourseFeatureViewSet(SnippetViewSet):
    model = CourseFeature
    icon = "tick"
    menu_label = "Course features"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class CoursesViewSetGroup(SnippetViewSetGroup):
    menu_label = "Courses"
    menu_icon = "list-ul"
    menu_order = 220
    items = (ProviderViewSet, CourseFeatureViewSet)
