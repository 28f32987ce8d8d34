"""The admin's listing of career pages (/admin/career-pages/), first in the Careers menu: filter by
sector, status, salary age and owner; sort by title, sector, oldest salary figure, update, status
or owner."""

from __future__ import annotations

from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin.ui.tables import Column, DateColumn

from careers.models import CareerPage, SalaryFigure, Sector
from careers.salary_age import months_before
from portal.page_listing import (
    OWNER_COLUMN,
    STATUS_COLUMN,
    TITLE_COLUMN,
    UPDATED_COLUMN,
    EditorialPageFilterSet,
    EditorialPageIndexView,
    EditorialPageListingViewSet,
)

SALARY_AGES = [
    ("12", "Figures gathered more than 12 months ago"),
    ("24", "Figures gathered more than 24 months ago"),
]


class SalaryAgeFilter(ChoiceFilter):
    """Careers with at least one figure gathered before the cutoff, counted in calendar months as
    content health counts stale figures."""

    def filter(self, queryset: QuerySet, value: str) -> QuerySet:
        if value not in dict(SALARY_AGES):
            return queryset
        cutoff = months_before(timezone.localdate(), int(value))
        return queryset.filter(pk__in=SalaryFigure.objects.filter(gathered_on__lt=cutoff).values("career_id"))


class CareerPageFilterSet(EditorialPageFilterSet):
    sector = ModelChoiceFilter(
        queryset=Sector.objects.live(), label="Sector", empty_label="Any sector", field_name="sector"
    )
    salary_age = SalaryAgeFilter(label="Salary age", choices=SALARY_AGES, empty_label="Any age")

    class Meta(EditorialPageFilterSet.Meta):
        model = CareerPage
        fields = []


class CareerPageIndexView(EditorialPageIndexView):
    def extra_annotations(self) -> dict[str, Any]:
        oldest = SalaryFigure.objects.filter(career=OuterRef("pk")).order_by("gathered_on")
        return {
            "sector_name": F("sector__name"),
            "oldest_salary": Subquery(oldest.values("gathered_on")[:1]),
        }


class CareerPageListingViewSet(EditorialPageListingViewSet):
    model = CareerPage
    name = "career_pages"
    url_prefix = "career-pages"
    icon = "user"
    menu_label = "Career pages"
    menu_name = "career-pages"
    index_view_class = CareerPageIndexView
    filterset_class = CareerPageFilterSet
    columns = [
        TITLE_COLUMN,
        Column("sector_name", label="Sector", sort_key="sector_name", width="16%"),
        DateColumn("oldest_salary", label="Oldest salary figure", sort_key="oldest_salary", width="14%"),
        UPDATED_COLUMN,
        STATUS_COLUMN,
        OWNER_COLUMN,
    ]
