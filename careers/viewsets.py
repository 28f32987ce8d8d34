"""Admin for the careers app: Skill, Sector and SalarySource snippets under one "Careers" menu."""

from __future__ import annotations

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from careers.models import SalarySource, Sector, Skill


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
