"""The ONS earnings import in the admin: upload, read the dry run, confirm, follow the run."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from careers.factories import CareerPageFactory, SalaryFigureFactory
from careers.models import CareerPage, SalaryFigure, SalaryImportRun
from tests.careers.earnings_workbooks import put, workbook
from tests.careers.salary_files import snapshot

URL = "/admin/salary-import/ons/"
Status = SalaryImportRun.Status


@pytest.fixture
def careers(career_index):
    programmer = CareerPageFactory(
        parent=career_index, title="Programmer", slug="programmer", soc_code="2134"
    )
    SalaryFigureFactory(
        career=programmer, region="UK", typical=40_000, override_reason="Our article's figures"
    )
    tester = CareerPageFactory(parent=career_index, title="Tester", slug="tester", soc_code="2136")
    SalaryFigureFactory(career=tester, region="UK")
    web = CareerPageFactory(parent=career_index, title="Web designer", slug="web", soc_code="2137")
    nocode = CareerPageFactory(parent=career_index, title="Mystery role", slug="mystery")
    return {"programmer": programmer, "tester": tester, "web": web, "nocode": nocode}


def upload(client, data: bytes, name: str = "ashe.xlsx"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def test_only_people_who_edit_pages_may_import(client, staff, editor):
    client.force_login(staff)
    assert client.get(URL).status_code in (302, 403)
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200
    assert b"10th\xe2\x80\x9390th percentiles" in response.content, "the page says which pair makes the range"


def test_the_dry_run_lists_every_career_and_why_some_get_nothing_and_writes_nothing(
    client, moderator, careers
):
    client.force_login(moderator)
    before = snapshot()

    response = upload(client, workbook())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dry run" in page and "Kept: overridden (Our article&#x27;s figures)" in page
    assert "Replace the editor&#x27;s figure" in page, "the tester's plain figure gives way"
    assert "Value suppressed" in page and "No SOC code" in page
    assert "(SOC 213 (wider group)" in page, "Scotland's figure is the wider group's"
    assert snapshot() == before
    run = SalaryImportRun.objects.get()
    assert run.status == Status.CHECKED and run.kind == "ons"
    assert b"Recent workbook imports" not in response.content, "a checked file is not an import yet"


def test_confirming_applies_the_workbook_and_the_run_page_says_what_changed(client, moderator, careers):
    client.force_login(moderator)
    dry_run = upload(client, workbook())
    token = dry_run.context["confirm_form"].initial["token"]

    response = client.post(URL, {"token": token}, follow=True)

    run = SalaryImportRun.objects.get()
    assert (
        run.status == Status.DONE and response.redirect_chain[-1][0] == f"/admin/salary-import/runs/{run.pk}/"
    )
    assert "Salary figures imported" in response.content.decode()
    programmer = CareerPage.objects.get(pk=careers["programmer"].pk)
    assert sorted(programmer.salary_figures.values_list("region", "origin")) == [
        ("London", "ons"),
        ("Scotland", "ons"),
        ("UK", "editor"),
        ("UK", "ons"),
        ("Wales", "ons"),
    ]
    assert client.post(URL, {"token": token}, follow=True).redirect_chain[-1][0] == URL, "a token works once"


def test_a_bad_cell_is_named_by_sheet_and_cell_and_nothing_is_kept(client, moderator, careers):
    client.force_login(moderator)
    data, cell = put(workbook(), "Table 14.7a", "2134", "D", "forty thousand")

    response = upload(client, data)

    assert f"Sheet “Table 14.7a”, cell {cell}" in response.content.decode()
    assert not SalaryImportRun.objects.exists()
    assert not SalaryFigure.objects.filter(origin="ons").exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, moderator, careers, settings):
    settings.SALARY_WORKBOOK_MAX_BYTES = 1024
    client.force_login(moderator)

    response = upload(client, workbook())

    assert "larger than" in response.content.decode()
    assert not SalaryImportRun.objects.exists()


def test_a_large_import_runs_on_the_worker_and_reports_its_stages(
    client, moderator, careers, settings, django_capture_on_commit_callbacks
):
    settings.SALARY_IMPORT_BACKGROUND_ROWS = 1
    client.force_login(moderator)
    token = upload(client, workbook()).context["confirm_form"].initial["token"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"token": token})

    run = SalaryImportRun.objects.get()
    assert response.status_code == 302 and response.url == f"/admin/salary-import/runs/{run.pk}/"
    assert run.status == Status.DONE
    assert (run.stage, run.progress_total) == ("saving", 2), "the programmer and the tester were saved"


def test_one_editor_cannot_confirm_another_editors_checked_workbook(client, moderator, superuser, careers):
    client.force_login(moderator)
    upload(client, workbook())
    client.force_login(superuser)

    response = client.post(URL, {"token": "guessed"}, follow=True)

    assert "expired" in response.content.decode()
    assert SalaryImportRun.objects.get().status == Status.CHECKED


def test_checking_another_workbook_forgets_the_unconfirmed_one(client, moderator, careers):
    client.force_login(moderator)
    upload(client, workbook())
    upload(client, workbook(year=2027))

    assert SalaryImportRun.objects.filter(status=Status.CHECKED).count() == 1
