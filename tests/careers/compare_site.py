"""Four careers described enough to compare: pay (one with its spread), essential skills that
overlap, progression ladders, typical days, and courses (one a draft) that prepare for them."""

from __future__ import annotations

from dataclasses import dataclass

from careers.factories import (
    CareerPageFactory,
    CareerSkillFactory,
    ProgressionStepFactory,
    SalaryFigureFactory,
    SkillFactory,
    full_body,
)
from careers.models import CareerPage
from courses.factories import CourseIndexPageFactory, CoursePageFactory


@dataclass
class CompareSite:
    analyst: CareerPage
    builder: CareerPage
    checker: CareerPage
    dreamer: CareerPage


def essential(career: CareerPage, *skills) -> None:
    for skill in skills:
        CareerSkillFactory(career=career, skill=skill)


def build_compare_site(home_page, career_index) -> CompareSite:
    python, sql = SkillFactory(name="Python"), SkillFactory(name="SQL")
    stats, git, networks = (
        SkillFactory(name="Statistics"),
        SkillFactory(name="Git"),
        SkillFactory(name="Networks"),
    )
    analyst = CareerPageFactory(parent=career_index, title="Analyst", slug="analyst", body=full_body())
    builder = CareerPageFactory(parent=career_index, title="Builder", slug="builder")
    checker = CareerPageFactory(parent=career_index, title="Checker", slug="checker", body=[])
    dreamer = CareerPageFactory(parent=career_index, title="Dreamer", slug="dreamer")
    SalaryFigureFactory(
        career=analyst,
        minimum=26_000,
        typical=45_000,
        maximum=80_000,
        typical_kind="median",
        percentile_10=24_000,
        percentile_25=33_000,
        percentile_75=58_000,
        percentile_90=71_000,
    )
    SalaryFigureFactory(career=builder, minimum=30_000, typical=50_000, maximum=90_000)
    SalaryFigureFactory(career=dreamer, minimum=20_000, typical=30_000, maximum=40_000)
    essential(analyst, python, sql, stats)
    essential(builder, python, sql, git)
    essential(checker, python, networks)
    essential(dreamer, python)
    ProgressionStepFactory(career=analyst, title="Junior Analyst")
    ProgressionStepFactory(career=analyst, title="Senior Analyst")
    ProgressionStepFactory(
        career=analyst, title="Head of Data", linked_career=builder, salary_min=90_000, salary_max=120_000
    )
    ProgressionStepFactory(career=builder, title="Lead Builder", salary_min=70_000)
    courses = CourseIndexPageFactory(parent=home_page)
    CoursePageFactory(parent=courses, title="Data Foundations", slug="data-foundations",
                      skills=[python, sql], careers=[analyst, builder])  # fmt: skip
    draft = CoursePageFactory(parent=courses, title="Hidden Draft Course", careers=[analyst])
    draft.unpublish()
    return CompareSite(analyst=analyst, builder=builder, checker=checker, dreamer=dreamer)
