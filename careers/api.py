"""How career pages read in Wagtail's API (/api/v2/pages/?type=careers.CareerPage).

Plain serializers rather than ModelSerializers, so models.py can import them for its
`api_fields` without a circular import. Linked pages are given as id, title and public
URL, and only while they are public (portal/visibility.py), so the API never points at an
unpublished or private page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Manager
from rest_framework import serializers

from portal.visibility import is_public, public_q


def page_link(page: Any, context: dict[str, Any]) -> dict[str, Any]:
    return {"id": page.pk, "title": page.title, "url": page.get_full_url(context.get("request"))}


class ChildListField(serializers.Field):
    """A page's inline list (salary figures, skills ...) in editor order, in one query."""

    def __init__(
        self,
        child: serializers.Serializer,
        *,
        select_related: tuple[str, ...] = (),
        public_flags: tuple[str, ...] = (),
        live_only: tuple[str, ...] = (),
        **kwargs: Any,
    ):
        # A fresh serializer per use: DRF fields bind to one parent, and listings reuse this field.
        self.serializer_class = type(child)
        self.select_related = select_related
        # Page foreign keys to mark with `<name>_is_public`, for PublicPageLinkField.
        self.public_flags = public_flags
        # Moderated snippets a row must name, published, to be listed (a draft skill is not).
        self.live_only = live_only
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager: Manager) -> list[dict[str, Any]]:
        rows = manager.filter(**{f"{name}__live": True for name in self.live_only})
        if self.select_related:
            rows = rows.select_related(*self.select_related)
        if self.public_flags:
            flags = {f"{name}_is_public": is_public(f"{name}__") for name in self.public_flags}
            rows = rows.annotate(**flags)
        serializer = self.serializer_class(context=self.context)
        return [serializer.to_representation(row) for row in rows]


class NamedItemSerializer(serializers.Serializer):
    """Anything with a name and a filter slug: a career's sector, a course's features and skills."""

    name = serializers.CharField()
    slug = serializers.CharField()


class SalarySourceSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()
    is_illustrative = serializers.BooleanField()


class PercentilesSerializer(serializers.Serializer):
    """The spread of pay where the source gives it; the median is the figure's ``typical``."""

    p10 = serializers.IntegerField(source="percentile_10", allow_null=True)
    p25 = serializers.IntegerField(source="percentile_25", allow_null=True)
    p75 = serializers.IntegerField(source="percentile_75", allow_null=True)
    p90 = serializers.IntegerField(source="percentile_90", allow_null=True)


class ProvenanceSerializer(serializers.Serializer):
    """Exactly which published estimate an imported figure is, and how precise the ONS grades it."""

    dataset = serializers.CharField()
    table = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    release = serializers.CharField()
    soc_code = serializers.CharField()
    soc_description = serializers.CharField()
    range_low_percentile = serializers.IntegerField(allow_null=True)
    range_high_percentile = serializers.IntegerField(allow_null=True)
    cv = serializers.DecimalField(max_digits=5, decimal_places=1, coerce_to_string=False, allow_null=True)
    quality = serializers.CharField(allow_null=True)


class SalaryFigureSerializer(serializers.Serializer):
    region = serializers.CharField()
    currency = serializers.SerializerMethodField()
    minimum = serializers.IntegerField()
    typical = serializers.IntegerField()
    typical_kind = serializers.CharField()
    maximum = serializers.IntegerField()
    source = SalarySourceSerializer()
    gathered_on = serializers.DateField()
    origin = serializers.CharField()
    override_reason = serializers.CharField()
    percentiles = PercentilesSerializer(source="*")
    job_count = serializers.IntegerField(allow_null=True)
    provenance = serializers.SerializerMethodField()

    def get_currency(self, figure: Any) -> str:
        return "GBP"

    def get_provenance(self, figure: Any) -> dict[str, Any] | None:
        # Only an imported figure has one; an editor's figure is described by its source alone.
        return ProvenanceSerializer(figure).data if figure.is_official else None


class CareerSkillSerializer(serializers.Serializer):
    name = serializers.CharField(source="skill.name")
    slug = serializers.CharField(source="skill.slug")
    importance = serializers.CharField()


class PublicPageLinkField(serializers.Field):
    """A link to another page, or null when there is none or it is not public.

    Reads the row's `<field>_is_public` annotation (ChildListField's ``public_flags``)."""

    def get_attribute(self, instance: Any) -> Any:
        page = getattr(instance, self.source)
        return page if page is not None and getattr(instance, f"{self.source}_is_public", False) else None

    def to_representation(self, page: Any) -> dict[str, Any]:
        return page_link(page, self.context)


class ProgressionStepSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField()
    salary_min = serializers.IntegerField(allow_null=True)
    salary_max = serializers.IntegerField(allow_null=True)
    linked_career = PublicPageLinkField()


class SpecialisationSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField()


class RelatedCareersField(serializers.Field):
    """Other careers a reader might consider, public ones only."""

    def to_representation(self, links: Manager) -> list[dict[str, Any]]:
        related = links.filter(public_q("related__")).select_related("related").order_by("sort_order", "pk")
        return [page_link(link.related, self.context) for link in related]


class PreparingCoursesField(serializers.Field):
    """The public courses that prepare for this career, reached through the courses app's
    reverse relation: careers sits below courses and never imports them."""

    def to_representation(self, links: Manager) -> list[dict[str, Any]]:
        links = links.filter(public_q("course__")).select_related("course__provider")
        links = links.order_by("course__title")
        return [
            {**page_link(link.course, self.context), "provider": link.course.provider.name} for link in links
        ]
