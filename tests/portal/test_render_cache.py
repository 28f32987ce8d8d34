"""What rendered pages keep between requests (the site and its settings, menu, footer, breadcrumbs,
each URL's route, a career's article) never outlives a change: a publish, unpublish, slug change,
snippet or setting save or salary import shows on the very next request; previews and drafts are
never kept; nothing one visitor sees reaches another."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from careers.factories import CareerPageFactory, SalaryFigureFactory, SalarySourceFactory, SkillFactory
from careers.models import CareerPage
from careers.salary_import import apply_import
from courses.factories import CourseFeatureFactory, CoursePageFactory
from portal.factories import StandardPageFactory
from portal.models import Promotion, SiteSettings
from tests.careers.salary_files import csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def career(career_index) -> CareerPage:
    page = CareerPageFactory(parent=career_index, title="Data Engineer", slug="data-engineer")
    source = SalarySourceFactory(name="ONS ASHE 2025")
    SalaryFigureFactory(
        career=page, region="UK", minimum=30_000, typical=50_000, maximum=80_000, source=source
    )
    return page


def shown(client, url: str) -> str:
    """The page as a visitor sees it, asked twice so the second answer comes from what was kept."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_published_change_shows_on_the_next_request(client, career):
    assert "Builds pipelines" not in shown(client, career.url)
    career.summary = "Builds pipelines that move data."
    career.save_revision().publish()
    assert "Builds pipelines that move data." in client.get(career.url).content.decode()


def test_a_saved_draft_is_not_shown_but_its_preview_is(client, career):
    shown(client, career.url)
    career.summary = "A draft nobody has approved."
    revision = career.save_revision()
    assert "A draft nobody has approved." not in client.get(career.url).content.decode()
    preview = revision.as_object().make_preview_request()
    assert "A draft nobody has approved." in preview.render().content.decode()
    # ... and the preview left nothing behind for visitors.
    assert "A draft nobody has approved." not in client.get(career.url).content.decode()


def test_an_unpublished_page_is_gone_on_the_next_request(client, career):
    shown(client, career.url)
    career.unpublish()
    assert client.get(career.url).status_code == 404


def test_a_new_slug_routes_at_once_and_the_old_one_stops(client, career):
    old_url = career.url
    shown(client, old_url)
    career.slug = "data-platform-engineer"
    career.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert client.get("/careers/data-platform-engineer/").status_code == 200


def test_a_view_restriction_applies_on_the_next_request(client, career):
    shown(client, career.url)
    PageViewRestriction.objects.create(page=career, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(career.url)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_renamed_sector_shows_on_the_next_request(client, career):
    shown(client, career.url)
    career.sector.name = "Data platforms"
    career.sector.save()
    assert ">Data platforms</a>" in client.get(career.url).content.decode()


def test_site_settings_footer_and_promotion_changes_show_on_the_next_request(client, career, site):
    shown(client, career.url)
    settings = SiteSettings.for_site(site)
    settings.organisation_name = "Northfield College"
    settings.promotion = Promotion.objects.create(
        name="Open day", heading="Come to our open day", body="Saturday."
    )
    settings.save()
    html = client.get(career.url).content.decode()
    assert "Northfield College" in html and "Come to our open day" in html
    settings.promotion.heading = "Open day moved to Sunday"
    settings.promotion.save()
    assert "Open day moved to Sunday" in client.get(career.url).content.decode()


def test_a_page_published_into_the_menu_shows_in_it_at_once(client, career, home_page):
    assert ">About us</a>" not in shown(client, career.url)
    about = StandardPageFactory(parent=home_page, title="About us", slug="about", show_in_menus=True)
    about.save_revision().publish()
    assert ">About us</a>" in client.get(career.url).content.decode()


def test_a_salary_import_shows_on_the_next_request(client, career):
    assert "£52,000" not in shown(client, career.url)
    result = apply_import(csv_bytes("data-engineer,UK,32000,52000,average,85000,ONS ASHE 2025,2025-12-01"))
    assert result.succeeded, result.problems
    assert "£52,000" in client.get(career.url).content.decode()


def test_the_region_asked_for_is_one_visitors_alone(client, career):
    SalaryFigureFactory(career=career, region="London", minimum=40_000, typical=60_000, maximum=90_000)
    london = shown(client, career.url + "?region=london")
    plain = shown(client, career.url)
    assert "£60,000" in london
    assert '<option value="london" selected>' not in plain
    assert '<option value="london" selected>' in london


def test_a_signed_in_editors_userbar_never_reaches_a_visitor(client, career, superuser):
    client.force_login(superuser)
    assert "wagtail-userbar" in shown(client, career.url)
    client.logout()
    assert "wagtail-userbar" not in shown(client, career.url)


def test_a_published_course_change_shows_on_the_next_request(client, course_index, career):
    course = CoursePageFactory(parent=course_index, title="Data Pipelines", careers=[career])
    html = shown(client, course.url)
    assert "Data Engineer" in html and "£1,200" in html
    course.price = 950
    course.save_revision().publish()
    assert "£950" in client.get(course.url).content.decode()
    career.title = "Data Platform Engineer"
    career.save_revision().publish()
    assert "Data Platform Engineer" in client.get(course.url).content.decode()


def test_a_course_page_keeps_the_page_that_led_there_per_visitor(client, course_index, career):
    course = CoursePageFactory(parent=course_index, title="Data Pipelines", careers=[career])
    led = shown(client, f"{course.url}?from={career.pk}")
    plain = shown(client, course.url)
    assert f"from={career.pk}" in led
    assert f"from={career.pk}" not in plain


def test_home_page_changes_and_its_featured_careers_show_on_the_next_request(client, career, home_page):
    home_page.featured_careers.create(page=career, sort_order=0)
    home_page.save_revision().publish()
    assert "Data Engineer" in shown(client, "/")
    home_page.hero_heading = "Find the work that fits you"
    home_page.save_revision().publish()
    assert "Find the work that fits you" in client.get("/").content.decode()
    career.unpublish()
    assert "Data Engineer" not in client.get("/").content.decode()


def test_a_compared_careers_published_change_shows_in_the_comparison_at_once(client, career, career_index):
    other = CareerPageFactory(parent=career_index, title="Data Analyst", slug="data-analyst")
    url = "/careers/compare/?careers=data-analyst&careers=data-engineer"
    assert "Data Engineer" in shown(client, url)
    career.title = "Data Pipeline Engineer"
    career.save_revision().publish()
    assert "Data Pipeline Engineer" in client.get(url).content.decode()
    other.unpublish()
    assert "Data Analyst" not in client.get(url).content.decode()


def test_what_a_compared_course_shows_changes_in_the_comparison_at_once(client, career, course_index):
    """Each compared course is kept as plain data (courses/course_profile.py): its features, skills,
    careers and their salaries, its start dates and its title, each read afresh after a change."""
    labs = CourseFeatureFactory(name="Hands-on labs")
    sql = SkillFactory(name="SQL")
    CoursePageFactory(parent=course_index, title="Data Pipelines", slug="data-pipelines", careers=[career])
    CoursePageFactory(
        parent=course_index, title="SQL Basics", slug="sql-basics", features=[labs], skills=[sql]
    )
    third = CoursePageFactory(parent=course_index, title="Cloud Data", slug="cloud-data")
    url = "/courses/compare/?courses=data-pipelines,sql-basics,cloud-data"
    html = shown(client, url)
    assert "Hands-on labs" in html and ">SQL<" in html and "£50,000, Data Engineer" in html
    assert "Cloud Data" in html
    labs.name = "Practical labs"
    labs.save()
    assert "Practical labs" in client.get(url).content.decode()
    sql.name = "Structured Query Language"
    sql.save()
    assert ">Structured Query Language<" in client.get(url).content.decode()
    figure = career.salary_figures.get()
    figure.typical = 57_000
    figure.save()
    assert "£57,000, Data Engineer" in client.get(url).content.decode()
    career.title = "Data Platform Engineer"
    career.save_revision().publish()
    assert "£57,000, Data Platform Engineer" in client.get(url).content.decode()
    third.unpublish()
    html = client.get(url).content.decode()
    assert "Compare 2 courses" in html and "Cloud Data" not in html.split("<table")[1]
