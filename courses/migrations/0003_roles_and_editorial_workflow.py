"""Editors, Moderators and Staff, the dashboard permission, and the "Editorial review" workflow.

The work is done by courses/roles.py (with this migration's historical models),
which fixtures and seed_demo also call, so every database gets the same setup.
"""

from django.db import migrations


def create_roles_and_workflow(apps, schema_editor):
    from courses.roles import ensure_editorial_workflow, ensure_roles

    ensure_roles(apps)
    ensure_editorial_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_help_text"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        # After these, which hand "choose" permissions to every group: Staff must not keep them.
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [
        migrations.RunPython(create_roles_and_workflow, migrations.RunPython.noop),
    ]
