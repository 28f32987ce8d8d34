"""The careers demo content that `seed_demo` loads: the AI Specialist article and its neighbours."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from careers.models import (
    CareerIndexPage,
    CareerPage,
    CareerSkill,
    ProgressionStep,
    RelatedCareer,
    SalaryFigure,
    Skill,
)
from portal.models import HomePage
from portal.sector_illustrations import DRAWN_SECTORS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def _snapshot() -> dict:
    return {
        "pages": sorted(Page.objects.values_list("id", "url_path", "latest_revision_id")),
        "images": get_image_model().objects.count(),
        "skills": Skill.objects.count(),
        "career_skills": CareerSkill.objects.count(),
        "figures": sorted(
            SalaryFigure.objects.values_list("career_id", "minimum", "typical", "maximum", "gathered_on")
        ),
        "steps": sorted(ProgressionStep.objects.values_list("career_id", "title", "linked_career_id")),
        "related": sorted(RelatedCareer.objects.values_list("career_id", "related_id")),
    }


def test_ai_specialist_is_live_with_the_seed_documents_figures_and_skills():
    career = CareerPage.objects.live().get(url_path__endswith="/careers/ai-specialist/")
    assert career.url == "/careers/ai-specialist/"
    assert career.sector.name == "Data and AI"
    assert (career.article_date.year, career.article_date.month) == (2026, 3)

    figure = career.headline_salary
    assert (figure.minimum, figure.typical, figure.maximum) == (28_000, 45_000, 75_000)
    assert (figure.typical_kind, figure.region) == ("average", "UK")
    # The seed document names no source, so the figures must not pass as sourced ones.
    assert figure.source.is_illustrative

    skills = dict(career.career_skills.values_list("skill__name", "importance"))
    assert set(skills) == {
        "Python",
        "Deep learning frameworks",
        "Statistics and probability",
        "Data preprocessing and feature engineering",
        "Model deployment",
        "Natural language processing",
        "Computer vision",
    }
    assert {"essential", "optional"} == set(skills.values())

    assert [step.title for step in career.progression_steps.all()] == [
        "Junior ML Engineer",
        "ML Engineer",
        "Senior ML Engineer",
        "Principal ML Engineer",
        "Head of AI / Chief AI Officer",
    ]
    ml_step = career.progression_steps.get(title="ML Engineer")
    assert ml_step.linked_career.slug == "machine-learning-engineer"
    assert set(career.specialisations.values_list("name", flat=True)) == {
        "Natural language processing",
        "Computer vision",
        "Reinforcement learning",
        "MLOps",
    }
    sections = [block.block_type for block in career.body]
    for section in ("time_of_day", "tasks", "quote", "skills", "challenges", "suitability", "call_to_action"):
        assert section in sections
    quote = next(block.value for block in career.body if block.block_type == "quote")
    assert (quote["role"], quote["sector"], quote["place"]) == ("ML Engineer", "Legal tech", "Cambridge")


def test_every_demo_career_is_a_complete_article_across_several_sectors():
    careers = list(CareerPage.objects.live().select_related("sector", "hero_image"))
    assert len(careers) >= 10
    assert len({career.sector_id for career in careers}) >= 3
    for career in careers:
        # No stock photo: every demo sector has a drawing of its own, shown on the page and its cards.
        assert career.hero_image is None, career.slug
        assert career.sector.slug in DRAWN_SECTORS, career.slug
        assert career.career_skills.filter(importance="essential").exists(), career.slug
        assert career.progression_steps.count() >= 3, career.slug
        assert career.specialisations.exists(), career.slug
        figure = career.headline_salary
        assert figure is not None and figure.minimum < figure.typical < figure.maximum, career.slug
        assert len({block.block_type for block in career.body}) >= 7, career.slug
    stale = [career.slug for career in careers if career.headline_salary.is_stale()]
    assert 1 <= len(stale) <= 2
    index = CareerIndexPage.objects.get()
    assert index.url == "/careers/" and index.show_in_menus


def test_every_demo_salary_figure_passes_the_models_checks_and_the_import_cap():
    # The plausible range and the per-career cap bind editors and the import: the demo keeps to them.
    for figure in SalaryFigure.objects.all():
        figure.full_clean()
    for career in CareerPage.objects.all():
        assert career.salary_figures.count() <= settings.SALARY_IMPORT_MAX_FIGURES_PER_CAREER


def test_home_page_features_careers_and_calls_readers_to_the_career_list():
    home = HomePage.objects.get()
    featured = [link.page.specific for link in home.featured_careers.all()]
    assert len(featured) == 3
    assert all(isinstance(page, CareerPage) for page in featured)
    assert home.cta_page.specific == CareerIndexPage.objects.get()


def test_a_second_seed_changes_no_careers_pages_images_or_rows():
    first = _snapshot()
    call_command("seed_demo", stdout=StringIO())
    assert _snapshot() == first


def test_career_pages_render(client):
    for url in ("/careers/", "/careers/ai-specialist/", "/careers/ux-designer/"):
        assert client.get(url).status_code == 200, url
    html = client.get("/careers/ai-specialist/").content.decode()
    assert "£28,000" in html and "£45,000" in html and "£75,000" in html
