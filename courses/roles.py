"""Who may do what: the Editors, Moderators, Staff and Admissions groups, and the "Editorial review" workflow.

| group      | may                                                                   |
|------------|-----------------------------------------------------------------------|
| Editors    | create and edit careers, courses and their snippets as drafts; submit; never publish |
| Moderators | what editors may, plus publish, approve or request changes, unlock; the comparison dashboard |
| Staff      | sign in to the admin and read the comparison dashboard, nothing else  |
| Admissions | sign in to the admin and work the course enquiries inbox, nothing else |

Data migrations (courses/migrations/0003_roles_and_editorial_workflow.py, 0006 for Admissions, 0007 for
moderated snippets) call
:func:`ensure_roles` and :func:`ensure_editorial_workflow` with the historical
app registry; fixtures and ``seed_demo`` call them with the live one, so a
flushed test database or a freshly seeded site gets the same setup. Each call
is idempotent: it adds what is missing and removes publishing from Editors.

The dashboard's permission ``courses.view_comparison_dashboard`` sits on the
CoursePage content type (the dashboard is part of the courses app). Grant it to
another group from Settings › Groups. Enquiries are seen through their model permissions
(view, change, delete ``courses.enquiry``), which only Admissions (and superusers) hold: students'
names and addresses are not for editors.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.apps import apps as global_apps
from django.conf import settings

DASHBOARD_CODENAME = "view_comparison_dashboard"
DASHBOARD_PERMISSION = f"courses.{DASHBOARD_CODENAME}"
DASHBOARD_PERMISSION_NAME = "Can view the comparison dashboard"

EDITORS = "Editors"
MODERATORS = "Moderators"
STAFF = "Staff"
ADMISSIONS = "Admissions"
ENQUIRY_ACTIONS = ("view", "change", "delete")
WORKFLOW_NAME = "Editorial review"
TASK_NAME = "Moderator review"

# Snippets editors keep up to date beside the pages: (app label, model name).
EDITED_SNIPPETS = (
    ("careers", "sector"),
    ("careers", "skill"),
    ("careers", "salarysource"),
    ("courses", "provider"),
    ("courses", "coursefeature"),
)
# The sections the workflow covers: each index page and everything under it.
SECTION_MODELS = (("careers", "careerindexpage"), ("courses", "courseindexpage"))

DEMO_USERS = (
    ("demo-editor", EDITORS),
    ("demo-moderator", MODERATORS),
    ("demo-staff", STAFF),
    ("demo-admissions", ADMISSIONS),
)


def _permission(apps: Any, app_label: str, model: str, codename: str, name: str | None = None) -> Any:
    """The permission row, created if the post_migrate signal has not made it yet."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": name or codename.replace("_", " ").capitalize()},
    )
    return permission


def _root_page(apps: Any) -> Any:
    Page = apps.get_model("wagtailcore", "Page")
    return Page.objects.filter(depth=1).order_by("path").first()


def ensure_roles(apps: Any = global_apps) -> dict[str, Any]:
    """Create or correct the four groups; returns them by name."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    dashboard = _permission(apps, "courses", "coursepage", DASHBOARD_CODENAME, DASHBOARD_PERMISSION_NAME)
    page_permission = {
        action: _permission(apps, "wagtailcore", "page", f"{action}_page", f"Can {action} page")
        for action in ("add", "change", "publish")
    }
    snippet_permissions = {
        action: [
            _permission(apps, app_label, model, f"{action}_{model}", f"Can {action} {model}")
            for app_label, model in EDITED_SNIPPETS
        ]
        for action in ("add", "change", "delete", "publish", "lock", "unlock")
    }

    enquiry_permissions = [
        _permission(apps, "courses", "enquiry", f"{action}_enquiry", f"Can {action} enquiry")
        for action in ENQUIRY_ACTIONS
    ]

    names = (EDITORS, MODERATORS, STAFF, ADMISSIONS)
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in names}
    root = _root_page(apps)
    page_actions = {EDITORS: ("add", "change"), MODERATORS: ("add", "change", "publish")}
    for name, actions in page_actions.items():
        group = groups[name]
        group.permissions.add(access_admin, *snippet_permissions["add"], *snippet_permissions["change"])
        if root is not None:
            for action in actions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=page_permission[action]
                )
    # Editors never publish, wherever Wagtail's defaults or an admin may have granted it.
    GroupPagePermission.objects.filter(group=groups[EDITORS], permission=page_permission["publish"]).delete()
    moderating = [*snippet_permissions["delete"], *snippet_permissions["publish"]]
    groups[MODERATORS].permissions.add(
        dashboard, *moderating, *snippet_permissions["lock"], *snippet_permissions["unlock"]
    )
    # Editors save drafts and submit them; a moderator publishes. They may lock what they edit,
    # and unlock only their own locks (Wagtail lets the locker unlock without the permission).
    groups[EDITORS].permissions.add(*snippet_permissions["lock"])
    groups[EDITORS].permissions.remove(*moderating, *snippet_permissions["unlock"])
    # Staff read the dashboard and nothing else: whatever else they were given is taken away.
    groups[STAFF].permissions.set([access_admin, dashboard])
    GroupPagePermission.objects.filter(group=groups[STAFF]).delete()
    # Admissions work the enquiries inbox and nothing else; no other group reads enquiries.
    groups[ADMISSIONS].permissions.set([access_admin, *enquiry_permissions])
    GroupPagePermission.objects.filter(group=groups[ADMISSIONS]).delete()
    for name in (EDITORS, MODERATORS, STAFF):
        groups[name].permissions.remove(*enquiry_permissions)
    return groups


def ensure_editorial_workflow(apps: Any = global_apps) -> Any:
    """The "Editorial review" workflow (one moderator task), assigned to the careers and courses sections
    and to the moderated snippets (sectors, skills, salary sources, providers, course features).

    Sections created later are assigned when this runs again: ``seed_demo`` and the
    admin's after_create_page hook both call it.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Page = apps.get_model("wagtailcore", "Page")

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(moderators)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    section_types = [
        ContentType.objects.get_or_create(app_label=app_label, model=model)[0]
        for app_label, model in SECTION_MODELS
    ]
    for page in Page.objects.filter(content_type__in=section_types):
        # A page has at most one workflow of its own: the section's is Editorial review.
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    # Snippets take their workflow from their model's content type.
    for app_label, model in EDITED_SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
    return workflow


def assign_workflow_to_new_section(request: Any, page: Any) -> None:
    """after_create_page hook: a new careers or courses index joins Editorial review at once."""
    if (page.content_type.app_label, page.content_type.model) in SECTION_MODELS:
        ensure_editorial_workflow()


def dashboard_permissions() -> Any:
    """register_permissions hook: lets admins grant the dashboard to other groups."""
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="courses", codename=DASHBOARD_CODENAME)


def seed_demo_users() -> str:
    """One demo user per role with a random password, in development only.

    The credentials go to VAR_DIR/demo-users.txt (never the repository), which
    ``ensure_local_admin`` prints on ``make run``; a second run keeps the same ones.
    """
    ensure_roles()
    ensure_editorial_workflow()
    if not getattr(settings, "PORTAL_CREATE_DEMO_USERS", False):
        return "demo users skipped (PORTAL_CREATE_DEMO_USERS is off)"
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    secret_file = Path(settings.VAR_DIR) / "demo-users.txt"
    known = _read_credentials(secret_file)
    lines = []
    for username, group_name in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        password = known.get(username)
        if user is None or password is None or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User(username=username, email=f"{username}@example.com")
            user.set_password(password)
        user.is_active = True
        user.is_staff = user.is_superuser = False
        user.save()
        user.groups.set([Group.objects.get(name=group_name)])
        lines.append(f"{group_name} demo sign-in: user name '{username}', password '{password}'")
    secret_file.parent.mkdir(parents=True, exist_ok=True)
    secret_file.write_text("\n".join(lines) + "\n")
    secret_file.chmod(0o600)
    return f"{len(lines)} demo users (one per role), credentials in {secret_file.name}"


def _read_credentials(path: Path) -> dict[str, str]:
    credentials = {}
    if path.exists():
        for line in path.read_text().splitlines():
            parts = line.split("'")
            if len(parts) >= 4:
                credentials[parts[1]] = parts[3]
    return credentials
