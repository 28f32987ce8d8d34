"""Fixtures for the careers tests: fully described careers and the salary sources they cite."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache

from careers.factories import (
    CareerPageFactory,
    SalaryFigureFactory,
    SalarySourceFactory,
    SectorFactory,
    full_body,
)


@pytest.fixture(autouse=True)
def clear_cache():
    # Site root paths and renditions are cached: start every test cold.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ai_specialist(career_index):
    """The AI Specialist article with its three salary figures, as the issue describes."""
    page = CareerPageFactory(
        parent=career_index,
        title="AI Specialist",
        slug="ai-specialist",
        summary="Builds and trains the models behind AI products.",
        sector=SectorFactory(name="Data and AI", slug="data-and-ai"),
        body=full_body(),
    )
    ashe = SalarySourceFactory(name="ONS ASHE 2025", url="https://www.ons.gov.uk/")
    gathered = datetime.date.today() - datetime.timedelta(days=90)
    SalaryFigureFactory(
        career=page,
        region="UK",
        minimum=28_000,
        typical=45_000,
        maximum=75_000,
        source=ashe,
        gathered_on=gathered,
    )
    SalaryFigureFactory(
        career=page,
        region="London",
        minimum=35_000,
        typical=55_000,
        typical_kind="median",
        maximum=90_000,
        source=ashe,
        gathered_on=gathered,
    )
    SalaryFigureFactory(
        career=page,
        region="Scotland",
        minimum=26_000,
        typical=41_000,
        maximum=68_000,
        source=SalarySourceFactory(name="Employer survey 2023"),
        gathered_on=datetime.date(2023, 6, 1),
    )
    return page


@pytest.fixture
def sources(db):
    """The salary sources the import's test files name."""
    return [SalarySourceFactory(name="ONS ASHE 2025"), SalarySourceFactory(name="Employer survey 2023")]


@pytest.fixture
def data_engineer(career_index, sources):
    """A second career, with one UK figure."""
    page = CareerPageFactory(parent=career_index, title="Data Engineer", slug="data-engineer")
    SalaryFigureFactory(
        career=page, region="UK", minimum=30_000, typical=50_000, maximum=80_000, source=sources[0]
    )
    return page
