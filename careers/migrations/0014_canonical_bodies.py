"""Career bodies, saved and in every revision, rewritten as the page editor saves them.

Bodies the demo wrote as plain ``<p>`` and bare list values were rewritten on an editor's first
save, so Wagtail's "Compare" showed the whole body changed when only a salary had. Rewriting
them the editor's way (portal/editor_rich_text.py: Draftail's data-block-keys, every block and
list item with an id, ids it has kept) makes that first save change nothing. Run twice, it
changes nothing the second time. Reversing it leaves the bodies as they are: they mean the same.
"""

import json

from django.db import migrations

from portal.editor_rich_text import editor_stream


def _rewrite(raw, stream_block, seed):
    return editor_stream(stream_block, [dict(child) for child in raw], seed)


def canonical_bodies(apps, schema_editor):
    CareerPage = apps.get_model("careers", "CareerPage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    stream_block = CareerPage._meta.get_field("body").stream_block

    for page in CareerPage.objects.only("pk", "body").iterator():
        raw = list(page.body.raw_data)
        body = _rewrite(raw, stream_block, f"career/{page.pk}")
        if body != raw:
            page.body = body
            page.save(update_fields=["body"])

    content_type = ContentType.objects.filter(app_label="careers", model="careerpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type_id=content_type.pk).iterator():
        content = revision.content
        stored = content.get("body")
        if not stored:
            continue
        # Revisions hold a StreamField as JSON text.
        raw = json.loads(stored) if isinstance(stored, str) else stored
        body = _rewrite(raw, stream_block, f"career/{revision.object_id}")
        if body != raw:
            content["body"] = json.dumps(body) if isinstance(stored, str) else body
            Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0013_career_course_links"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(canonical_bodies, migrations.RunPython.noop)]
