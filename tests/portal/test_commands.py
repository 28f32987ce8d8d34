"""seed_demo and ensure_local_admin, the commands behind `make run`."""

import logging
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command, get_commands, load_command_class
from wagtail.models import Page, Site

from portal.models import HomePage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def _snapshot() -> dict:
    return {
        "pages": sorted(Page.objects.values_list("url_path", "latest_revision_id")),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
    }


def test_seed_demo_builds_the_site_and_a_second_run_changes_nothing(client):
    call_command("seed_demo", stdout=StringIO())
    first = _snapshot()
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert set(StandardPage.objects.values_list("slug", flat=True)) >= {"about", "privacy", "accessibility"}
    assert SiteSettings.for_site(Site.objects.get()).promotion is not None
    assert client.get("/").status_code == 200
    assert client.get("/accessibility/").status_code == 200

    call_command("seed_demo", stdout=StringIO())
    assert _snapshot() == first


def test_ensure_local_admin_creates_then_reuses_credentials(settings, tmp_path, capsys):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    call_command("ensure_local_admin")
    first = capsys.readouterr().out
    call_command("ensure_local_admin")
    assert capsys.readouterr().out == first
    password = first.split("password '")[1].split("'")[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)


def test_ensure_local_admin_refuses_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("ensure_local_admin")


def test_the_task_worker_logs_at_the_levels_logging_sets():
    """`make run` starts db_worker beside the server: routine task successes stay out of its
    terminal, failures still show (the django_tasks logger stays at WARNING)."""
    assert get_commands()["db_worker"] == "portal"
    worker = load_command_class("portal", "db_worker")
    tasks_logger = logging.getLogger("django_tasks")
    level = tasks_logger.level
    worker.configure_logging(1)
    assert tasks_logger.level == level == logging.WARNING
