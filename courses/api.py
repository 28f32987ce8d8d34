"""How course pages read in Wagtail's API (/api/v2/pages/?type=courses.CoursePage)."""

from __future__ import annotations

from typing import Any

from django.db.models import Manager
from rest_framework import serializers

from careers.api import NamedItemSerializer, page_link
from portal.visibility import public_q


class ProviderSerializer(NamedItemSerializer):
    website = serializers.URLField()


class NamedItemsField(serializers.Field):
    """A course's features or skills: the published ones (read from the prefetch, no query)."""

    def to_representation(self, manager: Manager) -> list[dict[str, Any]]:
        return [NamedItemSerializer(item).data for item in manager.all() if item.live]


class StartDatesField(serializers.Field):
    def to_representation(self, manager: Manager) -> list[str]:
        return sorted(start.starts_on.isoformat() for start in manager.all())


class CareersServedField(serializers.Field):
    """The public careers this course prepares for, in the editor's order."""

    def to_representation(self, links: Manager) -> list[dict[str, Any]]:
        links = links.filter(public_q("career__")).select_related("career").order_by("sort_order", "pk")
        return [page_link(link.career, self.context) for link in links]
