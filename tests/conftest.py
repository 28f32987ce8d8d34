"""Fixtures every test folder shares: the site, its home page and a user per role."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

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


@pytest.fixture
def home_page(db):
    root = _root_page()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test")
    return home


@pytest.fixture
def site(home_page) -> Site:
    return Site.objects.get(is_default_site=True)


def _group(name: str) -> Group:
    """Editors, Moderators or Staff as the roles data migration made them, recreated after a flush."""
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
