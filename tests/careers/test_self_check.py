"""The "Is this role for you?" self-check: 5–8 statements per career, a plain GET form, honest
guidance, the courses teaching what was not ticked, and nothing kept of what a student ticked."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.test import RequestFactory

from careers.factories import CareerPageFactory, SelfCheckStatementFactory, SkillFactory
from careers.models import CareerPage, SelfCheckStatement
from courses.factories import CourseIndexPageFactory, CoursePageFactory
from portal import page_cache
from tests.careers.career_forms import add_url, career_form

pytestmark = pytest.mark.django_db
URL = "/careers/data-scientist/"


@pytest.fixture
def scientist(career_index, home_page):
    """Six statements: four tied to skills (SQL twice), two to traits."""
    page = CareerPageFactory(parent=career_index, title="Data Scientist", slug="data-scientist")
    python, stats, sql = (SkillFactory(name=name) for name in ("Python", "Statistics", "SQL"))
    for text, skill, trait in [
        ("I enjoy finding patterns in data", stats, ""),
        ("I am willing to write code every day", python, ""),
        ("I am comfortable pulling my own data", sql, ""),
        ("I like asking a database questions", sql, ""),
        ("I can say I don't know yet", None, "Honesty about uncertainty"),
        ("I keep going when experiments fail", None, "Patience"),
    ]:
        SelfCheckStatementFactory(career=page, text=text, skill=skill, trait=trait)
    courses = CourseIndexPageFactory(parent=home_page)
    CoursePageFactory(parent=courses, title="Python Basics", skills=[python])
    CoursePageFactory(parent=courses, title="Python and SQL", skills=[python, sql])
    CoursePageFactory(parent=courses, title="Statistics Only", skills=[stats])
    CoursePageFactory(parent=courses, title="Draft SQL", skills=[sql], live=False)
    return page


def result(html: str) -> str:
    return html.split('id="self-check-result">')[1].split("</div>")[0]


def test_the_form_is_a_plain_get_to_the_page_that_stores_nothing(client, scientist):
    html = client.get(URL).content.decode()
    section = html.split('id="self-check"')[1].split("</section>")[0]
    assert (
        '<form class="self-check__form" method="get" action="/careers/data-scientist/#self-check-result">'
        in section
    )
    assert section.count('type="checkbox" name="statement"') == 6
    assert '<input type="hidden" name="self_check" value="1">' in section
    assert "<legend>Which of these sound like you?</legend>" in section
    assert "Your answers are not saved anywhere" in section
    assert 'id="self-check-result"' not in section
    assert "csrfmiddlewaretoken" not in section


@pytest.mark.parametrize(
    ("ticked", "heading", "said"),
    [
        ([1, 2, 3, 4, 5], "This sounds like a good fit", "You ticked 5 of 6."),
        ([1, 2, 3], "Parts of this fit you; others you would need to build", "You ticked 3 of 6."),
        ([1], "You may find parts of this role hard", "You ticked 1 of 6."),
        ([], "You may find parts of this role hard", "You ticked 0 of 6."),
    ],
)
def test_the_guidance_is_honest_about_how_much_was_ticked(client, scientist, ticked, heading, said):
    query = "&".join(["self_check=1", *(f"statement={n}" for n in ticked)])
    html = client.get(f"{URL}?{query}").content.decode()
    shown = result(html)
    assert f"<h3>{heading}</h3>" in shown and said in shown
    # The ticks stay ticked, so the student can change their answers.
    assert html.count(" checked>") == len(ticked)


def test_skills_not_ticked_lead_to_the_public_courses_teaching_them(client, scientist):
    # Ticked: patterns (Statistics) and the uncertainty trait; not: Python, SQL (twice), Patience.
    shown = result(client.get(f"{URL}?self_check=1&statement=1&statement=5").content.decode())
    skills = shown.split("<h4>Skills to learn</h4>")[1].split("</ul>")[0]
    assert skills == '\n    <ul class="skill-list"><li class="tag">Python</li><li class="tag">SQL</li>'
    assert "<h4>Worth thinking about</h4>" in shown and "<li>Patience</li>" in shown
    assert "Honesty about uncertainty" not in shown
    courses = shown.split("Courses that teach what you did not tick</h4>")[1]
    # Most of the missing skills first; a course for a ticked skill or a draft is not offered.
    assert courses.index("Python and SQL") < courses.index("Python Basics")
    assert "teaches Python, SQL" in courses
    assert f'href="/courses/python-and-sql/?from={scientist.pk}"' in courses
    assert "Statistics Only" not in courses and "Draft SQL" not in courses


def test_ticking_every_skill_offers_no_course(client, scientist):
    shown = result(
        client.get(f"{URL}?self_check=1&statement=1&statement=2&statement=3&statement=4").content.decode()
    )
    assert "Skills to learn" not in shown and "Courses that teach" not in shown
    assert "<li>Honesty about uncertainty</li>" in shown and "<li>Patience</li>" in shown


@pytest.mark.parametrize(
    "query",
    [
        "statement=99",
        "statement=abc",
        "statement=0",
        "statement=%00",
        "statement=%EF%BC%91",
        "statement=" + "1" * 400,
    ],
)
def test_answers_the_page_never_asked_are_left_out_with_a_note(client, scientist, query):
    response = client.get(f"{URL}?self_check=1&statement=2&{query}")
    assert response.status_code == 200
    shown = result(response.content.decode())
    assert "You ticked 1 of 6." in shown
    assert "Some answers in the address were not ones this page asks" in shown


def test_repeating_a_statement_counts_it_once_and_thousands_are_not_read(client, scientist):
    assert "You ticked 1 of 6." in client.get(f"{URL}?statement=2&statement=2&statement=2").content.decode()
    many = "&".join(["statement=1"] * 5000)
    assert "You ticked 1 of 6." in client.get(f"{URL}?{many}").content.decode()


def test_the_form_keeps_the_salary_region_chosen(client, scientist):
    def form(url: str) -> str:
        return client.get(url).content.decode().split('class="self-check__form"')[1]

    assert '<input type="hidden" name="region" value="london">' in form(URL + "?region=london")
    assert 'name="region" value="' not in form(URL)


def test_a_career_without_statements_has_no_self_check(client, career_index):
    CareerPageFactory(parent=career_index, title="Bare", slug="bare")
    html = client.get("/careers/bare/?self_check=1&statement=1").content.decode()
    assert 'id="self-check"' not in html and "You ticked" not in html


def test_a_statement_is_tied_to_a_skill_or_a_trait():
    with pytest.raises(ValidationError) as refusal:
        SelfCheckStatement(text="I like puzzles", trait="  ").clean()
    assert refusal.value.message_dict["trait"] == [
        "Tie the statement to a skill, or name the trait it tests."
    ]
    SelfCheckStatement(text="I like puzzles", trait="Curiosity").clean()


def _statements(count: int) -> list[dict]:
    return [{"text": f"I like thing {n}", "skill": "", "trait": "Curiosity"} for n in range(count)]


@pytest.mark.parametrize(("count", "saved"), [(0, True), (4, False), (5, True), (8, True), (9, False)])
def test_the_editor_takes_5_to_8_statements_or_none(admin_client, career_index, count, saved):
    response = admin_client.post(add_url(career_index), career_form(self_check_statements=_statements(count)))
    assert CareerPage.objects.filter(slug="paramedic").exists() is saved
    if not saved:
        html = response.content.decode()
        assert f"needs 5 to 8 statements, or none at all; it has {count}." in html


def test_a_statement_marked_for_deletion_is_not_counted(admin_client, career_index):
    rows = _statements(6)
    rows[0]["DELETE"] = "1"
    rows[1]["DELETE"] = "1"
    response = admin_client.post(add_url(career_index), career_form(self_check_statements=rows))
    assert "it has 4." in response.content.decode()


# --------------------------------------------------------------------------- the page cache


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def test_the_plain_page_is_cached_but_no_answer_ever_is(client, scientist, page_cache_on):
    assert client.get(URL)[page_cache.HIT_HEADER] == "miss"
    assert client.get(URL + "?utm_source=x")[page_cache.HIT_HEADER] == "hit"
    for _ in range(2):
        answered = client.get(URL + "?self_check=1&statement=2")
        assert page_cache.HIT_HEADER not in answered  # rendered, never stored
        assert "You ticked 1 of 6." in answered.content.decode()
    assert "You ticked" not in client.get(URL).content.decode()


def test_self_check_parameters_on_a_career_without_one_make_no_entry(client, career_index, page_cache_on):
    CareerPageFactory(parent=career_index, title="Bare", slug="bare")
    assert client.get("/careers/bare/")[page_cache.HIT_HEADER] == "miss"
    for n in range(3):
        assert page_cache.HIT_HEADER not in client.get(f"/careers/bare/?statement={n}")


def test_declarations_from_two_parts_of_a_page_add_up():
    request = RequestFactory().get("/")
    page_cache.vary_on_query(request, page_cache.QueryParams(single=("region",)), store=True)
    page_cache.vary_on_query(request, page_cache.QueryParams(repeated=("statement",)), store=False)
    declared = getattr(request, page_cache.REQUEST_ATTRIBUTE)
    assert (declared.params.single, declared.params.repeated, declared.store) == (
        ("region",),
        ("statement",),
        False,
    )
    assert declared.params.key_query(QueryDict("statement=2&region=uk&statement=1")) == (
        "region=uk&statement=2&statement=1"
    )
