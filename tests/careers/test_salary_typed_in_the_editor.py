"""On the Salary tab an editor types money and dates as a salary CSV holds them; nothing else is taken."""

from __future__ import annotations

import datetime

import pytest

from careers.factories import SalarySourceFactory, SectorFactory
from careers.models import CareerPage, SalaryFigure
from tests.careers.career_forms import add_url, career_form

pytestmark = pytest.mark.django_db


def post_salary(
    client, index, *, minimum="28000", typical="45000", maximum="75000", gathered_on="2026-11-01"
):
    row = {
        "region": "UK",
        "minimum": minimum,
        "typical": typical,
        "maximum": maximum,
        "typical_kind": "average",
        "source": SalarySourceFactory().pk,
        "gathered_on": gathered_on,
    }
    data = career_form(salary_figures=[row], sector=SectorFactory().pk)
    data["action-publish"] = "1"
    return client.post(add_url(index), data)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ({"gathered_on": "2026-11-01"}, {"gathered_on": datetime.date(2026, 11, 1)}),
        ({"gathered_on": "01/11/2026"}, {"gathered_on": datetime.date(2026, 11, 1)}),
        ({"minimum": "£28,000", "maximum": "75,000"}, {"minimum": 28_000, "maximum": 75_000}),
        ({"typical": "45000.00"}, {"typical": 45_000}),
    ],
)
def test_the_import_formats_are_stored_as_typed(admin_client, career_index, typed, stored):
    response = post_salary(admin_client, career_index, **typed)
    assert response.status_code == 302, response.content.decode()[-3000:]
    figure = SalaryFigure.objects.get(career=CareerPage.objects.get(slug="paramedic"))
    assert {field: getattr(figure, field) for field in stored} == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"gathered_on": "1 November 2026"}, "Enter the date as 2026-03-01 or 01/03/2026"),
        ({"gathered_on": "2026-13-45"}, "Enter the date as 2026-03-01 or 01/03/2026"),
        ({"gathered_on": "11/01/26"}, "Enter the date as 2026-03-01 or 01/03/2026"),
        ({"minimum": "about 28k"}, "Enter whole pounds, such as 45000, 45,000 or £45,000."),
        ({"typical": "45000.50"}, "Enter whole pounds, such as 45000, 45,000 or £45,000."),
        ({"maximum": "9" * 30}, "Ensure this value is less than or equal to"),
    ],
)
def test_anything_else_is_refused_with_a_message_and_nothing_is_saved(
    admin_client, career_index, typed, message
):
    response = post_salary(admin_client, career_index, **typed)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CareerPage.objects.filter(slug="paramedic").exists()


def test_the_salary_tab_offers_text_boxes_that_hold_what_the_import_holds(admin_client, career_index):
    html = admin_client.get(add_url(career_index)).content.decode()
    assert 'name="salary_figures-__prefix__-minimum" inputmode="numeric"' in html
    assert 'name="salary_figures-__prefix__-gathered_on" placeholder="2026-03-01"' in html
