"""What a reader sees on a career page, and what it costs to build it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import ImageFactory

from careers.factories import (
    CareerPageFactory,
    CareerSkillFactory,
    ProgressionStepFactory,
    RelatedCareerFactory,
    SalaryFigureFactory,
    SkillFactory,
    SpecialisationFactory,
    full_body,
)
from careers.models import CareerCourse
from courses.factories import CourseIndexPageFactory, CoursePageFactory, ProviderFactory
from portal.factories import PromotionFactory
from portal.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_every_body_section_renders(client, ai_specialist):
    html = client.get("/careers/ai-specialist/").content.decode()
    assert '<h1 id="career-title">AI Specialist</h1>' in html
    assert "Builds and trains the models behind AI products." in html
    # Time of day: default headings, custom heading, and a decorative icon.
    assert "The morning" in html and "After lunch" in html and "The evening" in html
    assert 'class="time-of-day__icon" aria-hidden="true"' in html
    assert "<li>Clean a data set</li>" in html
    assert "Watching a model save people hours is the best part." in html
    assert "ML Engineer, Legal tech, Cambridge" in html
    assert "The real challenges" in html and "Moving a model from notebook to service." in html
    assert "Is this role for you?" in html and "You like puzzles" in html
    # The fixture's call to action names no course, so it shows no panel inviting to nothing.
    assert "Ready to start?" not in html
    assert "A closing paragraph about the wider field." in html
    assert "5 March 2026" in html


def test_ai_specialist_shows_each_of_its_three_salary_figures_for_its_region(client, ai_specialist):
    html = client.get("/careers/ai-specialist/").content.decode()
    assert "£28,000–£75,000" in html
    assert "UK average £45,000" in html
    assert '<a href="https://www.ons.gov.uk/">ONS ASHE 2025</a>' in html
    # Text equivalent of each bar.
    assert "Salary range from £28,000 to £75,000, with the average at £45,000." in html
    assert "Possibly out of date" not in html

    html = client.get("/careers/ai-specialist/?region=london").content.decode()
    assert "£35,000–£90,000" in html and "London median £55,000" in html

    html = client.get("/careers/ai-specialist/?region=scotland").content.decode()
    assert "£26,000–£68,000" in html and "Scotland average £41,000" in html
    assert "Employer survey 2023" in html
    assert 'as of <time datetime="2023-06">June 2023</time>' in html
    # Only the 2023 figure is old enough to be flagged.
    assert html.count("Possibly out of date") == 1


def test_salary_bars_share_one_scale(client, ai_specialist):
    html = client.get("/careers/ai-specialist/").content.decode()
    # The top of the scale is £90,000 (London's maximum), so the UK bar starts at 28/90.
    assert 'class="salary-bar__range" x="31.11"' in html
    assert 'class="salary-bar__marker" x="50.00"' in html


def test_skills_ladder_specialisations_and_related(client, career_index, ai_specialist):
    CareerSkillFactory(career=ai_specialist, skill=SkillFactory(name="Python"), importance="essential")
    CareerSkillFactory(
        career=ai_specialist, skill=SkillFactory(name="Cloud platforms"), importance="optional"
    )
    engineer = CareerPageFactory(parent=career_index, title="ML Engineer", slug="ml-engineer")
    ProgressionStepFactory(
        career=ai_specialist, title="Junior data analyst", salary_min=26_000, salary_max=32_000
    )
    ProgressionStepFactory(career=ai_specialist, title="ML Engineer", linked_career=engineer)
    SpecialisationFactory(career=ai_specialist, name="Natural language processing")
    RelatedCareerFactory(career=ai_specialist, related=engineer)
    draft = CareerPageFactory(parent=career_index, title="Unpublished career", live=False)
    RelatedCareerFactory(career=ai_specialist, related=draft)

    html = client.get("/careers/ai-specialist/").content.decode()
    essential, optional = html.split("<h3>Essential</h3>")[1].split("<h3>Useful extras</h3>")
    assert "Python" in essential and "Cloud platforms" not in essential
    assert "Cloud platforms" in optional
    assert "Junior data analyst" in html and "£26,000–£32,000" in html
    assert '<a href="/careers/ml-engineer/">ML Engineer</a>' in html
    assert "Natural language processing" in html
    assert "Related careers" in html
    assert "Unpublished career" not in html


def test_courses_that_prepare_you_say_how_many_skills_they_cover(client, home_page, ai_specialist):
    skills = [SkillFactory(name=f"Skill {n}") for n in range(3)]
    for skill in skills:
        CareerSkillFactory(career=ai_specialist, skill=skill)
    courses = CourseIndexPageFactory(parent=home_page)
    CoursePageFactory(
        parent=courses,
        title="Applied Machine Learning",
        provider=ProviderFactory(name="Northern Institute"),
        price=Decimal("2450.00"),
        duration_weeks=16,
        level="intermediate",
        skills=skills[:2] + [SkillFactory(name="Unrelated")],
        careers=[ai_specialist],
    )
    CoursePageFactory(parent=courses, title="Free Taster", price=Decimal("0"), careers=[ai_specialist])
    CoursePageFactory(parent=courses, title="Withdrawn Course", careers=[ai_specialist], live=False)

    html = client.get("/careers/ai-specialist/").content.decode()
    section = html.split('id="courses-heading"')[1]
    assert "Applied Machine Learning" in section and "Northern Institute" in section
    assert "£2,450" in section and "16 weeks" in section and "Intermediate" in section
    assert "Covers 2 of 3 skills" in section
    assert "Free Taster" in section and "Free" in section
    assert "Withdrawn Course" not in html


def test_no_course_section_without_live_courses(client, ai_specialist):
    assert "Courses that prepare you" not in client.get("/careers/ai-specialist/").content.decode()


def test_career_page_shows_site_promotion_and_breadcrumbs(client, site, ai_specialist):
    settings = SiteSettings.for_site(site)
    settings.promotion = PromotionFactory(heading="Beyond the certificate")
    settings.save()
    html = client.get("/careers/ai-specialist/").content.decode()
    assert "Beyond the certificate" in html
    assert 'aria-label="Breadcrumb"' in html and '<a href="/careers/">Careers</a>' in html


def _career_with(index, courses, name: str, count: int):
    """A career with a hero image, a course call to action and `count` of everything listed."""
    cta_course = CoursePageFactory(parent=courses, title=f"{name} course")
    career = CareerPageFactory(
        parent=index, title=name, hero_image=ImageFactory(), body=full_body(course_page_id=cta_course.pk)
    )
    for n in range(count):
        skill = SkillFactory()
        CareerSkillFactory(career=career, skill=skill, importance="essential" if n % 2 else "optional")
        other = CareerPageFactory(parent=index)
        ProgressionStepFactory(career=career, linked_career=other, salary_min=20_000, salary_max=30_000)
        SpecialisationFactory(career=career)
        RelatedCareerFactory(career=career, related=other)
        SalaryFigureFactory(career=career, region=f"Region {n}")
        # Half the courses link the career from their editor, half are linked from the career's.
        course = CoursePageFactory(parent=courses, skills=[skill], careers=[career] if n % 2 else [])
        if not n % 2:
            CareerCourse.objects.create(career=career, course=course, sort_order=n)
    return career


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_1_or_20_of_everything(client, home_page, career_index):
    courses = CourseIndexPageFactory(parent=home_page)
    small = _career_with(career_index, courses, "Small career", 1)
    large = _career_with(career_index, courses, "Large career", 20)

    html = client.get(large.url).content.decode()
    assert html.count('class="ladder__step"') == 20
    assert html.count('<li class="card course-card') == 20
    assert html.count('class="salary__figure"') == 20
    assert "Large career course" in html  # the call to action's chosen course

    client.get(small.url)  # Image renditions are made once, on the first view ever.
    cold, warm = [], []
    for career in (small, large):
        cache.clear()
        cold.append(_queries(client, career.url))
        warm.append(_queries(client, career.url))
    assert cold[0] == cold[1], cold
    assert warm[0] == warm[1], warm
    # Warm, the route, the site's parts and the article all come from the cache (the budget is 6).
    assert warm[1] == 0, warm


def test_cached_article_changes_when_a_course_is_unpublished(client, home_page, ai_specialist):
    courses = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=courses, title="Deep Learning Bootcamp", careers=[ai_specialist])
    assert "Deep Learning Bootcamp" in client.get("/careers/ai-specialist/").content.decode()
    course.unpublish()
    assert "Deep Learning Bootcamp" not in client.get("/careers/ai-specialist/").content.decode()


def test_cached_article_shows_a_renamed_skill_on_the_next_request(client, ai_specialist):
    skill = CareerSkillFactory(career=ai_specialist, skill__name="Statistics").skill
    assert skill.name in client.get("/careers/ai-specialist/").content.decode()
    skill.name = "Applied statistics for machine learning"
    skill.save()
    assert "Applied statistics for machine learning" in client.get("/careers/ai-specialist/").content.decode()


def test_saving_a_draft_keeps_the_cached_article(client, ai_specialist):
    """Readers see the published article; an editor's draft must not make them rebuild it."""
    CareerSkillFactory(career=ai_specialist, skill__name="Statistics")
    ai_specialist.save_revision().publish()
    client.get(ai_specialist.url)
    warm = _queries(client, ai_specialist.url)

    draft = ai_specialist.get_latest_revision_as_object()
    draft.summary = "A draft summary nobody has published."
    draft.save_revision()

    with CaptureQueriesContext(connection) as queries:
        html = client.get(ai_specialist.url).content.decode()
    assert "A draft summary nobody has published." not in html and "Statistics" in html
    assert len(queries) == warm
