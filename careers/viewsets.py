"""Admin for the careers app: the Careers snippets menu and the salary import."""

from __future__ import annotations

from functools import partial

from django.urls import path
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from careers.earnings_import_views import EarningsImportView
from careers.models import SalarySource, Sector, Skill
from careers.views import SalaryImportRunView, SalaryImportView, can_import_salaries
from portal.viewsets import NamedSnippetViewSet, PermittedMenuItem


class SectorViewSet(NamedSnippetViewSet):
    model = Sector
    icon = "folder-open-inverse"
    menu_label = "Sectors"


class SkillViewSet(NamedSnippetViewSet):
    model = Skill
    icon = "tick-inverse"
    menu_label = "Skills"


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


class SalaryImportViewSet(ViewSet):
    """The imports as an admin menu item for anyone who edits pages: a CSV at /admin/salary-import/,
    the ONS earnings workbook at /admin/salary-import/ons/, and each applied file's status at
    /admin/salary-import/runs/<id>/."""

    name = "salary_import"
    url_prefix = "salary-import"
    icon = menu_icon = "upload"
    menu_label = "Import salaries"
    menu_name = "salary-import"
    menu_order = 215
    add_to_admin_menu = True

    # Wagtail builds the menu item by calling this with the label, URL, name, icon and order.
    menu_item_class = partial(PermittedMenuItem, shown_to=can_import_salaries)

    def get_urlpatterns(self) -> list:
        return [
            path("", SalaryImportView.as_view(), name="index"),
            path("ons/", EarningsImportView.as_view(), name="earnings"),
            path("runs/<int:pk>/", SalaryImportRunView.as_view(), name="run"),
        ]
