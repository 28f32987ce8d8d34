"""Admin for the careers app: the Careers snippets menu and the salary import."""

from __future__ import annotations

from functools import partial

from django import forms
from django.urls import path
from django.utils.text import slugify
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import log
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from careers.career_listing_admin import CareerPageListingViewSet
from careers.earnings_import_views import EarningsImportView
from careers.models import SalarySource, Sector, Skill
from careers.views import SalaryImportRunView, SalaryImportView, can_import_salaries
from portal.viewsets import NamedSnippetViewSet, PermittedMenuItem


class SectorViewSet(NamedSnippetViewSet):
    model = Sector
    icon = "folder-open-inverse"
    menu_label = "Sectors"


class SkillCreationForm(forms.ModelForm):
    """A skill added from the chooser on a career's Skills tab: a name, its slug made from it."""

    class Meta:
        model = Skill
        fields = ["name", "description"]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if Skill.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(f"“{name}” is already a skill: find it on the Search tab.")
        if not slugify(name):
            raise forms.ValidationError("Give the skill a name with at least one letter or digit.")
        return name

    def save(self, commit: bool = True) -> Skill:
        skill = super().save(commit=False)
        base = slugify(skill.name)[:110]
        taken = set(Skill.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        skill.slug = slug
        if commit:
            skill.save()
        return skill


SKILL_RESULTS = "careers/admin/skill_chooser_results.html"


class SkillChooseView(ChooseView):
    results_template_name = SKILL_RESULTS


class SkillChooseResultsView(ChooseResultsView):
    results_template_name = SKILL_RESULTS


class SkillCreateView(SnippetCreateView):
    """A skill added from the chooser goes live at once for someone who may publish skills;
    anyone else adds a draft, chosen for the career at once and listed in the chooser as "Draft",
    which readers do not see until a moderator publishes it (the career page leaves it out)."""

    def save_form(self, form: SkillCreationForm) -> Skill:
        user = self.request.user
        skill = form.save(commit=False)
        skill.live = False
        skill.save()
        revision = skill.save_revision(user=user, log_action=False)
        log(instance=skill, action="wagtail.create", user=user, revision=revision, content_changed=True)
        if user.has_perm("careers.publish_skill"):
            revision.publish(user=user)
            skill.refresh_from_db()
        return skill


class SkillChooserViewSet(SnippetChooserViewSet):
    """The skill chooser, with an "Add a skill" tab for people who may add skills."""

    choose_view_class = SkillChooseView
    choose_results_view_class = SkillChooseResultsView
    create_view_class = SkillCreateView
    creation_form_class = SkillCreationForm
    creation_tab_label = "Add a skill"
    create_action_label = "Add this skill"


class SkillViewSet(NamedSnippetViewSet):
    model = Skill
    icon = "tick-inverse"
    menu_label = "Skills"
    chooser_viewset_class = SkillChooserViewSet


class SalarySourceViewSet(SnippetViewSet):
    model = SalarySource
    icon = "doc-full"
    menu_label = "Salary sources"
    list_display = ["name", "url", "is_illustrative", LiveStatusTagColumn()]
    list_filter = ["is_illustrative"]
    search_fields = ["name"]
    ordering = ["name"]


class CareersViewSetGroup(SnippetViewSetGroup):
    menu_label = "Careers"
    menu_icon = "user"
    menu_order = 210
    # The career pages first: the listing editors start from, then the snippets.
    items = (CareerPageListingViewSet, SectorViewSet, SkillViewSet, SalarySourceViewSet)


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
