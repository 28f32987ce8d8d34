"""Reading a big comparison: its weight, pinned courses, the bars at a glance, one attribute at a time."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.factories import CareerPageFactory, SalaryFigureFactory
from courses.factories import CoursePageFactory
from tests.courses.conftest import make_catalogue

pytestmark = pytest.mark.django_db

COMPARE = "/courses/compare/?courses="


@pytest.fixture
def three(course_index, career_index, features):
    analyst = CareerPageFactory(parent=career_index, title="Data Analyst", slug="data-analyst")
    SalaryFigureFactory(career=analyst, minimum=25_000, typical=36_000, maximum=60_000)
    scientist = CareerPageFactory(parent=career_index, title="Data Scientist", slug="data-scientist")
    SalaryFigureFactory(career=scientist, minimum=30_000, typical=52_000, maximum=80_000)
    return [
        CoursePageFactory(parent=course_index, title="Data Bootcamp", slug="data-bootcamp",
                          price=Decimal(3000), duration_weeks=12, hours_per_week=20, features=features[:2],
                          careers=[analyst, scientist]),
        CoursePageFactory(parent=course_index, title="Cyber Basics", slug="cyber-basics", price=Decimal(0),
                          duration_weeks=6, hours_per_week=5, features=features[1:]),
        CoursePageFactory(parent=course_index, title="UX Design", slug="ux-design", price=Decimal(1500),
                          duration_weeks=24, hours_per_week=10, careers=[analyst]),
    ]  # fmt: skip


def course_headers(html: str) -> list[str]:
    table = html.split('<table class="compare-table')[1]
    return re.findall(r'<th scope="col" class="compare-table__course[^"]*"><a [^>]*>([^<]+)</a>', table)


# --------------------------------------------------------------------------- pinning


def test_pinned_courses_come_first_marked_and_stay_in_view(client, three):
    html = client.get(COMPARE + "data-bootcamp,cyber-basics,ux-design&pinned=ux-design").content.decode()
    assert course_headers(html) == ["UX Design", "Data Bootcamp", "Cyber Basics"]
    assert 'class="compare-table pins-1"' in html or "compare-table--few pins-1" in html
    assert 'class="compare-table__course is-pinned"' in html and "Pinned</span>" in html
    # Pin, Unpin and Remove are buttons of one GET form, so they work without JavaScript.
    form = html.split('<form id="compare-columns"')[1].split("</form>")[0]
    assert 'name="courses" value="data-bootcamp,cyber-basics,ux-design"' in form
    assert 'name="pinned" value="ux-design"' in form
    table = html.split('<table class="compare-table')[1]
    assert re.findall(r'<button form="compare-columns" name="(\w+)" value="([\w-]+)"', table) == [
        ("unpin", "ux-design"),
        ("remove", "ux-design"),
        ("pin", "data-bootcamp"),
        ("remove", "data-bootcamp"),
        ("pin", "cyber-basics"),
        ("remove", "cyber-basics"),
    ]
    share = html.split('id="share-link" value="')[1].split('"')[0]
    assert share.endswith("courses=data-bootcamp,cyber-basics,ux-design&amp;pinned=ux-design")


@pytest.mark.parametrize(
    ("button", "address"),
    [
        # Unpinning leaves the plain comparison.
        ("unpin=ux-design", "courses=data-bootcamp,cyber-basics,ux-design"),
        # Pinning a second keeps the pins in course order.
        ("pin=data-bootcamp", "courses=data-bootcamp,cyber-basics,ux-design&pinned=data-bootcamp,ux-design"),
        # Removing a pinned course drops its pin too.
        ("remove=ux-design", "courses=data-bootcamp,cyber-basics"),
        ("remove=cyber-basics", "courses=data-bootcamp,ux-design&pinned=ux-design"),
        # A slug that is not compared changes nothing; a mistyped one cannot be anything.
        ("remove=nonsense", "courses=data-bootcamp,cyber-basics,ux-design&pinned=ux-design"),
        (
            "pin=%00%27%3Cscript%3E" + "x" * 3000,
            "courses=data-bootcamp,cyber-basics,ux-design&pinned=ux-design",
        ),
    ],
)
def test_a_column_button_leads_to_the_comparison_it_asks_for(client, three, button, address):
    form = "courses=data-bootcamp,cyber-basics,ux-design&pinned=ux-design&"
    response = client.get("/courses/compare/?" + form + button)
    assert response.status_code == 302
    assert response["Location"] == "/courses/compare/?" + address


def test_a_column_button_keeps_the_career_and_the_differences_switch(client, three):
    query = "courses=data-bootcamp,cyber-basics,ux-design&career=data-analyst&only_differences=1"
    html = client.get("/courses/compare/?" + query).content.decode()
    form = html.split('<form id="compare-columns"')[1].split("</form>")[0]
    assert 'name="career" value="data-analyst"' in form and 'name="only_differences" value="1"' in form
    response = client.get(f"/courses/compare/?{query}&remove=data-bootcamp")
    assert response["Location"] == (
        "/courses/compare/?courses=cyber-basics,ux-design&career=data-analyst&only_differences=1"
    )
    # Down to one course, the address leads to the page that asks for another.
    response = client.get("/courses/compare/?courses=cyber-basics,ux-design&remove=ux-design", follow=True)
    assert response.redirect_chain == [("/courses/compare/?courses=cyber-basics", 302)]
    assert "Choose courses to compare" in response.content.decode()


def test_pins_are_capped_and_strays_named(client, course_index):
    courses = [
        CoursePageFactory(parent=course_index, title=f"Course {n}", slug=f"course-{n}") for n in range(5)
    ]
    slugs = ",".join(course.slug for course in courses)
    html = client.get(f"{COMPARE}{slugs}&pinned=course-4,course-3,course-2,course-1,nope").content.decode()
    assert course_headers(html)[:4] == ["Course 2", "Course 3", "Course 4", "Course 0"]
    assert "“nope” is not in this comparison, so it is not pinned." in html
    assert "You can pin up to 3 courses, so we pinned the first 3." in html
    assert "pins-3" in html
    assert 'name="pin"' not in html and html.count('name="unpin"') == 3  # no room for a fourth


# --------------------------------------------------------------------------- at a glance


def test_the_summary_draws_price_length_hours_and_salary_as_bars_with_their_figures(client, three):
    html = client.get(COMPARE + "data-bootcamp,cyber-basics,ux-design").content.decode()
    glance = html.split('class="compare-glance"')[1].split("</section>")[0]
    rows = dict(re.findall(r'<tr[^>]*><th scope="row">([^<]+)</th>(.*?)</tr>', glance))
    assert set(rows) == {"Data Bootcamp", "Cyber Basics", "UX Design"}

    bar_and_figure = re.compile(r'<td>(?:<span class="bar w(\d+)"></span>)?([^<]*)</td>')

    def cells(title: str) -> list[tuple[str, str]]:
        # (bar length, figure) for each column; a bar is an empty span, the figure is text.
        return bar_and_figure.findall(rows[title])

    assert cells("Data Bootcamp") == [
        ("100", "£3,000"),
        ("50", "12 weeks"),
        ("100", "20 hours"),
        ("100", "£52,000"),
    ]
    assert cells("Cyber Basics") == [("0", "Free"), ("25", "6 weeks"), ("25", "5 hours"), ("", "No figures")]
    assert cells("UX Design") == [
        ("50", "£1,500"),
        ("100", "24 weeks"),
        ("50", "10 hours"),
        ("69", "£36,000"),
    ]
    # Each heading is a button of the column form: it opens that one attribute across every course.
    assert re.findall(
        r'<th scope="col"><button form="compare-columns" name="attribute" value="(\w+)">', glance
    ) == [
        "price",
        "duration",
        "hours_per_week",
        "salary_outlook",
    ]


def test_a_heading_at_a_glance_opens_its_attribute_with_the_pins_and_the_career(client, three):
    query = "courses=data-bootcamp,cyber-basics,ux-design&career=data-analyst&pinned=ux-design"
    html = client.get(COMPARE.split("?")[0] + "?" + query).content.decode()
    form = html.split('<form id="compare-columns"')[1].split("</form>")[0]
    submitted = "&".join(
        f"{name}={value}" for name, value in re.findall(r'name="(\w+)" value="([^"]*)"', form)
    )
    assert submitted == query
    html = client.get(f"/courses/compare/?{submitted}&attribute=price").content.decode()
    assert "Price: 3 courses" in html and '<table class="compare-table' not in html
    # The career and the pin come along: its tools still hold them.
    assert '<option value="data-analyst" selected>' in html and 'name="pinned" value="ux-design"' in html


def test_the_salary_outlook_row_names_the_best_paid_career(client, three):
    html = client.get(COMPARE + "data-bootcamp,cyber-basics,ux-design").content.decode()
    row = re.search(r'<th scope="row">Salary outlook<span[^>]*>[^<]*</span></th>(.*?)</tr>', html).group(1)
    assert re.findall(r"<td>([^<]*)</td>", row) == [
        "£52,000, Data Scientist",
        "No salary figures yet",
        "£36,000, Data Analyst",
    ]


# --------------------------------------------------------------------------- one attribute at a time


def test_one_attribute_lists_every_course_instead_of_the_table(client, three):
    url = COMPARE + "data-bootcamp,cyber-basics,ux-design&pinned=ux-design&attribute=price"
    html = client.get(url).content.decode()
    assert '<table class="compare-table' not in html and 'class="compare-glance"' not in html
    assert "Price: 3 courses" in html
    values = re.findall(r'<a href="[^"]+">([^<]+)</a>.*?compare-attribute__value">([^<]+)<', html)
    assert values == [("UX Design", "£1,500"), ("Data Bootcamp", "£3,000"), ("Cyber Basics", "Free")]
    assert '<option value="price" selected>Price</option>' in html
    assert (
        'href="/courses/compare/?courses=data-bootcamp,cyber-basics,ux-design&amp;pinned=ux-design"' in html
    )


def test_a_group_attribute_lists_what_each_course_includes(client, three):
    html = client.get(COMPARE + "data-bootcamp,cyber-basics,ux-design&attribute=features").content.decode()
    assert "Features: 3 courses" in html
    names = re.findall(r'compare-attribute__value">([^<]+)</span>.*?(?:names">([^<]*)</span>|</td>)', html)
    assert names == [
        ("2 of 3", "Hands-on labs, Tutor support"),
        ("2 of 3", "Tutor support, Job matching"),
        ("0 of 3", ""),
    ]


def test_an_unknown_attribute_is_named_and_the_whole_table_shown(client, three):
    html = client.get(COMPARE + "data-bootcamp,cyber-basics&attribute=%3Cscript%3E").content.decode()
    assert "We cannot compare by “&lt;script&gt;”, so here is the whole table." in html
    assert '<table class="compare-table' in html


# --------------------------------------------------------------------------- cost


def test_pins_and_one_attribute_cost_no_more_queries(client, course_index, career_index):
    courses = make_catalogue(course_index, career_index, 16)
    slugs = [course.slug for course in courses]
    # Warm per-process caches (site root paths) and the compared courses, kept until content changes.
    client.get(COMPARE + ",".join(slugs))
    with CaptureQueriesContext(connection) as plain:
        assert client.get(COMPARE + ",".join(slugs[:2])).status_code == 200
    expected = len(plain)  # counted now: the next request empties the connection's query log
    for extra in (
        f"&pinned={slugs[5]},{slugs[9]}",
        "&attribute=skills",
        f"&pinned={slugs[3]}&attribute=price",
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(COMPARE + ",".join(slugs) + extra).status_code == 200
        assert len(queries) == expected, extra
