"""The salary import's limits: row and figure caps, plausible salaries, characters it refuses,
and database errors shown without SQL."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Revision

from careers.salary_import import apply_import, plan_import
from tests.careers.salary_files import GOOD_LINES, HEADER, SQL_WORDS, csv_bytes, problems_of, snapshot, upload

# --------------------------------------------------------------------------- limits


def test_a_file_over_the_row_cap_is_refused_on_the_first_row_too_many(ai_specialist, settings):
    settings.SALARY_IMPORT_MAX_ROWS = 2
    before = snapshot()
    data = csv_bytes(*GOOD_LINES)

    plan = plan_import(data)
    result = apply_import(data)

    assert not plan.is_valid and not result.succeeded
    problem = next(p for p in plan.problems if "more than 2 salary rows" in p.message)
    assert (problem.line, problem.column) == (4, None)
    assert "Split it into files of at most 2 rows" in problem.message
    assert snapshot() == before


def test_the_default_row_cap_is_a_thousand(ai_specialist):
    lines = [
        f"ai-specialist,Region {n},30000,47000,median,78000,ONS ASHE 2025,2026-01-15" for n in range(1001)
    ]
    plan = plan_import(csv_bytes(*lines))
    assert "Line 1002: The file has more than 1,000 salary rows; this is row 1,001." in [
        str(problem).split(" Split")[0] for problem in plan.problems
    ]


def test_no_import_may_give_a_career_more_figures_than_the_cap(ai_specialist, data_engineer):
    # AI Specialist has 3 regions; 25 more would make 28, over the default cap of 20.
    lines = [f"ai-specialist,Region {n},30000,47000,median,78000,ONS ASHE 2025,2026-01-15" for n in range(25)]
    before = snapshot()

    plan = plan_import(csv_bytes(GOOD_LINES[2], *lines))

    assert problems_of(plan) == [
        (
            # Line 1 is the header, line 2 Data Engineer; the 18th new region (line 20) makes 21.
            20,
            "region",
            "“AI Specialist” would have 28 salary figures after this import; a career may have at most 20, "
            "so its page stays readable. Import fewer regions for it, or remove some of its figures first.",
        )
    ]
    assert not apply_import(csv_bytes(GOOD_LINES[2], *lines)).succeeded
    assert snapshot() == before


def test_updating_regions_a_career_already_has_is_not_limited_by_the_cap(ai_specialist, settings):
    settings.SALARY_IMPORT_MAX_FIGURES_PER_CAREER = 3
    assert plan_import(csv_bytes(GOOD_LINES[0])).is_valid, "UK is updated, not added"
    plan = plan_import(csv_bytes(GOOD_LINES[0], GOOD_LINES[1]))
    assert [(p.line, p.column) for p in plan.problems] == [(3, "region")]
    assert "would have 4 salary figures" in plan.problems[0].message


ABSURD = "£2,000,000,000 is not a plausible annual salary: give a figure between £1,000 and £1,000,000 a year"


def test_an_absurd_salary_is_refused_by_line_and_column(client, moderator, ai_specialist):
    before = snapshot()
    data = csv_bytes("ai-specialist,UK,30000,2000000000,median,2000000000,ONS ASHE 2025,2026-01-15")

    plan = plan_import(data)
    assert [(p.line, p.column) for p in plan.problems] == [(2, "typical"), (2, "maximum")]
    assert all(p.message.startswith(ABSURD) for p in plan.problems)

    client.force_login(moderator)
    response = upload(client, data, dry_run=False)
    assert response.status_code == 200
    assert ABSURD in response.content.decode()
    assert snapshot() == before


def test_a_salary_below_the_plausible_range_is_refused(ai_specialist):
    plan = plan_import(csv_bytes("ai-specialist,UK,12,47000,median,78000,ONS ASHE 2025,2026-01-15"))
    assert [(p.line, p.column, p.message.split(":")[0]) for p in plan.problems] == [
        (2, "minimum", "£12 is not a plausible annual salary")
    ]


def test_the_plausible_range_comes_from_settings(ai_specialist, settings):
    settings.SALARY_PLAUSIBLE_RANGE = (1_000, 2_000_000)
    assert plan_import(
        csv_bytes("ai-specialist,UK,30000,47000,median,1500000,ONS ASHE 2025,2026-01-15")
    ).is_valid


def test_the_page_editor_refuses_an_absurd_figure_in_the_box_it_is_in(ai_specialist):
    figure = ai_specialist.salary_figures.get(region="UK")
    figure.typical = figure.maximum = 2_000_000_000
    with pytest.raises(ValidationError) as refused:
        figure.full_clean()
    assert set(refused.value.message_dict) == {"typical", "maximum"}
    assert refused.value.message_dict["typical"][0].startswith(ABSURD)


# --------------------------------------------------------------------------- characters that are not allowed

NOT_ALLOWED = "This value contains a character that is not allowed"


@pytest.mark.parametrize("column", ["career", "region", "source"])
@pytest.mark.parametrize("dry_run", [True, False], ids=["dry run", "import"])
def test_a_nul_byte_in_a_cell_is_refused_in_plain_words(client, moderator, ai_specialist, column, dry_run):
    cells = dict(zip(["career", "region", "source"], ["ai-specialist", "UK", "ONS ASHE 2025"], strict=True))
    cells[column] = cells[column][:2] + "\x00" + cells[column][2:]
    data = csv_bytes(
        f"{cells['career']},{cells['region']},30000,47000,median,78000,{cells['source']},2026-01-15"
    )
    client.force_login(moderator)
    before = snapshot()

    response = upload(client, data, dry_run=dry_run)

    html = response.content.decode()
    assert response.status_code == 200
    assert [(p.line, p.column) for p in response.context["plan"].problems] == [(2, column)]
    assert NOT_ALLOWED in html
    assert not any(word in html for word in SQL_WORDS)
    assert snapshot() == before


@pytest.mark.parametrize(
    "character",
    ["\x1b", "\x7f", "\u200b", "\u2028"],
    ids=["escape", "delete", "zero width", "line separator"],
)
def test_other_invisible_characters_are_refused_too(ai_specialist, character):
    plan = plan_import(
        csv_bytes(f"ai-specialist,U{character}K,30000,47000,median,78000,ONS ASHE 2025,2026-01-15")
    )
    assert [str(problem).split(":")[0] for problem in plan.problems] == ["Line 2, column “region”"]


def test_accented_letters_and_joiners_are_not_refused(ai_specialist):
    plan = plan_import(
        csv_bytes("ai-specialist,Île-de-France \u200d,30000,47000,median,78000,ONS ASHE 2025,2026-01-15")
    )
    assert plan.is_valid, plan.problems


def test_a_nul_byte_in_the_header_is_refused(ai_specialist):
    plan = plan_import(csv_bytes(GOOD_LINES[0], header=HEADER.replace("region", "reg\x00ion")))
    assert [(p.line, p.column) for p in plan.problems] == [(1, None)]
    assert "not allowed" in plan.problems[0].message and "\x00" not in plan.problems[0].message


def test_a_database_error_while_importing_shows_no_sql(client, moderator, ai_specialist, monkeypatch, caplog):
    from django.db import DatabaseError

    def refuse(self, *args, **kwargs):
        raise DatabaseError('syntax error at or near "SELECT" LINE 1: INSERT INTO careers_salaryfigure')

    monkeypatch.setattr(Revision, "publish", refuse)
    client.force_login(moderator)
    before = snapshot()

    response = upload(client, csv_bytes(GOOD_LINES[0]), dry_run=False)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported: saving the figures failed" in html
    assert not any(word in html for word in SQL_WORDS)
    assert "INSERT INTO careers_salaryfigure" in caplog.text
    assert snapshot() == before


def test_a_career_already_over_the_cap_may_not_gain_another_figure(ai_specialist, settings):
    settings.SALARY_IMPORT_MAX_FIGURES_PER_CAREER = 2  # AI Specialist already has 3
    plan = plan_import(csv_bytes(GOOD_LINES[1]))
    assert [(p.line, p.column) for p in plan.problems] == [(2, "region")]
    assert "would have 4 salary figures" in plan.problems[0].message
