"""Test data for careers: `CareerPageFactory(parent=index)` gives a valid page with a body.

Salary figures, skills, steps and the rest are separate factories taking `career=`, e.g.
`SalaryFigureFactory(career=page)`; `CareerPageFactory(..., with_salary=True)` adds one
headline figure (£28,000–£75,000, UK average £45,000). `OfficialSalaryFigureFactory` makes one as
the ONS import would, with its spread of pay and provenance. Routes in and self-check statements
too: `CareerRouteFactory(career=page, kind="university")`, `CareerRouteFactory(career=page,
course=course)` (kind "course"), `SelfCheckStatementFactory(career=page, skill=skill)`;
`working_patterns("remote")` gives the patterns a page's `working_patterns.set()` takes.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from careers.models import (
    CareerCourse,
    CareerIndexPage,
    CareerPage,
    CareerRoute,
    CareerSkill,
    ProgressionStep,
    RelatedCareer,
    SalaryFigure,
    SalarySource,
    Sector,
    SelfCheckStatement,
    Skill,
    Specialisation,
    WorkingPattern,
)
from portal.editor_rich_text import editor_stream

ONS_ASHE_URL = (
    "https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork/earningsandworkinghours/"
    "datasets/regionbyoccupation4digitsoc2010ashetable15"
)


def _block(block_type: str, value: object) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _as_the_editor_saves(body: list[dict]) -> list[dict]:
    # Bodies as the page editor saves them, so an unchanged body never shows in "Compare".
    return editor_stream(CareerPage._meta.get_field("body").stream_block, body, "factory")


def short_body() -> list[dict]:
    """A minimal "Day in the Life" body: one time-of-day section and a task list."""
    return _as_the_editor_saves(
        [
            _block(
                "time_of_day",
                {
                    "period": "morning",
                    "heading": "",
                    "body": "<p>The day starts with the overnight reports.</p>",
                },
            ),
            _block("tasks", {"heading": "Core daily tasks", "tasks": ["Review the reports", "Plan the day"]}),
        ]
    )


def full_body(course_page_id: int | None = None) -> list[dict]:
    """A body with one of every section type, for tests that check each one renders."""
    return _as_the_editor_saves(
        [
            _block(
                "time_of_day",
                {
                    "period": "morning",
                    "heading": "",
                    "body": "<p>Coffee and the overnight training runs.</p>",
                },
            ),
            _block(
                "time_of_day",
                {
                    "period": "afternoon",
                    "heading": "After lunch",
                    "body": "<p>Pairing with a colleague on a data pipeline.</p>",
                },
            ),
            _block(
                "time_of_day", {"period": "evening", "heading": "", "body": "<p>Reading a new paper.</p>"}
            ),
            _block(
                "tasks", {"heading": "Core daily tasks", "tasks": ["Clean a data set", "Evaluate a model"]}
            ),
            _block(
                "quote",
                {
                    "quote": "Watching a model save people hours is the best part.",
                    "role": "ML Engineer",
                    "sector": "Legal tech",
                    "place": "Cambridge",
                },
            ),
            _block("skills", {"heading": "Skills you need", "intro": "Employers ask for these most."}),
            _block(
                "challenges",
                {"heading": "The real challenges", "body": "<p>Moving a model from notebook to service.</p>"},
            ),
            _block(
                "suitability",
                {
                    "heading": "Is this role for you?",
                    "body": "<p>You like puzzles and patient experiments.</p>",
                },
            ),
            _block(
                "call_to_action",
                {
                    "heading": "Ready to start?",
                    "text": "Our course teaches what employers ask for.",
                    "course": course_page_id,
                    "link_text": "View the course",
                },
            ),
            _block("paragraph", "<p>A closing paragraph about the wider field.</p>"),
        ]
    )


class SectorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    description = "An area of work."

    class Meta:
        model = Sector
        django_get_or_create = ("slug",)


class SkillFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    description = ""

    class Meta:
        model = Skill
        django_get_or_create = ("slug",)


class SalarySourceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"ONS ASHE {2020 + n}")
    url = "https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork/earningsandworkinghours"
    is_illustrative = False

    class Meta:
        model = SalarySource
        django_get_or_create = ("name",)


class CareerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Careers"
    slug = "careers"
    intro = "Read what each job is really like, then find a course that prepares you for it."

    class Meta:
        model = CareerIndexPage


class CareerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Career {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    summary = factory.LazyAttribute(lambda obj: f"What a {obj.title} does all day.")
    sector = factory.SubFactory(SectorFactory)
    article_date = datetime.date(2026, 3, 5)
    body = factory.LazyFunction(short_body)

    class Meta:
        model = CareerPage
        skip_postgeneration_save = True

    @factory.post_generation
    def courses(self, create: bool, extracted: list | None, **kwargs) -> None:
        """courses=[course_page, ...] links courses from the career's own editor, in order."""
        if create and extracted:
            for order, course in enumerate(extracted):
                CareerCourse.objects.create(career=self, course=course, sort_order=order)

    class Params:
        with_salary = factory.Trait(
            headline=factory.RelatedFactory(
                "careers.factories.SalaryFigureFactory", factory_related_name="career"
            )
        )


def _recent() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=60)


class SalaryFigureFactory(factory.django.DjangoModelFactory):
    career = factory.SubFactory(CareerPageFactory)
    region = "UK"
    minimum = 28_000
    typical = 45_000
    maximum = 75_000
    typical_kind = SalaryFigure.TypicalKind.AVERAGE
    source = factory.SubFactory(SalarySourceFactory)
    gathered_on = factory.LazyFunction(_recent)

    class Meta:
        model = SalaryFigure


def _this_year() -> int:
    return timezone.localdate().year


class OfficialSalaryFigureFactory(SalaryFigureFactory):
    """A figure as the ONS import writes it: the median, the 10th–90th percentile range, the
    spread and the provenance. ``OfficialSalaryFigureFactory(career=page, region="London", cv=12)``."""

    origin = SalaryFigure.Origin.ONS
    typical_kind = SalaryFigure.TypicalKind.MEDIAN
    percentile_10 = factory.SelfAttribute("minimum")
    percentile_25 = factory.LazyAttribute(lambda obj: (obj.minimum + obj.typical) // 2)
    percentile_75 = factory.LazyAttribute(lambda obj: (obj.typical + obj.maximum) // 2)
    percentile_90 = factory.SelfAttribute("maximum")
    job_count = 45_000
    dataset = "Annual Survey of Hours and Earnings"
    table = "Table 15.7a"
    # This year's survey, gathered in April: recent enough never to be called out of date.
    year = factory.LazyFunction(_this_year)
    release = SalaryFigure.Release.PROVISIONAL
    soc_code = "2134"
    soc_description = "Programmers and software development professionals"
    range_low_percentile = 10
    range_high_percentile = 90
    cv = Decimal("4.2")
    source = factory.SubFactory(
        SalarySourceFactory,
        name=factory.LazyAttribute(
            lambda obj: f"ONS ASHE {obj.factory_parent.year} ({obj.factory_parent.release})"
        ),
        url=ONS_ASHE_URL,
    )
    gathered_on = factory.LazyAttribute(lambda obj: datetime.date(obj.year, 4, 1))


class CareerSkillFactory(factory.django.DjangoModelFactory):
    career = factory.SubFactory(CareerPageFactory)
    skill = factory.SubFactory(SkillFactory)
    importance = CareerSkill.Importance.ESSENTIAL

    class Meta:
        model = CareerSkill


class ProgressionStepFactory(factory.django.DjangoModelFactory):
    career = factory.SubFactory(CareerPageFactory)
    title = factory.Sequence(lambda n: f"Step {n}")
    description = ""
    linked_career = None
    salary_min = None
    salary_max = None

    class Meta:
        model = ProgressionStep


class SpecialisationFactory(factory.django.DjangoModelFactory):
    career = factory.SubFactory(CareerPageFactory)
    name = factory.Sequence(lambda n: f"Specialisation {n}")
    description = ""

    class Meta:
        model = Specialisation


class RelatedCareerFactory(factory.django.DjangoModelFactory):
    career = factory.SubFactory(CareerPageFactory)
    related = factory.SubFactory(CareerPageFactory)

    class Meta:
        model = RelatedCareer


def working_patterns(*slugs: str) -> list[WorkingPattern]:
    """The named patterns of the fixed vocabulary (recreated if a browser test flushed them)."""
    every = WorkingPattern.ensure_all()
    return [every[slug] for slug in slugs]


class CareerRouteFactory(factory.django.DjangoModelFactory):
    """A university route by default; give `course=` for a route through one of ours."""

    career = factory.SubFactory(CareerPageFactory)
    kind = factory.LazyAttribute(
        lambda obj: CareerRoute.Kind.COURSE if obj.course is not None else CareerRoute.Kind.UNIVERSITY
    )
    title = ""
    entry_requirements = "Two A levels or equivalent, one of them in maths or a science."
    course = None
    link_url = ""

    class Meta:
        model = CareerRoute


class SelfCheckStatementFactory(factory.django.DjangoModelFactory):
    career = factory.SubFactory(CareerPageFactory)
    text = factory.Sequence(lambda n: f"I enjoy puzzle number {n}")
    skill = None
    trait = factory.LazyAttribute(lambda obj: "" if obj.skill is not None else "Curiosity")

    class Meta:
        model = SelfCheckStatement
