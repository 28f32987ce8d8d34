"""Admin for the courses app: the Courses snippets menu, the staff comparison dashboard, and the
admissions' enquiries inbox."""

from __future__ import annotations

from functools import partial
from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from courses.audience_dashboard import AudienceView
from courses.course_listing_admin import CoursePageListingViewSet
from courses.course_text import csv_safe
from courses.dashboard import (
    ContentHealthView,
    CourseReportView,
    ReadPageView,
    SalaryChartView,
    can_view_dashboard,
)
from courses.enquiries.models import Enquiry
from courses.enquiries.permissions import enquiry_policy
from courses.enquiries.views import PersonEnquiriesView
from courses.models import CourseFeature, CoursePage, Provider
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
    # The course pages first: the listing editors start from, then the snippets.
    items = (CoursePageListingViewSet, ProviderViewSet, CourseFeatureViewSet)


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
            path("read/<int:page_id>/", ReadPageView.as_view(), name="read_page"),
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


# --------------------------------------------------------------------------- enquiries


def admissions_people(request: HttpRequest | None = None) -> QuerySet:
    """Everyone who may work on enquiries (Admissions and superusers): who one can be assigned to."""
    return enquiry_policy.users_with_permission("change").order_by("first_name", "last_name", "username")


def person_name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


class PageIdChoiceField(django_filters.fields.ModelChoiceField):
    """A page chosen by id: a value no page id column could hold is an unknown choice, not a
    database error (Django guards plain integer lookups, not those through a page's parent link)."""

    def to_python(self, value: Any) -> Any:
        text = str(value) if value not in self.empty_values else ""
        if text and text != self.null_value and not (text.isascii() and text.isdigit() and int(text) < 2**31):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class CourseFilter(django_filters.ModelChoiceFilter):
    field_class = PageIdChoiceField


class EnquiryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=Enquiry.Status.choices, label="Status", empty_label="Any")
    course = CourseFilter(
        queryset=CoursePage.objects.order_by("title"), label="Course", empty_label="Any course"
    )
    assigned_to = django_filters.ModelChoiceFilter(
        queryset=admissions_people, label="Assigned to", empty_label="Anyone", null_label="Nobody"
    )
    created_at = django_filters.DateFromToRangeFilter(label="Received", widget=DateRangePickerWidget)

    class Meta:
        model = Enquiry
        fields = ["status", "course", "assigned_to", "created_at"]


class CameFromColumn(Column):
    """The career or comparison that led to the course, linked to it."""

    cell_template_name = "courses/admin/came_from_cell.html"

    def get_cell_context_data(self, instance: Enquiry, parent_context: Any) -> dict[str, Any]:
        context = super().get_cell_context_data(instance, parent_context)
        page = instance.came_from_page
        context["url"] = (page.url if page is not None else "") or instance.came_from_path
        return context


class EnquiryIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[Enquiry]:
        return super().get_base_queryset().select_related("came_from_page", "assigned_to")

    @cached_property
    def header_buttons(self) -> list[HeaderButton]:
        return [
            *super().header_buttons,
            HeaderButton("Find a person's enquiries", url=reverse("enquiries:person"), icon_name="user"),
        ]

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)
        # Students write these cells. Wagtail's XLSX export already stores formula-like text as
        # plain strings; its CSV writes cells as they are, so they are defused here.
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return csv_safe(value)
        return value


class EnquiryAdminForm(WagtailAdminModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "assigned_to" in self.fields:
            field = self.fields["assigned_to"]
            field.queryset = admissions_people()
            field.label_from_instance = person_name


class EnquiryViewSet(ModelViewSet):
    """The admissions inbox at /admin/enquiries/: list, filter, export, and update one enquiry.

    Students' own words are shown read-only; admissions change the status, the note and who has
    it. Nobody adds or copies an enquiry here (see ``EnquiryPermissionPolicy``).
    """

    model = Enquiry
    name = "enquiries"
    icon = "mail"
    menu_label = "Enquiries"
    menu_order = 240
    add_to_admin_menu = True
    add_to_reference_index = False  # course pages' "usage" must not list students' enquiries
    copy_view_enabled = False
    index_view_class = EnquiryIndexView
    filterset_class = EnquiryFilterSet
    search_fields = ["name", "email", "course_title", "question"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "name",
        Column("course_title", label="Course", sort_key="course_title"),
        CameFromColumn("came_from_text", label="Came from"),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        Column("assigned_to", label="Assigned to", accessor=lambda enquiry: person_name(enquiry.assigned_to)),
        DateColumn("created_at", label="Received", sort_key="created_at"),
    ]
    export_filename = "enquiries"
    list_export = [
        "created_at",
        "course_title",
        "name",
        "email",
        "question",
        "start_date",
        "came_from_kind",
        "came_from_title",
        "came_from_path",
        "get_status_display",
        "assigned_to",
        "note",
        "email_sent_at",
    ]
    export_headings = {
        "created_at": "Received",
        "course_title": "Course",
        "start_date": "Start date",
        "came_from_kind": "Came from (kind)",
        "came_from_title": "Came from (page)",
        "came_from_path": "Came from (address)",
        "get_status_display": "Status",
        "assigned_to": "Assigned to",
        "note": "Note",
        "email_sent_at": "Emailed to admissions",
    }
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("course_title", read_only=True, heading="Course"),
                    FieldPanel("name", read_only=True),
                    FieldPanel("email", read_only=True),
                    FieldPanel("start_date", read_only=True, heading="Start date they are interested in"),
                    FieldPanel("question", read_only=True),
                    HelpPanel(template="courses/admin/enquiry_came_from_panel.html", heading="Came from"),
                    FieldPanel("created_at", read_only=True, heading="Received"),
                ],
                heading="What the student sent",
            ),
            FieldPanel("status"),
            FieldPanel("assigned_to"),
            FieldPanel("note"),
        ],
        base_form_class=EnquiryAdminForm,
    )

    def get_urlpatterns(self) -> list:
        # No "new/": students send enquiries (the policy refuses "add" to everyone as well).
        kept = [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]
        return [*kept, path("person/", PersonEnquiriesView.as_view(), name="person")]
