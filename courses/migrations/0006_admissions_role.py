"""The Admissions group: the only group that reads, updates and deletes course enquiries.

courses/roles.py does the work, as for the other groups (0003).
"""

from django.db import migrations


def create_admissions_role(apps, schema_editor):
    from courses.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_enquiry"),
        ("courses", "0003_roles_and_editorial_workflow"),
    ]

    operations = [
        migrations.RunPython(create_admissions_role, migrations.RunPython.noop),
    ]
