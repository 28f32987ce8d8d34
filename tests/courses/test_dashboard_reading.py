"""Staff open any career or course from the dashboard and never land on a permission error."""

from __future__ import annotations

import re

import pytest
from wagtail.models import Page, PageViewRestriction

from careers.factories import CareerPageFactory, SalaryFigureFactory
from courses.factories import CoursePageFactory

pytestmark = pytest.mark.django_db

DASHBOARD = [
    "/admin/comparison/",
    "/admin/comparison/salaries/",
    "/admin/comparison/content-health/",
    "/admin/comparison/audience/",
]


@pytest.fixture
def catalogue(career_index, course_index):
    live = CareerPageFactory(parent=career_index, title="Nurse", slug="nurse", soc_code="", body=[])
    SalaryFigureFactory(career=live)
    draft = CareerPageFactory(parent=career_index, title="Midwife", slug="midwife", soc_code="", body=[])
    Page.objects.filter(pk=draft.pk).update(live=False)
    CoursePageFactory(parent=course_index, title="Nursing course", slug="nursing-course")
    return {"live": live, "draft": draft}


def row_links(html: str) -> set[str]:
    return set(re.findall(r'href="(/admin/(?:comparison/read|pages)/\d+/[^"]*)"', html))


def test_every_page_link_on_every_dashboard_view_opens_for_staff(client, staff, catalogue):
    client.force_login(staff)
    links = set()
    for view in DASHBOARD:
        html = client.get(view).content.decode()
        assert "/admin/pages/" not in "".join(row_links(html)), f"{view} links staff to the page editor"
        links |= row_links(html)
    assert len(links) >= 3
    for link in links:
        response = client.get(link)
        assert response.status_code in (200, 302), link
        if response.status_code == 302:
            assert client.get(response.url).status_code == 200


def test_a_live_career_opens_as_its_public_page(client, staff, catalogue):
    client.force_login(staff)
    response = client.get(f"/admin/comparison/read/{catalogue['live'].pk}/")
    assert response.status_code == 302 and response.url.endswith("/careers/nurse/")


def test_a_draft_or_a_changed_career_opens_as_a_preview_of_its_latest_revision(
    client, staff, superuser, catalogue
):
    draft = catalogue["draft"]
    client.force_login(staff)
    response = client.get(f"/admin/comparison/read/{draft.pk}/")
    assert response.status_code == 200 and "Midwife" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow" and "no-store" in response["Cache-Control"]

    live = catalogue["live"].get_latest_revision_as_object()
    live.title = "Nurse (new title, waiting for review)"
    live.save_revision(user=superuser)
    response = client.get(f"/admin/comparison/read/{live.pk}/")
    assert (
        response.status_code == 200 and "Nurse (new title, waiting for review)" in response.content.decode()
    )


def test_a_private_page_opens_as_a_preview_for_staff(client, staff, catalogue):
    PageViewRestriction.objects.create(page=catalogue["live"], restriction_type="login")
    client.force_login(staff)
    response = client.get(f"/admin/comparison/read/{catalogue['live'].pk}/")
    assert response.status_code == 200 and "Nurse" in response.content.decode()


def test_editors_get_the_editor_and_others_may_not_read(client, superuser, editor, catalogue):
    client.force_login(superuser)
    html = client.get("/admin/comparison/content-health/").content.decode()
    assert f"/admin/pages/{catalogue['draft'].pk}/edit/" in html
    client.force_login(editor)
    assert client.get(f"/admin/comparison/read/{catalogue['draft'].pk}/").status_code in (302, 403)


def test_the_root_and_unknown_pages_are_not_found(client, staff, catalogue):
    client.force_login(staff)
    assert client.get("/admin/comparison/read/1/").status_code == 404
    assert client.get("/admin/comparison/read/999999/").status_code == 404
    assert client.get("/admin/comparison/read/99999999999999999999/").status_code == 404
