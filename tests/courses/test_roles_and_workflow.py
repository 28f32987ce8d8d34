"""Roles and the Editorial review workflow: who may edit, publish and see the dashboard,
and a career going from an editor's submission to a moderator's approval."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowState

from careers.factories import CareerIndexPageFactory, CareerPageFactory, SalaryFigureFactory
from careers.models import CareerIndexPage, CareerPage
from courses.factories import CourseIndexPageFactory
from courses.roles import (
    DASHBOARD_PERMISSION,
    WORKFLOW_NAME,
    ensure_editorial_workflow,
    ensure_roles,
    seed_demo_users,
)
from portal.factories import UserFactory
from tests.conftest import _group


@pytest.fixture
def career(home_page):
    index = CareerIndexPageFactory(parent=home_page)
    page = CareerPageFactory(parent=index, title="Data Analyst")
    SalaryFigureFactory(career=page, minimum=25_000, typical=35_000, maximum=55_000)
    ensure_editorial_workflow()
    return page


def test_each_role_may_do_what_the_issue_says(career, editor, moderator, staff, superuser):
    editor_rights = career.permissions_for_user(editor)
    assert editor_rights.can_edit() and not editor_rights.can_publish()
    assert career.get_parent().permissions_for_user(editor).can_add_subpage()
    assert career.permissions_for_user(moderator).can_publish()
    staff_rights = career.permissions_for_user(staff)
    assert not staff_rights.can_edit() and not staff_rights.can_publish()

    assert editor.has_perm("careers.change_skill") and editor.has_perm("courses.add_provider")
    assert not editor.has_perm("courses.delete_provider")
    assert moderator.has_perm("courses.delete_provider")
    assert not staff.has_perm("careers.change_skill")
    # Snippets readers see are moderated: editors draft and submit, moderators publish and unlock.
    for snippet in ("careers.salarysource", "careers.skill", "courses.provider", "courses.coursefeature"):
        app, model = snippet.split(".")
        assert not editor.has_perm(f"{app}.publish_{model}") and editor.has_perm(f"{app}.lock_{model}")
        assert moderator.has_perm(f"{app}.publish_{model}") and moderator.has_perm(f"{app}.unlock_{model}")

    assert [user.has_perm(DASHBOARD_PERMISSION) for user in (editor, moderator, staff, superuser)] == [
        False,
        True,
        True,
        True,
    ]
    assert all(user.has_perm("wagtailadmin.access_admin") for user in (editor, moderator, staff))


def test_ensure_roles_takes_publishing_away_from_editors_and_extras_from_staff(db):
    groups = ensure_roles()
    publish = Permission.objects.get(codename="publish_page")
    root = GroupPagePermission.objects.filter(group=groups["Editors"]).first().page
    GroupPagePermission.objects.create(group=groups["Editors"], page=root, permission=publish)
    groups["Staff"].permissions.add(Permission.objects.get(codename="change_skill"))

    ensure_roles()

    assert not GroupPagePermission.objects.filter(group=groups["Editors"], permission=publish).exists()
    assert sorted(groups["Staff"].permissions.values_list("codename", flat=True)) == [
        "access_admin",
        "view_comparison_dashboard",
    ]


def test_the_data_migration_builds_roles_and_workflow_from_nothing(home_page):
    careers = CareerIndexPageFactory(parent=home_page)
    courses = CourseIndexPageFactory(parent=home_page)
    Group.objects.filter(name__in=["Editors", "Moderators", "Staff"]).delete()
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Permission.objects.filter(codename="view_comparison_dashboard").delete()

    migration = MigrationLoader(connection).get_migration("courses", "0003_roles_and_editorial_workflow")
    historical = (
        MigrationLoader(connection).project_state(("courses", "0003_roles_and_editorial_workflow")).apps
    )
    migration.operations[0].code(historical, None)

    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Moderators", "Staff"}
    assert Group.objects.get(name="Staff").permissions.filter(codename="view_comparison_dashboard").exists()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert [task.name for task in workflow.tasks] == ["Moderator review"]
    assert set(WorkflowPage.objects.filter(workflow=workflow).values_list("page_id", flat=True)) == {
        careers.pk,
        courses.pk,
    }


def test_editor_submits_and_moderator_approves_which_publishes(career, editor, moderator):
    draft = career.get_latest_revision_as_object()
    figure = draft.salary_figures.all()[0]
    figure.typical = 38_000
    draft.salary_figures.set([figure])
    revision = draft.save_revision(user=editor)

    workflow = career.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    state = workflow.start(career, editor)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(career, editor) == [], "editors cannot approve their own work"
    assert [name for name, *_ in task.get_actions(career, moderator)][:2] == ["reject", "approve"]
    assert CareerPage.objects.get(pk=career.pk).salary_figures.get().typical == 35_000

    task.on_action(task_state, moderator, "approve")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page = CareerPage.objects.get(pk=career.pk)
    assert page.salary_figures.get().typical == 38_000
    assert page.live_revision_id == revision.pk


def test_moderator_requesting_changes_leaves_the_page_unpublished(career, editor, moderator):
    draft = career.get_latest_revision_as_object()
    draft.summary = "A rewrite the moderator is not happy with."
    draft.save_revision(user=editor)
    state = career.get_workflow().start(career, editor)
    task_state = state.current_task_state

    task_state.task.specific.on_action(task_state, moderator, "reject")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert CareerPage.objects.get(pk=career.pk).summary != "A rewrite the moderator is not happy with."


def test_a_section_created_in_the_admin_gets_the_workflow(client, superuser, home_page):
    client.force_login(superuser)
    response = client.post(
        f"/admin/pages/add/careers/careerindexpage/{home_page.pk}/",
        {"title": "Careers", "slug": "careers", "intro": "All careers."},
    )
    assert response.status_code == 302
    index = CareerIndexPage.objects.get()
    assert index.get_parent().pk == home_page.pk
    assert index.get_workflow().name == WORKFLOW_NAME


def test_seed_demo_users_writes_one_user_per_role_once(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    summary = seed_demo_users()
    assert "4 demo users" in summary
    lines = (tmp_path / "demo-users.txt").read_text().splitlines()
    assert [line.split("'")[1] for line in lines] == [
        "demo-editor",
        "demo-moderator",
        "demo-staff",
        "demo-admissions",
    ]
    for line in lines:
        username, password = line.split("'")[1], line.split("'")[3]
        user = UserFactory._meta.model.objects.get(username=username)
        assert user.check_password(password) and not user.is_superuser
    assert seed_demo_users() and (tmp_path / "demo-users.txt").read_text().splitlines() == lines
    assert UserFactory._meta.model.objects.get(username="demo-staff").has_perm(DASHBOARD_PERMISSION)
    assert UserFactory._meta.model.objects.get(username="demo-admissions").has_perm("courses.change_enquiry")


def test_no_demo_users_where_the_setting_is_off(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PORTAL_CREATE_DEMO_USERS = False
    assert "skipped" in seed_demo_users()
    assert not (tmp_path / "demo-users.txt").exists()
    assert not UserFactory._meta.model.objects.filter(username__startswith="demo-").exists()
    assert _group("Staff")  # the roles themselves exist everywhere
