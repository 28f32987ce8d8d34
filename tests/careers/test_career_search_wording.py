"""The careers list talks about filters only when a filter is set, and a word from a career's
article finds the career once it is published (as the search index is updated in production)."""

from __future__ import annotations

import pytest

from careers.factories import CareerPageFactory, SectorFactory

pytestmark = pytest.mark.django_db


def count_line(response) -> str:
    html = response.content.decode()
    return " ".join(html.split('id="career-count">')[1].split("</p>")[0].split())


@pytest.fixture
def careers(career_index):
    data = SectorFactory(name="Data and AI", slug="data-and-ai")
    security = SectorFactory(name="Cyber security", slug="cyber-security")
    # Publishing queues Wagtail's index update as a task; tests run tasks at once, the worker does live.
    ai = CareerPageFactory(
        parent=career_index,
        title="AI Specialist",
        sector=data,
        body=[
            {
                "type": "time_of_day",
                "value": {
                    "period": "morning",
                    "heading": "",
                    "body": "<p>You read the metrics and adjust a few <b>hyperparameters</b>.</p>",
                },
            },
            {
                "type": "quote",
                "value": {
                    "quote": "The classifier sorts the paperwork in a quarter of an hour.",
                    "role": "ML Engineer",
                    "sector": "Legal tech",
                    "place": "Cambridge",
                },
            },
        ],
    )
    ai.save_revision().publish()
    CareerPageFactory(parent=career_index, title="Penetration Tester", sector=security)
    return ai


def test_a_word_with_no_filter_set_says_nothing_about_filters(client, careers):
    response = client.get("/careers/?q=zebrafish")
    line = count_line(response)
    assert line == "No careers match “zebrafish”. Try another word, or browse the careers A to Z."
    html = response.content.decode()
    assert "Clear all filters" not in html and "Clear the search" in html


def test_a_word_with_a_filter_set_mentions_the_filters(client, careers):
    line = count_line(client.get("/careers/?q=zebrafish&sector=cyber-security"))
    assert line == "No careers match “zebrafish” with these filters. Try fewer filters or another word."
    line = count_line(client.get("/careers/?q=zebrafish&letter=A"))
    assert "with these filters" in line


def test_filters_alone_that_match_nothing_ask_for_fewer_filters(client, careers):
    response = client.get("/careers/?sector=cyber-security&letter=A")
    assert count_line(response) == "No careers match these filters. Try fewer filters."
    assert "Clear all filters" in response.content.decode()


@pytest.mark.parametrize("word", ["hyperparameters", "paperwork", "Cambridge", "metrics"])
def test_a_word_from_the_article_body_finds_the_career(client, careers, word):
    response = client.get(f"/careers/?q={word}")
    assert count_line(response) == f"1 career matches “{word}”."
    assert "AI Specialist" in response.content.decode()
    assert "Penetration Tester" not in response.content.decode()


def test_a_body_word_with_a_filter_that_excludes_it_mentions_the_filters(client, careers):
    line = count_line(client.get("/careers/?q=hyperparameters&sector=cyber-security"))
    assert line == "No careers match “hyperparameters” with these filters. Try fewer filters or another word."
