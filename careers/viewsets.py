"""Admin for the careers app: the Careers snippets menu and the salary import."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import path
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from careers.models import SalarySource, Sector, Skill
from careers.views import SalaryImportRunView, SalaryImportView, can_import_salaries


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "folder-open-inverse"
    menu_label = "Sectors"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class SkillViewSet(SnippetViewSet):
    model = Skill
    icon = "tick-inverse"
    menu_label = "Skills"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class SalarySourceViewSet(SnippetViewSet):
    model = SalarySource
    icon = "doc-full"
    menu_label = "Salary sources"
    list_display = ["name", "url", "is_illustrative"]
    list_filter = ["is_illustrative"]
    search_fields = ["name"]
    ordering = ["name"]


class CareersViewSetGroup(SnippetViewSetGroup):
    menu_label = "Careers"
    menu_icon = "user"
    menu_order = 210
    items = (SectorViewSet, SkillViewSet, SalarySourceViewSet)


class SalaryImportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_import_salaries(request.user)


class SalaryImportViewSet(ViewSet):
    """The import as an admin menu item at /admin/salary-import/ for anyone who edits pages;
    each applied file's status at /admin/salary-import/runs/<id>/."""

    name = "salary_import"
    url_prefix = "salary-import"
    icon = menu_icon = "upload"
    menu_label = "Import salaries"
    menu_name = "salary-import"
    menu_order = 215
    add_to_admin_menu = True

    menu_item_class = SalaryImportMenuItem

    def get_urlpatterns(self) -> list:
        return [
            path("", SalaryImportView.as_view(), name="index"),
            path("runs/<int:pk>/", SalaryImportRunView.as_view(), name="run"),
        ]
