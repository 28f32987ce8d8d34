"""The staff comparison dashboard in the Wagtail admin, at /admin/comparison/.

Three views, each for users with ``courses.view_comparison_dashboard`` only
(Staff, Moderators and superusers by default, see courses/roles.py):

- Courses: every course as a sortable, filterable Wagtail report with CSV and
  XLSX export (not the public comparison's matrix: its own columns, with cells
  worded by the same text helpers, courses/course_text.py);
- Salaries: every career's headline band on one SVG chart with a data table;
- Content health: what needs an editor, each row linking to its edit view.

A panel on the admin home page sums up content health. The hooks in
courses/wagtail_hooks.py only register the panel and :class:`ComparisonViewSet`
(in courses/viewsets.py).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Max, Q, QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.generic import TemplateView, View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, NumberColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports import ReportView

from careers.models import SalaryFigure
from careers.models.salary import EstimateQuality, reliable_q
from courses import content_health
from courses.content_health_careers import (
    broken_course_links,
    careers_missing_parts,
    questionable_salary_sources,
)
from courses.course_outlook import course_prefetches
from courses.course_text import count_text, csv_safe, price_text, salary_band_text
from courses.dashboard_exports import content_health_download, salaries_download
from courses.models import CourseFeature, CoursePage, Provider
from courses.page_reading import page_link, read_page
from courses.roles import DASHBOARD_PERMISSION
from courses.salary_chart import ORDERINGS, build_salary_chart


def can_view_dashboard(user: Any) -> bool:
    return bool(user and user.is_active and user.has_perm(DASHBOARD_PERMISSION))


class DashboardViewMixin:
    """Every dashboard view: refuses users without the permission, exports included.

    Its breadcrumbs file it under "Comparison", the admin menu it is reached from.
    """

    request: HttpRequest
    page_title: str
    breadcrumbs_items: list[dict[str, str]]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_view_dashboard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": "Comparison"},
            {"url": "", "label": self.page_title},
        ]


class DashboardTemplateView(DashboardViewMixin, WagtailAdminTemplateMixin, TemplateView):
    """A dashboard view drawn from one admin template (the course report is a Wagtail report)."""


class ReadPageView(DashboardViewMixin, View):
    """A career or course as staff may read it (courses/page_reading.py)."""

    def get(self, request: HttpRequest, page_id: int) -> HttpResponse:
        return read_page(request, page_id)


# --------------------------------------------------------------------------- courses


class CourseReportFilterSet(WagtailFilterSet):
    provider = django_filters.ModelChoiceFilter(queryset=Provider.objects.live(), label="Provider")
    level = django_filters.ChoiceFilter(choices=CoursePage.Level.choices, label="Level")
    study_mode = django_filters.ChoiceFilter(choices=CoursePage.StudyMode.choices, label="Study mode")
    feature = django_filters.ModelChoiceFilter(
        queryset=CourseFeature.objects.live(), field_name="features", label="Feature", distinct=True
    )

    class Meta:
        model = CoursePage
        fields = ["provider", "level", "study_mode", "feature"]


def _best_figure(course: CoursePage) -> tuple[SalaryFigure | None, str]:
    """The highest typical salary among the live careers a course leads to, and that career's title
    (never an estimate the ONS grades unreliable)."""
    best: tuple[SalaryFigure | None, str] = (None, "")
    for link in course.all_career_links.all():
        for figure in link.career.salary_figures.all():
            if figure.quality == EstimateQuality.UNRELIABLE:
                continue
            if best[0] is None or figure.typical > best[0].typical:
                best = (figure, link.career.title)
    return best


class CourseReportView(DashboardViewMixin, ReportView):
    """Every course, one row each, with the figures staff compare."""

    page_title = "Courses"
    header_icon = "list-ul"
    template_name = "courses/admin/course_report.html"
    table_classname = "listing dashboard-report"
    index_url_name = "comparison:courses"
    index_results_url_name = "comparison:courses_results"
    filterset_class = CourseReportFilterSet
    default_ordering = "title"
    paginate_by = 25
    export_filename = "course-comparison"
    verbose_name = "course"
    verbose_name_plural = "courses"
    model = CoursePage

    columns = [
        TitleColumn("title", label="Course", sort_key="title", get_url=lambda course: course.dashboard_url),
        Column("provider", label="Provider", accessor="provider.name", sort_key="provider__name"),
        Column("level", label="Level", accessor="get_level_display", sort_key="level"),
        Column("study_mode", label="Study mode", accessor="get_study_mode_display", sort_key="study_mode"),
        Column("duration", label="Duration", accessor="duration_text", sort_key="duration_weeks"),
        Column("price", label="Price", accessor="price_text", sort_key="price"),
        Column("features", label="Features", accessor="feature_names"),
        NumberColumn("skill_count", label="Skills taught", sort_key="skill_count"),
        Column("careers", label="Careers served", accessor="career_names", sort_key="career_count"),
        Column("best_salary", label="Best salary band", accessor="best_salary_text", sort_key="best_typical"),
        StatusTagColumn("status_string", label="Status", primary=lambda course: course.live),
    ]
    list_export = [
        "title",
        "provider.name",
        "get_level_display",
        "get_study_mode_display",
        "duration_weeks",
        "hours_per_week",
        "price",
        "feature_names",
        "skill_count",
        "career_count",
        "career_names",
        "best_salary_minimum",
        "best_salary_typical",
        "best_salary_maximum",
        "best_salary_career",
        "status_string",
    ]
    export_headings = {
        "title": "Course",
        "provider.name": "Provider",
        "get_level_display": "Level",
        "get_study_mode_display": "Study mode",
        "duration_weeks": "Duration (weeks)",
        "hours_per_week": "Hours per week",
        "price": "Price (GBP)",
        "feature_names": "Features",
        "skill_count": "Skills taught",
        "career_count": "Careers served",
        "career_names": "Careers",
        "best_salary_minimum": "Best salary: minimum (GBP)",
        "best_salary_typical": "Best salary: typical (GBP)",
        "best_salary_maximum": "Best salary: maximum (GBP)",
        "best_salary_career": "Best-paid career",
        "status_string": "Status",
    }

    def get_base_queryset(self) -> QuerySet[CoursePage]:
        live_careers = Q(all_career_links__career__live=True)
        return (
            CoursePage.objects.all()
            .annotate(
                skill_count=Count("skills", distinct=True),
                career_count=Count("all_career_links", filter=live_careers, distinct=True),
                best_typical=Max(
                    "all_career_links__career__salary_figures__typical",
                    filter=live_careers & reliable_q("all_career_links__career__salary_figures__"),
                ),
            )
            .select_related("provider")
            # What the status column reads, fetched for all rows at once.
            .prefetch_workflow_states()
            .annotate_approved_schedule()
        )

    def order_queryset(self, queryset: QuerySet[CoursePage]) -> QuerySet[CoursePage]:
        ordering = self.ordering or self.default_ordering
        field = F(ordering.lstrip("-"))
        # Courses with no salary figure go last either way (databases disagree on where NULL sorts),
        # and title then pk break ties so pages of the report never swap rows.
        key = field.desc(nulls_last=True) if ordering.startswith("-") else field.asc(nulls_last=True)
        return queryset.order_by(key, "title", "pk")

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)
        # Titles and names are editor-written and Wagtail writes CSV cells as they are; its XLSX
        # export already stores formula-like text as plain strings.
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return csv_safe(value)
        return value

    def decorate_paginated_queryset(self, object_list: Any) -> list[CoursePage]:
        # One page of the report, or every course for an export: the same fixed set of queries.
        courses = list(object_list)
        prefetch_related_objects(courses, *course_prefetches(CoursePage, staff=True))
        for course in courses:
            course.price_text = price_text(course.price)
            course.duration_text = count_text(course.duration_weeks, "week")
            course.feature_names = ", ".join(feature.name for feature in course.features.all())
            course.career_names = ", ".join(link.career.title for link in course.all_career_links.all())
            figure, career = _best_figure(course)
            course.best_salary_text = salary_band_text(figure) if figure else "No salary figures"
            course.best_salary_minimum = figure.minimum if figure else None
            course.best_salary_typical = figure.typical if figure else None
            course.best_salary_maximum = figure.maximum if figure else None
            course.best_salary_career = career
            course.dashboard_url = page_link(self.request, course.pk)
        return courses


# --------------------------------------------------------------------------- salaries


class SalaryChartView(DashboardTemplateView):
    """Every career's salary band on one chart, with the same figures in a table."""

    template_name = "courses/admin/salary_chart.html"
    page_title = "Salaries"
    header_icon = "table"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        export = request.GET.get("export")
        if export in SpreadsheetExportMixin.FORMATS:
            return salaries_download(export)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        chart = build_salary_chart(self.request.GET.get("ordering"), self.request.GET.get("p"))
        context["chart"] = chart
        context["orderings"] = [
            {"key": key, "label": label, "current": key == chart.ordering} for key, label in ORDERINGS.items()
        ]
        return context


# --------------------------------------------------------------------------- content health


# Rows each content health check shows; the downloads hold them all.
HEALTH_ROWS_SHOWN = 25


class ContentHealthView(DashboardTemplateView):
    """The catalogue's loose ends, each with a link to fix it."""

    template_name = "courses/admin/content_health.html"
    page_title = "Content health"
    header_icon = "warning"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        export = request.GET.get("export")
        if export in SpreadsheetExportMixin.FORMATS:
            return content_health_download(self.months()[0], export)
        return super().get(request, *args, **kwargs)

    def months(self) -> tuple[int, str]:
        """The age limit from ?months=, or the default, with a message if what was asked is unusable."""
        raw = self.request.GET.get("months", "").strip()
        if not raw:
            return content_health.default_months(), ""
        try:
            # int() refuses "²" (which isdigit() accepts) and strings of thousands of digits.
            months = int(raw)
        except ValueError:
            months = 0
        if 1 <= months <= content_health.MAX_MONTHS:
            return months, ""
        default = content_health.default_months()
        return default, (
            f"“{raw[:20]}” is not a number of months from 1 to {content_health.MAX_MONTHS}; "
            f"showing {default} months."
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        months, months_error = self.months()
        checks: dict[str, QuerySet | list] = {
            "stale_figures": content_health.stale_salary_figures(months),
            "older_official_figures": content_health.older_official_figures(),
            "questionable_sources": questionable_salary_sources(),
            "careers_missing_parts": careers_missing_parts(),
            "broken_course_links": broken_course_links(),
            "careers_without_course": content_health.careers_without_course(),
            "courses_without_career": content_health.courses_without_career(),
            "untaught_skills": content_health.untaught_skills(),
            "unrevised_pages": content_health.unrevised_pages(months),
        }
        counts = {}
        for name, rows in checks.items():
            # The first rows of each check and how many there are: the same queries for any catalogue.
            counts[name] = len(rows) if isinstance(rows, list) else rows.count()
            context[name] = list(rows[:HEALTH_ROWS_SHOWN])
        context.update(
            months=months, months_error=months_error, max_months=content_health.MAX_MONTHS, counts=counts
        )
        return context


# --------------------------------------------------------------------------- home panel


class ContentHealthPanel(Component):
    """The admin home page's summary of content health, for users who may see the dashboard."""

    name = "content_health"
    order = 110
    template_name = "courses/admin/content_health_panel.html"

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        checks = content_health.summarise()
        return {
            "checks": checks,
            "problems": sum(check.count for check in checks),
            "health_url": reverse("comparison:content_health"),
        }


def add_content_health_panel(request: HttpRequest, panels: list[Any]) -> None:
    """construct_homepage_panels hook."""
    if can_view_dashboard(request.user):
        panels.append(ContentHealthPanel())
