"""Fixtures every test folder shares: the site, its home page, the careers and courses indexes and
a user per role."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from careers.factories import CareerIndexPageFactory
from courses.factories import CourseIndexPageFactory
from courses.roles import ensure_editorial_workflow, ensure_roles
from portal.factories import HomePageFactory, UserFactory

PASSWORD = "correct-horse-battery"


def _root_page() -> Page:
    # Browser tests run in transactions that are flushed, taking the rows Wagtail's
    # migrations made (locale, root page, root collection) with them: recreate what is missing.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    return root


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """A reused test database may have been flushed by the last run's browser tests."""
    with django_db_blocker.unblock():
        _root_page()


@pytest.fixture(autouse=True)
def _wagtail_rows_survive_a_flush(request, django_db_blocker):
    """A transactional test (a browser test, a live server) ends with a flush, and pytest-django
    may run later database tests after it: before each database test, put back the rows Wagtail's
    migrations made, so it finds a root page as on a fresh database. (At the flushing test's own
    teardown would be too early: pytest-django's live server flushes after this fixture ends.)"""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        with django_db_blocker.unblock():
            if Page.get_first_root_node() is None:
                _root_page()
    yield


@pytest.fixture
def home_page(db):
    root = _root_page()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test")
    return home


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content seed_demo loads, once for the module that asks (it takes seconds); each test
    runs in a savepoint inside it, and it is rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def broken_demo_file(tmp_path) -> Callable[[ModuleType, Callable[[dict[str, Any]], None]], Path]:
    """A copy of an app's demo data file (its demo module's DATA_FILE) with `change` made to the data."""

    def make(demo_module: ModuleType, change: Callable[[dict[str, Any]], None]) -> Path:
        data = json.loads(demo_module.DATA_FILE.read_text(encoding="utf-8"))
        change(data)
        path = tmp_path / demo_module.DATA_FILE.name
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    return make


@pytest.fixture
def site(home_page) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def career_index(home_page):
    """/careers/"""
    return CareerIndexPageFactory(parent=home_page)


@pytest.fixture
def course_index(home_page):
    """/courses/"""
    return CourseIndexPageFactory(parent=home_page)


def _group(name: str) -> Group:
    """Editors, Moderators, Staff or Admissions as the roles data migrations made them, recreated
    after a flush."""
    _root_page()
    ensure_roles()
    ensure_editorial_workflow()
    return Group.objects.get(name=name)


@pytest.fixture
def superuser(db):
    return UserFactory(username="super", is_staff=True, is_superuser=True)


@pytest.fixture
def editor(db):
    _group("Editors")
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def moderator(db):
    _group("Moderators")
    return UserFactory(username="moderator", groups=["Moderators"])


@pytest.fixture
def staff(db):
    """A member of Staff: may read the comparison dashboard, nothing else."""
    _group("Staff")
    return UserFactory(username="staff", groups=["Staff"])


@pytest.fixture
def admissions(db):
    """A member of Admissions: works the enquiries inbox, nothing else."""
    _group("Admissions")
    return UserFactory(username="admissions", first_name="Ada", last_name="Mills", groups=["Admissions"])
