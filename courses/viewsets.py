"""Admin for the courses app: the Courses snippets menu and the staff comparison dashboard."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import path, reverse
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.dashboard import ContentHealthView, CourseReportView, SalaryChartView, can_view_dashboard
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


class DashboardMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_view_dashboard(request.user)


class ComparisonViewSet(ViewSet):
    """The "Comparison" menu and its three views under /admin/comparison/."""

    name = "comparison"
    url_prefix = "comparison"
    icon = menu_icon = "table"
    menu_label = "Comparison"
    menu_name = "comparison"
    menu_order = 250
    add_to_admin_menu = True

    def get_urlpatterns(self) -> list:
        return [
            path("", CourseReportView.as_view(), name="courses"),
            path("results/", CourseReportView.as_view(results_only=True), name="courses_results"),
            path("salaries/", SalaryChartView.as_view(), name="salaries"),
            path("content-health/", ContentHealthView.as_view(), name="content_health"),
        ]

    def get_menu_item(self, order: int | None = None) -> SubmenuMenuItem:
        items = [
            DashboardMenuItem(
                "Courses", reverse("comparison:courses"), name="comparison-courses", icon_name="list-ul"
            ),
            DashboardMenuItem(
                "Salaries", reverse("comparison:salaries"), name="comparison-salaries", icon_name="table"
            ),
            DashboardMenuItem(
                "Content health",
                reverse("comparison:content_health"),
                name="comparison-content-health",
                icon_name="warning",
            ),
        ]
        return SubmenuMenuItem(
            self.menu_label,
            Menu(items=items),
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )
