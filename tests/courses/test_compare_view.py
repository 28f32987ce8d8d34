"""The public comparison at /courses/compare/ and its CSV download."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.factories import CoursePageFactory
from portal import content_version
from tests.courses.conftest import make_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(course_index, features):
    return [
        CoursePageFactory(parent=course_index, title="Data Bootcamp", slug="data-bootcamp",
                          price=Decimal(3000), features=features[:2]),
        CoursePageFactory(parent=course_index, title="Cyber Basics", slug="cyber-basics",
                          price=Decimal(0), features=features[1:]),
        CoursePageFactory(parent=course_index, title="UX Design", slug="ux-design",
                          price=Decimal(1500)),
    ]  # fmt: skip


def test_table_has_caption_column_and_row_headers_and_a_labelled_scroll_region(client, three):
    response = client.get("/courses/compare/?courses=data-bootcamp,cyber-basics,ux-design")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<caption id="compare-caption">' in html
    assert (
        'role="region" aria-labelledby="compare-caption" aria-describedby="compare-hint" tabindex="0"' in html
    )
    assert html.count('<th scope="col" class="compare-table__course">') == 3
    assert '<th scope="rowgroup"' in html  # each tbody's group heading
    assert '<th scope="row">' in html
    # Columns follow the order in the link.
    assert html.index("Data Bootcamp</a>") < html.index("Cyber Basics</a>") < html.index("UX Design</a>")
    assert "Free" in html and "£3,000" in html
    # Each cell is plain text; its row and column headers name the feature and the course. A tick
    # row is marked once and only its "Yes" cells carry a class.
    labs = '<tr class="ticks"><th scope="row">Hands-on labs</th><td class="yes">Yes</td>' + "<td>No</td>" * 2
    assert labs in html


def test_repeated_courses_parameters_work_like_commas(client, three):
    response = client.get("/courses/compare/?courses=data-bootcamp&courses=ux-design")
    html = response.content.decode()
    assert "Compare 2 courses" in html
    assert "UX Design</a>" in html and "Cyber Basics</a>" not in html


def test_unknown_slugs_are_named_and_the_rest_compared(client, three):
    html = client.get("/courses/compare/?courses=data-bootcamp,nonsense,ux-design").content.decode()
    assert "Compare 2 courses" in html
    assert "We could not find a course called “nonsense”" in html


def test_duplicates_count_once(client, three):
    html = client.get("/courses/compare/?courses=ux-design,ux-design,cyber-basics").content.decode()
    assert "Compare 2 courses" in html
    assert html.count('<th scope="col" class="compare-table__course">') == 2


def test_fewer_than_two_gives_a_helpful_page_back_to_the_list(client, three):
    response = client.get("/courses/compare/?courses=ux-design")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose at least 2 courses to compare" in html
    assert "You chose only" in html and "UX Design" in html
    assert 'href="/courses/?selected=ux-design"' in html
    assert "<table" not in html

    html = client.get("/courses/compare/").content.decode()
    assert "Choose at least 2 courses to compare" in html
    assert 'href="/courses/"' in html


def test_more_than_sixteen_keeps_the_first_sixteen_and_says_so(client, course_index):
    courses = [CoursePageFactory(parent=course_index, title=f"Course {n:02d}") for n in range(17)]
    html = client.get("/courses/compare/?courses=" + ",".join(c.slug for c in courses)).content.decode()
    assert "Compare 16 courses" in html
    assert "so we show the first 16. Left out: Course 16." in html


def test_only_differences_hides_identical_rows_without_javascript(client, three):
    base = "/courses/compare/?courses=data-bootcamp,cyber-basics"
    full = client.get(base).content.decode()
    assert "<tr data-identical>" in full  # shown, marked for the script
    trimmed = client.get(base + "&only_differences=1").content.decode()
    assert "<tr data-identical hidden>" in trimmed
    assert "Hiding " in trimmed and "where every course is the same" in trimmed
    assert 'id="only-differences" name="only_differences" value="1" checked' in trimmed
    # Links keep the setting.
    assert "only_differences=1" in trimmed.split('id="share-link"')[1].split(">")[0]


def test_remove_buttons_drop_one_course_and_keep_the_rest(client, three):
    html = client.get("/courses/compare/?courses=data-bootcamp,cyber-basics,ux-design").content.decode()
    assert 'name="remove" value="data-bootcamp"' in html and 'name="remove" value="cyber-basics"' in html
    # Each button is named by its word and the course's title: "Remove UX Design".
    assert 'id="course-3">UX Design</a>' in html
    assert 'id="remove-3" aria-labelledby="remove-3 course-3"' in html
    removed = client.get(
        "/courses/compare/?courses=data-bootcamp,cyber-basics,ux-design&remove=data-bootcamp"
    )
    assert removed["Location"] == "/courses/compare/?courses=cyber-basics,ux-design"


def test_career_parameter_adds_coverage_of_that_careers_skills(client, course_index, data_scientist, skills):
    CoursePageFactory(
        parent=course_index, slug="broad", skills=list(skills.values()), careers=[data_scientist]
    )
    CoursePageFactory(parent=course_index, slug="narrow", skills=[skills["SQL"]])
    html = client.get("/courses/compare/?courses=broad,narrow&career=data-scientist").content.decode()
    assert "Coverage of Data Scientist" in html
    assert '<th scope="row">Skills for Data Scientist</th><td>4 of 4</td><td>1 of 4</td>' in html
    assert "£30,000–£80,000, UK average £52,000" in html

    unknown = client.get("/courses/compare/?courses=broad,narrow&career=astronaut").content.decode()
    assert "We could not find a career called “astronaut”" in unknown
    assert "Coverage of" not in unknown


def test_csv_download_has_the_same_rows_as_the_table(client, three):
    query = "?courses=data-bootcamp,cyber-basics&only_differences=1"
    response = client.get("/courses/compare/csv/" + query)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="course-comparison.csv"' in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == ["Group", "Row", "Detail", "Data Bootcamp", "Cyber Basics"]
    assert ["Overview", "Price", "", "£3,000", "Free"] in lines
    assert not any(line[1] == "Level" for line in lines)  # identical, so hidden as on the page
    html = client.get("/courses/compare/" + query).content.decode()
    table = html.split('<table class="compare-table')[1]
    rows = re.findall(r'<tr(?: class="ticks")?( data-identical)?( hidden)?>\s*<th scope="row">', table)
    assert len(lines) - 1 == len([row for row in rows if not row[1]])
    assert f'href="/courses/compare/csv/{query.replace("&", "&amp;")}"' in html


def test_comparing_two_or_sixteen_courses_renders_with_the_same_queries(
    client, course_index, career_index, django_assert_num_queries
):
    courses = make_catalogue(course_index, career_index, 16)
    career = courses[0].career_links.first().career.slug

    def url(count: int) -> str:
        return f"/courses/compare/?courses={','.join(c.slug for c in courses[:count])}&career={career}"

    # Warm per-process caches (site root paths) and the compared courses, kept until content changes.
    client.get(url(16))
    with CaptureQueriesContext(connection) as two:
        assert client.get(url(2)).status_code == 200
    with django_assert_num_queries(len(two)):
        response = client.get(url(16))
    assert "Compare 16 courses" in response.content.decode()


def test_comparing_two_or_sixteen_courses_costs_the_same_queries_cold_too(client, course_index, career_index):
    """Right after a change (nothing kept yet), the courses load in a fixed number of queries."""
    courses = make_catalogue(course_index, career_index, 16)

    def cold_queries(count: int) -> int:
        content_version.invalidate()
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get(
                    f"/courses/compare/?courses={','.join(c.slug for c in courses[:count])}"
                ).status_code
                == 200
            )
        return len(queries)

    client.get(f"/courses/compare/?courses={courses[0].slug},{courses[1].slug}")  # image renditions
    assert cold_queries(2) == cold_queries(16)
