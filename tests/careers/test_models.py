"""Career models: salary figures, their constraint and staleness, and the factories others rely on."""

from __future__ import annotations

import pytest

from careers.factories import (
    CareerIndexPageFactory,
    CareerPageFactory,
    CareerSkillFactory,
    SalaryFigureFactory,
)
from careers.models import CareerPage


@pytest.fixture
def index(home_page):
    return CareerIndexPageFactory(parent=home_page)


def test_factory_gives_live_page_with_body_and_optional_salary(index):
    page = CareerPageFactory(parent=index, title="AI Specialist", with_salary=True)
    CareerSkillFactory(career=page)
    page = CareerPage.objects.get(pk=page.pk)
    assert page.url_path.endswith("/careers/ai-specialist/")
    assert [block.block_type for block in page.body] == ["time_of_day", "tasks"]
    figure = page.headline_salary
    assert (figure.minimum, figure.typical, figure.maximum) == (28_000, 45_000, 75_000)
    assert page.career_skills.count() == 1
    SalaryFigureFactory(career=page, region="London")
    assert page.salary_figures.count() == 2
