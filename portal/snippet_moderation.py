"""What moderated snippets share outside their models: the data migration that makes the rows that
existed before moderation live with a first revision, so nothing disappears from public pages."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields


def publish_existing_rows(apps: Any, app_label: str, *model_names: str) -> None:
    """Each existing row becomes live with one published revision holding what it says now, so its
    history starts where moderation starts and "Compare" has a live version to compare with.

    Called from data migrations with the historical app registry, whose models have no
    ``save_revision``: the revision is written as Wagtail writes it (the row's fields as JSON)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    now = timezone.now()
    for model_name in model_names:
        model = apps.get_model(app_label, model_name)
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name.lower())
        for row in model.objects.filter(latest_revision__isnull=True):
            row.live = True
            row.has_unpublished_changes = False
            row.first_published_at = row.first_published_at or now
            row.last_published_at = row.last_published_at or now
            revision = Revision.objects.create(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(row.pk),
                created_at=now,
                object_str=str(getattr(row, "name", row.pk)),
                content=get_serializable_data_for_fields(row),
            )
            row.latest_revision = row.live_revision = revision
            row.save(
                update_fields=[
                    "live",
                    "has_unpublished_changes",
                    "first_published_at",
                    "last_published_at",
                    "latest_revision",
                    "live_revision",
                ]
            )
