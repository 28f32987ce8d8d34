"""Salary CSV import: every bad file is refused with its line and column and changes nothing;
a good file updates the figures, one new revision per career, published or left as a draft."""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import GroupPagePermission, Revision

from careers.models import CareerPage, SalaryFigure
from careers.salary_csv import MAX_BYTES
from careers.salary_import import APPLY_FAILED_MESSAGE, apply_import, plan_import
from portal.factories import StandardPageFactory, UserFactory
from tests.careers.salary_files import GOOD_LINES, HEADER, URL, csv_bytes, snapshot, upload
from tests.conftest import _group

# --------------------------------------------------------------------------- good files


def test_good_file_updates_adds_and_publishes_with_a_new_revision_each(ai_specialist, data_engineer):
    revisions_before = {
        page.pk: Revision.objects.for_instance(page).count() for page in (ai_specialist, data_engineer)
    }

    plan = plan_import(csv_bytes(*GOOD_LINES))
    assert plan.is_valid, plan.problems
    assert (plan.count("add"), plan.count("update"), plan.count("unchanged")) == (1, 2, 0)
    assert all(career.will_publish for career in plan.careers)
    assert SalaryFigure.objects.filter(region="Wales").count() == 0, "a dry run writes nothing"

    result = apply_import(csv_bytes(*GOOD_LINES))

    assert result.succeeded, result.problems
    assert (result.added, result.updated) == (1, 2)
    ai = CareerPage.objects.get(pk=ai_specialist.pk)
    figures = {f.region: f for f in ai.salary_figures.select_related("source")}
    assert set(figures) == {"UK", "London", "Scotland", "Wales"}, "regions not in the file are kept"
    uk = figures["UK"]
    assert (uk.minimum, uk.typical, uk.maximum, uk.typical_kind) == (30_000, 47_000, 78_000, "median")
    assert uk.gathered_on == datetime.date(2026, 1, 15)
    assert figures["Wales"].gathered_on == datetime.date(2026, 1, 15)
    assert figures["London"].typical == 55_000
    engineer = data_engineer.salary_figures.get()
    assert (engineer.typical, engineer.source.name) == (52_000, "Employer survey 2023")
    for page in (ai_specialist, data_engineer):
        page.refresh_from_db()
        assert Revision.objects.for_instance(page).count() == revisions_before[page.pk] + 1
        assert page.live and not page.has_unpublished_changes


def test_the_previous_revision_keeps_the_old_figures_so_a_change_can_be_rolled_back(ai_specialist):
    old = ai_specialist.save_revision()  # what an editor last saved
    old.publish()
    result = apply_import(csv_bytes(GOOD_LINES[0]))
    assert result.succeeded

    ai_specialist.refresh_from_db()
    assert ai_specialist.salary_figures.get(region="UK").typical == 47_000
    restored = old.as_object()
    assert restored.salary_figures.get(region="UK").typical == 45_000
    restored.save_revision().publish()
    assert CareerPage.objects.get(pk=ai_specialist.pk).salary_figures.get(region="UK").typical == 45_000


def test_a_career_with_an_unpublished_draft_gets_a_draft_revision_and_keeps_the_draft(ai_specialist):
    draft = ai_specialist.get_latest_revision_as_object()
    draft.summary = "An editor's unpublished rewording."
    draft.save_revision()
    live_before = list(ai_specialist.salary_figures.values_list("region", "typical"))

    plan = plan_import(csv_bytes(GOOD_LINES[0]))
    assert not plan.careers[0].will_publish
    assert "unpublished changes" in plan.careers[0].reason
    result = apply_import(csv_bytes(GOOD_LINES[0]))

    assert result.drafted and not result.published
    page = CareerPage.objects.get(pk=ai_specialist.pk)
    assert list(page.salary_figures.values_list("region", "typical")) == live_before, "live page untouched"
    latest = page.get_latest_revision_as_object()
    assert latest.summary == "An editor's unpublished rewording."
    assert {f.region: f.typical for f in latest.salary_figures.all()}["UK"] == 47_000


def test_bom_uk_dates_money_formatting_and_heading_case_are_accepted(ai_specialist, sources):
    data = "\ufeffCareer,Region,Minimum,Typical,Typical_Kind,Maximum,Source,Date\r\n".encode()
    data += '"ai-specialist",UK,"£30,000",47000.00,Median,78000,ons ashe 2025,15/01/2026\r\n'.encode()
    plan = plan_import(data)
    assert plan.is_valid, plan.problems
    change = plan.careers[0].changes[0]
    assert (change.line.minimum, change.line.typical, change.line.source) == (30_000, 47_000, sources[0])


def test_a_file_matching_the_saved_figures_changes_nothing(ai_specialist):
    line = "ai-specialist,UK,28000,45000,average,75000,ONS ASHE 2025," + str(
        ai_specialist.salary_figures.get(region="UK").gathered_on
    )
    before = snapshot()
    plan = plan_import(csv_bytes(line))
    assert plan.count("unchanged") == 1 and not plan.changed_careers
    assert apply_import(csv_bytes(line)).succeeded
    assert snapshot() == before


# --------------------------------------------------------------------------- bad files


BAD_FILES = {
    "bad header": (
        csv_bytes(
            "ai-specialist,UK,1,2,median,3,ONS ASHE 2025,2026-01-01",
            header="career,region,min,typical,typical kind,maximum,source,date\n",
        ),
        (1, None, "no “minimum” column"),
    ),
    "not a number": (
        csv_bytes("ai-specialist,UK,thirty grand,47000,median,78000,ONS ASHE 2025,2026-01-15"),
        (2, "minimum", "“thirty grand” is not a number"),
    ),
    "minimum above maximum": (
        csv_bytes(GOOD_LINES[2], "ai-specialist,UK,90000,47000,median,78000,ONS ASHE 2025,2026-01-15"),
        (3, "minimum", "The minimum (£90,000) is above the maximum (£78,000)"),
    ),
    "typical outside the band": (
        csv_bytes("ai-specialist,UK,30000,98000,median,78000,ONS ASHE 2025,2026-01-15"),
        (2, "typical", "above the maximum"),
    ),
    "unknown career": (
        csv_bytes(GOOD_LINES[0], "astronaut,UK,30000,47000,median,78000,ONS ASHE 2025,2026-01-15"),
        (3, "career", "There is no career with the slug “astronaut”"),
    ),
    "duplicate row": (
        csv_bytes(GOOD_LINES[0], GOOD_LINES[2], GOOD_LINES[0].replace("30000", "31000")),
        (4, "region", "repeats line 2"),
    ),
    "unknown source": (
        csv_bytes("ai-specialist,UK,30000,47000,median,78000,Somebody's blog,2026-01-15"),
        (2, "source", "no salary source called “Somebody's blog”"),
    ),
    "bad date": (
        csv_bytes("ai-specialist,UK,30000,47000,median,78000,ONS ASHE 2025,15 January"),
        (2, "date", "“15 January” is not a date"),
    ),
    "date in the future": (
        csv_bytes("ai-specialist,UK,30000,47000,median,78000,ONS ASHE 2025,2999-01-01"),
        (2, "date", "in the future"),
    ),
    "unknown typical kind": (
        csv_bytes("ai-specialist,UK,30000,47000,mode,78000,ONS ASHE 2025,2026-01-15"),
        (2, "typical kind", "write median or average"),
    ),
    "missing value": (
        csv_bytes("ai-specialist,,30000,47000,median,78000,ONS ASHE 2025,2026-01-15"),
        (2, "region", "This value is missing"),
    ),
    "wrong number of values": (
        csv_bytes("ai-specialist,UK,30000,47000,median,78000,ONS ASHE 2025"),
        (2, None, "has 7 values but the header has 8"),
    ),
    "wrong encoding": (
        HEADER.encode()
        + "ai-specialist,Île-de-France,30000,47000,median,78000,ONS ASHE 2025,2026-01-15\n".encode("latin-1"),
        (2, None, "not UTF-8"),
    ),
    "empty file": (b"", (None, None, "The file is empty")),
    "header only": (HEADER.encode(), (2, None, "no salary rows")),
    "file too large": (
        HEADER.encode() + (GOOD_LINES[0] + "\n").encode() * (MAX_BYTES // len(GOOD_LINES[0]) + 1),
        (None, None, "too large"),
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_each_bad_file_is_refused_by_line_and_column_and_nothing_changes(case, ai_specialist, data_engineer):
    data, (line, column, words) = BAD_FILES[case]
    before = snapshot()

    plan = plan_import(data)
    result = apply_import(data)

    assert not plan.is_valid and not result.succeeded
    problem = next(p for p in plan.problems if words in p.message)
    assert (problem.line, problem.column) == (line, column)
    assert words in str(result.problems)
    assert snapshot() == before


def test_a_failure_while_applying_rolls_back_every_career(ai_specialist, data_engineer, monkeypatch, caplog):
    before = snapshot()
    real_publish = Revision.publish
    calls = []

    def publish_then_fail_on_second(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            from django.db import DatabaseError

            raise DatabaseError("disk full")
        return real_publish(self, *args, **kwargs)

    monkeypatch.setattr(Revision, "publish", publish_then_fail_on_second)
    with caplog.at_level(logging.ERROR, logger="careers.salary_import"):
        result = apply_import(csv_bytes(*GOOD_LINES))

    assert len(calls) == 2, "the first career was published before the failure"
    assert not result.succeeded
    assert str(result.problems[0]) == APPLY_FAILED_MESSAGE
    assert "disk full" not in str(result.problems), "the database's own words stay in the log"
    assert "disk full" in caplog.text
    assert snapshot() == before


# --------------------------------------------------------------------------- management command


def test_command_dry_run_reports_and_changes_nothing_then_imports(
    ai_specialist, data_engineer, tmp_path: Path, capsys
):
    path = tmp_path / "salaries.csv"
    path.write_bytes(csv_bytes(*GOOD_LINES))
    before = snapshot()

    call_command("import_salaries", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "1 to add, 2 to update" in out and "Dry run: nothing was changed." in out
    assert snapshot() == before

    call_command("import_salaries", str(path))
    assert "1 figure(s) added, 2 updated" in capsys.readouterr().out
    assert CareerPage.objects.get(pk=ai_specialist.pk).salary_figures.filter(region="Wales").exists()


def test_command_lists_problems_and_fails_on_a_bad_file(ai_specialist, tmp_path: Path, capsys):
    path = tmp_path / "salaries.csv"
    path.write_bytes(BAD_FILES["minimum above maximum"][0])
    before = snapshot()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_salaries", str(path))
    assert "Line 3, column “minimum”: The minimum (£90,000) is above the maximum" in capsys.readouterr().err
    assert snapshot() == before


# --------------------------------------------------------------------------- admin view


def test_only_page_editors_reach_the_import(client, editor, ai_specialist):
    assert client.get(URL)["Location"].startswith("/admin/login/")
    outsider = UserFactory(username="outsider")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    # Wagtail answers a refused admin view by sending the user home with a message.
    response = client.get(URL, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200
    assert b"Import salary figures" in response.content


def test_editor_dry_run_then_confirm_saves_drafts_for_moderation(
    client, editor, ai_specialist, data_engineer
):
    client.force_login(editor)
    before = snapshot()

    response = upload(client, csv_bytes(*GOOD_LINES))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dry run" in html and "Add Wales" in html and "Update UK" in html
    assert "you may not publish it" in html
    assert snapshot() == before

    response = client.post(URL, {"token": response.context["confirm_form"]["token"].value()}, follow=True)
    assert "Salary figures imported: 1 added and 2 updated" in response.content.decode()
    page = CareerPage.objects.get(pk=ai_specialist.pk)
    assert page.has_unpublished_changes, "an editor's import waits for a moderator"
    assert not page.salary_figures.filter(region="Wales").exists()
    assert page.get_latest_revision().user == editor
    assert any(f.region == "Wales" for f in page.get_latest_revision_as_object().salary_figures.all())

    # The same dry run cannot be imported twice.
    response = client.post(URL, {"token": "stale"}, follow=True)
    assert "expired" in response.content.decode()


def test_moderator_import_without_dry_run_publishes(client, moderator, ai_specialist):
    client.force_login(moderator)
    response = upload(client, csv_bytes(GOOD_LINES[0]), dry_run=False)
    assert response.status_code == 302
    page = CareerPage.objects.get(pk=ai_specialist.pk)
    assert page.salary_figures.get(region="UK").typical == 47_000
    assert not page.has_unpublished_changes


def test_view_lists_each_problem_with_line_and_column(client, editor, ai_specialist):
    client.force_login(editor)
    before = snapshot()
    data = csv_bytes(
        "ai-specialist,UK,abc,47000,median,78000,ONS ASHE 2025,2026-01-15",
        "nobody,UK,30000,47000,median,78000,ONS ASHE 2025,2026-01-15",
    )
    response = upload(client, data, dry_run=False)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The file has 2 problems; nothing was imported" in html
    assert "“abc” is not a number" in html and "no career with the slug “nobody”" in html
    assert response.context["confirm_form"] is None
    assert snapshot() == before


def test_view_refuses_a_large_upload_in_plain_words(client, editor, ai_specialist):
    client.force_login(editor)
    response = upload(client, BAD_FILES["file too large"][0])
    assert response.status_code == 200
    assert "The file is too large" in response.content.decode()


def test_editor_limited_to_another_section_cannot_import_careers(client, ai_specialist, home_page):
    group = _group("Editors")
    GroupPagePermission.objects.filter(group=group).delete()
    other = StandardPageFactory(parent=home_page, title="About us")
    GroupPagePermission.objects.create(
        group=group, page=other, permission=Permission.objects.get(codename="change_page")
    )
    user = UserFactory(username="limited", groups=["Editors"])
    client.force_login(user)
    before = snapshot()
    response = upload(client, csv_bytes(GOOD_LINES[0]), dry_run=False)
    assert "You do not have permission to edit “AI Specialist”" in response.content.decode()
    assert snapshot() == before
