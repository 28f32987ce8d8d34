"""Admin for the courses app: the Courses snippets menu and the staff comparison dashboard."""

from __future__ import annotations

from functools import partial

from django.urls import path, reverse
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from courses.audience_dashboard import AudienceView
from courses.dashboard import ContentHealthView, CourseReportView, SalaryChartView, can_view_dashboard
from courses.models import CourseFeature, Provider
from portal.viewsets import NamedSnippetViewSet, PermittedMenuItem


class ProviderViewSet(NamedSnippetViewSet):
    model = Provider
    icon = "site"
    menu_label = "Providers"
    list_display = ["name", "slug", "website"]


class CourseFeatureViewSet(NamedSnippetViewSet):
    model = CourseFeature
    icon = "tick"
    menu_label = "Course features"
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class CoursesViewSetGroup(SnippetViewSetGroup):
    menu_label = "Courses"
    menu_icon = "list-ul"
    menu_order = 220
    items = (ProviderViewSet, CourseFeatureViewSet)


class ComparisonViewSet(ViewSet):
    """The "Comparison" menu and its four views under /admin/comparison/."""

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
            path("audience/", AudienceView.as_view(), name="audience"),
        ]

    def get_menu_item(self, order: int | None = None) -> SubmenuMenuItem:
        dashboard_item = partial(PermittedMenuItem, shown_to=can_view_dashboard)
        items = [
            dashboard_item(
                "Courses", reverse("comparison:courses"), name="comparison-courses", icon_name="list-ul"
            ),
            dashboard_item(
                "Salaries", reverse("comparison:salaries"), name="comparison-salaries", icon_name="table"
            ),
            dashboard_item(
                "Content health",
                reverse("comparison:content_health"),
                name="comparison-content-health",
                icon_name="warning",
            ),
            dashboard_item(
                "Audience", reverse("comparison:audience"), name="comparison-audience", icon_name="view"
            ),
        ]
        return SubmenuMenuItem(
            self.menu_label,
            Menu(items=items),
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )
