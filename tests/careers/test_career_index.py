"""The careers list at /careers/: A–Z, filters, search and pagination, with bad input ignored."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from careers.factories import (
    CareerPageFactory,
    CareerSkillFactory,
    SalaryFigureFactory,
    SectorFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def careers(career_index):
    data = SectorFactory(name="Data and AI", slug="data-and-ai")
    security = SectorFactory(name="Cyber security", slug="cyber-security")
    python = SkillFactory(name="Python", slug="python")
    pages = {
        "ai": CareerPageFactory(parent=career_index, title="AI Specialist", sector=data),
        "analyst": CareerPageFactory(parent=career_index, title="Data Analyst", sector=data),
        "pentester": CareerPageFactory(parent=career_index, title="Penetration Tester", sector=security),
    }
    SalaryFigureFactory(career=pages["ai"], minimum=28_000, typical=45_000, maximum=75_000)
    SalaryFigureFactory(career=pages["analyst"], minimum=22_000, typical=32_000, maximum=50_000)
    SalaryFigureFactory(career=pages["pentester"], minimum=30_000, typical=52_000, maximum=85_000)
    CareerSkillFactory(career=pages["ai"], skill=python)
    CareerSkillFactory(career=pages["analyst"], skill=python)
    CareerPageFactory(parent=career_index, title="Draft Career", live=False)
    return pages


def titles(response) -> list[str]:
    html = response.content.decode()
    return [chunk.split("</a>")[0].split(">")[-1] for chunk in html.split('class="card__title"')[1:]]


def test_lists_live_careers_a_to_z_with_headline_salary(client, careers):
    response = client.get("/careers/")
    assert response.status_code == 200
    assert titles(response) == ["AI Specialist", "Data Analyst", "Penetration Tester"]
    html = response.content.decode()
    assert "£28,000–£75,000" in html and "UK average £45,000" in html
    assert "3 careers." in html


def test_filters_by_sector_skill_and_salary(client, careers):
    assert titles(client.get("/careers/?sector=cyber-security")) == ["Penetration Tester"]
    assert titles(client.get("/careers/?skill=python")) == ["AI Specialist", "Data Analyst"]
    assert titles(client.get("/careers/?salary_min=40000")) == ["AI Specialist", "Penetration Tester"]
    assert titles(client.get("/careers/?sector=data-and-ai&salary_min=40000")) == ["AI Specialist"]


def test_letter_links_filter_and_keep_other_filters(client, careers):
    response = client.get("/careers/?letter=D")
    assert titles(response) == ["Data Analyst"]
    html = client.get("/careers/?sector=data-and-ai").content.decode()
    assert 'href="?sector=data-and-ai&amp;letter=A"' in html
    # No career in that sector starts with P, so P is not a link.
    assert "letter=P" not in html
    assert "No careers start with </span>P" in html


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("sector=no-such-sector", "We ignored the sector filter: “no-such-sector” is not one we know."),
        ("skill=%3Cscript%3E", "We ignored the skill filter: “&lt;script&gt;” is not one we know."),
        ("salary_min=abc", "We ignored the minimum salary filter: “abc” is not one we know."),
        ("salary_min=-5", "We ignored the minimum salary filter"),
        ("letter=%C3%84%C3%84", "We ignored the letter filter"),
        ("page=999", "There is no page “999”, so we are showing page 1."),
        ("page=abc", "There is no page “abc”, so we are showing page 1."),
        ("page=0", "There is no page “0”, so we are showing page 1."),
        ("page=99999999999999999999", "There is no page “99999999999999999999”, so we are showing page 1."),
        ("q=" + "x" * 300, "We ignored your search"),
    ],
)
def test_bad_values_are_ignored_with_a_visible_note(client, careers, query, note):
    response = client.get(f"/careers/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert note in html
    assert 'role="status"' in html
    assert titles(response) == ["AI Specialist", "Data Analyst", "Penetration Tester"]


def test_a_bad_filter_does_not_undo_a_good_one(client, careers):
    response = client.get("/careers/?sector=cyber-security&salary_min=lots")
    assert titles(response) == ["Penetration Tester"]
    assert "We ignored the minimum salary filter" in response.content.decode()


def test_search_finds_title_summary_body_and_skills(client, career_index, careers):
    CareerPageFactory(
        parent=career_index,
        title="Cloud Architect",
        summary="Designs the platforms other teams build on.",
        body=[
            {
                "type": "tasks",
                "value": {"heading": "Core daily tasks", "tasks": ["Review Kubernetes clusters"]},
            }
        ],
    )
    call_command("update_index", verbosity=0)
    assert titles(client.get("/careers/?q=architect")) == ["Cloud Architect"]
    assert titles(client.get("/careers/?q=platforms")) == ["Cloud Architect"]
    assert titles(client.get("/careers/?q=kubernetes")) == ["Cloud Architect"]
    assert set(titles(client.get("/careers/?q=python"))) == {"AI Specialist", "Data Analyst"}
    assert titles(client.get("/careers/?q=python&sector=data-and-ai&letter=D")) == ["Data Analyst"]
    response = client.get("/careers/?q=zebrafish")
    assert titles(response) == []
    assert "No careers match “zebrafish”" in response.content.decode()


def test_search_keeps_filters_in_the_form(client, careers):
    html = client.get("/careers/?q=data&sector=data-and-ai").content.decode()
    assert 'value="data"' in html
    assert '<option value="data-and-ai" selected>' in html
    assert '<label for="id_sector">Sector</label>' in html


def test_pagination_keeps_filters(client, career_index, careers):
    for n in range(14):
        CareerPageFactory(parent=career_index, title=f"Zoo keeper {n:02d}", sector=careers["ai"].sector)
    first = client.get("/careers/?sector=data-and-ai")
    assert len(titles(first)) == 12
    html = first.content.decode()
    assert 'href="?sector=data-and-ai&amp;page=2"' in html
    second = client.get("/careers/?sector=data-and-ai&page=2")
    assert len(titles(second)) == 4
    assert "page 2 of 2" in second.content.decode()


def test_index_costs_a_fixed_number_of_queries(client, career_index, careers, django_assert_max_num_queries):
    client.get("/careers/")
    for n in range(10):
        page = CareerPageFactory(parent=career_index, title=f"Extra {n}", sector=SectorFactory())
        SalaryFigureFactory(career=page)
        CareerSkillFactory(career=page)
    client.get("/careers/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/careers/?letter=A")
    with django_assert_max_num_queries(len(few)):
        client.get("/careers/")


@pytest.mark.parametrize("query", ['"', 'data"analyst', "data AND OR", "NEAR(", "-python*"])
def test_quotes_and_operators_in_the_search_are_read_as_words(client, careers, query):
    # Punctuation reaching the search backend raw was a syntax error (and a 500) on SQLite.
    response = client.get("/careers/", {"q": query})
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


def test_search_with_words_around_punctuation_finds_them(client, careers):
    call_command("update_index", verbosity=0)
    assert titles(client.get("/careers/", {"q": '"data" analyst'})) == ["Data Analyst"]
    # "Data" is also the AI Specialist's sector; a NUL byte is dropped, not blamed on length.
    response = client.get("/careers/", {"q": "data\x00"})
    assert set(titles(response)) == {"AI Specialist", "Data Analyst"}
    assert "longer than" not in response.content.decode()


def test_search_of_punctuation_alone_is_ignored_with_a_note(client, careers):
    response = client.get("/careers/", {"q": '"(*'})
    assert "We ignored your search: it has no letters or numbers in it." in response.content.decode()
    assert titles(response) == ["AI Specialist", "Data Analyst", "Penetration Tester"]
