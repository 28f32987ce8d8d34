"""Career models: salary figures, their constraint and staleness, and the factories others rely on."""

from __future__ import annotations

import pytest

from careers.factories import (
    CareerPageFactory,
    CareerSkillFactory,
    SalaryFigureFactory,
)
from careers.models import CareerPage


def test_factory_gives_live_page_with_body_and_optional_salary(career_index):
    page = CareerPageFactory(parent=career_index, title="AI Specialist", with_salary=True)
    CareerSkillFactory(career=page)
    page = CareerPage.objects.get(pk=page.pk)
    assert page.url_path.endswith("/careers/ai-specialist/")
    assert [block.block_type for block in page.body] == ["time_of_day", "tasks"]
    figure = page.headline_salary
    assert (figure.minimum, figure.typical, figure.maximum) == (28_000, 45_000, 75_000)
    assert page.career_skills.count() == 1
    SalaryFigureFactory(career=page, region="London")
    assert page.salary_figures.count() == 2


@pytest.mark.parametrize(
    ("minimum", "typical", "maximum"),
    [(0, 45_000, 75_000), (50_000, 45_000, 75_000), (28_000, 80_000, 75_000), (28_000, 45_000, 20_000)],
)
def test_database_refuses_figures_out_of_order(career_index, minimum, typical, maximum):
    from django.db import IntegrityError, transaction

    page = CareerPageFactory(parent=career_index)
    with pytest.raises(IntegrityError), transaction.atomic():
        SalaryFigureFactory(career=page, minimum=minimum, typical=typical, maximum=maximum)
    assert not page.salary_figures.exists()


@pytest.mark.parametrize(
    ("minimum", "typical", "maximum", "field", "message"),
    [
        (
            0,
            45_000,
            75_000,
            "minimum",
            "£0 is not a plausible annual salary: give a figure between £1,000 and £1,000,000 a year, "
            "in whole pounds.",
        ),
        (
            28_000,
            45_000,
            2_000_000_000,
            "maximum",
            "£2,000,000,000 is not a plausible annual salary: give a figure between £1,000 and "
            "£1,000,000 a year, in whole pounds.",
        ),
        (
            28_000,
            80_000,
            75_000,
            "typical",
            "The typical salary (£80,000) is higher than the maximum (£75,000).",
        ),
        (
            50_000,
            45_000,
            75_000,
            "typical",
            "The typical salary (£45,000) is lower than the minimum (£50,000).",
        ),
        (28_000, 45_000, 20_000, "maximum", "The maximum (£20,000) is lower than the minimum (£28,000)."),
    ],
)
def test_clean_names_the_wrong_figure(minimum, typical, maximum, field, message):
    from django.core.exceptions import ValidationError

    from careers.models import SalaryFigure

    figure = SalaryFigure(minimum=minimum, typical=typical, maximum=maximum)
    with pytest.raises(ValidationError) as caught:
        figure.clean()
    assert caught.value.message_dict[field] == [message]


def test_figure_is_stale_after_18_months():
    import datetime

    from careers.models import SalaryFigure

    today = datetime.date(2026, 3, 5)
    assert not SalaryFigure(gathered_on=datetime.date(2024, 9, 30)).is_stale(today)
    assert SalaryFigure(gathered_on=datetime.date(2024, 8, 31)).is_stale(today)


def test_progression_step_band_must_be_in_order(career_index):
    from django.core.exceptions import ValidationError

    from careers.models import ProgressionStep

    with pytest.raises(ValidationError) as caught:
        ProgressionStep(title="Lead", salary_min=60_000, salary_max=50_000).clean()
    assert "lower than its minimum" in caught.value.message_dict["salary_max"][0]


def test_typical_label_and_scale_of_salary_rows():
    from careers.models import SalaryFigure
    from careers.salary_scale import salary_rows

    uk = SalaryFigure(region="UK", minimum=28_000, typical=45_000, maximum=75_000, typical_kind="average")
    london = SalaryFigure(
        region="London", minimum=35_000, typical=55_000, maximum=90_000, typical_kind="median"
    )
    assert uk.typical_label == "UK average"
    assert london.typical_label == "London median"
    rows = salary_rows([uk, london])
    assert (rows[0].start, rows[0].marker) == (31.11, 50.0)
    assert rows[1].start + rows[1].width == 100.0


def test_a_salary_scale_ends_on_a_whole_step_above_the_highest_figure():
    from careers.salary_scale import scale_top

    assert scale_top(90_000, 10_000) == 90_000
    assert scale_top(90_001, 10_000) == 100_000
    # A scale is never empty, even with nothing on it.
    assert scale_top(0, 10_000) == 10_000
