"""The query-string rules (courses.course_selection) and the matrix the page and its CSV share."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.comparison import build_comparison
from courses.course_outlook import skill_coverage
from courses.course_selection import MAX_COURSES, load_career, parse_course_slugs, select_courses
from courses.course_text import write_csv
from courses.factories import CourseFeatureFactory, CoursePageFactory, ProviderFactory
from courses.models import CoursePage
from tests.courses.conftest import future, make_catalogue


def test_slugs_from_commas_and_repeated_parameters_in_order_once_each():
    slugs, invalid, duplicates = parse_course_slugs(["b, a", "c", "a,,", "b"])
    assert slugs == ["b", "a", "c"]
    assert invalid == []
    assert duplicates == ["a", "b"]


def test_entries_that_cannot_be_slugs_are_reported_not_looked_up():
    slugs, invalid, _ = parse_course_slugs(["ok-one,<script>,drop table;", "a" * 300])
    assert slugs == ["ok-one"]
    assert "<script>" in invalid and "drop table;" in invalid and "a" * 300 in invalid


def test_a_hostile_number_of_entries_is_capped():
    slugs, _invalid, _dups = parse_course_slugs([",".join(f"c{n}" for n in range(10_000))])
    assert len(slugs) == 64


@pytest.mark.django_db
class TestSelectCourses:
    def test_unknown_slugs_are_named_and_the_rest_kept_in_the_order_asked(self, course_index):
        one = CoursePageFactory(parent=course_index, title="Data Analyst Bootcamp")
        two = CoursePageFactory(parent=course_index, title="Cyber Foundations")
        selection = select_courses([f"{two.slug},no-such-course,{one.slug}"], course_index.courses())
        assert [c.pk for c in selection.courses] == [two.pk, one.pk]
        assert selection.unknown == ["no-such-course"]
        assert selection.is_enough
        assert any("“no-such-course”" in notice for notice in selection.notices)

    def test_more_than_sixteen_keeps_the_first_sixteen_and_says_so(self, course_index):
        courses = [CoursePageFactory(parent=course_index, title=f"Course {n:02d}") for n in range(18)]
        selection = select_courses([",".join(c.slug for c in courses)], course_index.courses())
        assert [c.pk for c in selection.courses] == [c.pk for c in courses[:MAX_COURSES]]
        assert [c.pk for c in selection.dropped] == [c.pk for c in courses[16:]]
        notice = " ".join(selection.notices)
        assert "up to 16" in notice and "Course 16" in notice and "Course 17" in notice

    def test_drafts_and_courses_elsewhere_cannot_be_compared(self, course_index):
        live = CoursePageFactory(parent=course_index)
        draft = CoursePageFactory(parent=course_index, live=False)
        selection = select_courses([live.slug, draft.slug], course_index.courses())
        assert [c.pk for c in selection.courses] == [live.pk]
        assert selection.unknown == [draft.slug]
        assert not selection.is_enough


@pytest.mark.django_db
class TestBuildComparison:
    def test_overview_rows_show_each_course_in_its_column(self, course_index):
        cheap = CoursePageFactory(
            parent=course_index,
            title="Cheap",
            price=Decimal("0"),
            duration_weeks=1,
            hours_per_week=5,
            study_mode=CoursePage.StudyMode.BLENDED,
            start_dates=[future(10), future(-10)],
            certification="",
        )
        dear = CoursePageFactory(
            parent=course_index,
            title="Dear",
            price=Decimal("12500"),
            duration_weeks=12,
            hours_per_week=1,
            provider=ProviderFactory(name="Northern Skills"),
        )
        comparison = build_comparison([cheap, dear])
        overview = {row.key: row for row in comparison.groups[0].rows}
        assert [column.title for column in comparison.columns] == ["Cheap", "Dear"]
        assert [cell.text for cell in overview["price"].cells] == ["Free", "£12,500"]
        assert [cell.text for cell in overview["duration"].cells] == ["1 week", "12 weeks"]
        assert overview["hours_per_week"].cells[1].sr_text == "1 hour a week"
        assert overview["study_mode"].cells[0].text == "Blended"
        assert overview["provider"].cells[1].text == "Northern Skills"
        # Past start dates are left out; a course without dates says so.
        assert overview["start_dates"].cells[0].text.count(",") == 0
        assert overview["start_dates"].cells[1].text == "No dates announced"
        assert overview["certification"].cells[0].text == "None"
        assert overview["certification"].cells[1].text == (
            "Certificate of completion, awarded by Open Skills Board"
        )

    def test_every_feature_is_a_row_with_tick_or_cross_and_screen_reader_text(self, course_index, features):
        labs, tutor, _jobs = features
        with_labs = CoursePageFactory(parent=course_index, features=[labs, tutor])
        without = CoursePageFactory(parent=course_index, features=[tutor])
        group = build_comparison([with_labs, without]).groups[1]
        assert [row.label for row in group.rows] == ["Hands-on labs", "Tutor support", "Job matching"]
        labs_row = group.rows[0]
        assert [cell.mark for cell in labs_row.cells] == ["yes", "no"]
        assert [cell.sr_text for cell in labs_row.cells] == [
            "Hands-on labs: included",
            "Hands-on labs: not included",
        ]
        assert labs_row.differs and not group.rows[1].differs

    def test_a_new_feature_snippet_becomes_a_new_row(self, course_index):
        courses = [CoursePageFactory(parent=course_index) for _ in range(2)]
        assert build_comparison(courses).groups[1].rows == ()
        CourseFeatureFactory(name="Interview coaching")
        assert [row.label for row in build_comparison(courses).groups[1].rows] == ["Interview coaching"]

    def test_only_differences_hides_rows_where_all_courses_agree(self, course_index):
        one = CoursePageFactory(parent=course_index, price=Decimal(100))
        two = CoursePageFactory(parent=course_index, price=Decimal(200))
        comparison = build_comparison([one, two], only_differences=True)
        visible = [row.key for group in comparison.visible_groups for row in group.rows]
        assert "price" in visible
        assert "level" not in visible and "duration" not in visible
        assert comparison.identical_row_count == comparison.row_count - len(visible)
        # The full matrix is still there for a client-side toggle.
        assert "level" in [row.key for row in comparison.groups[0].rows]

    def test_careers_rows_carry_salary_band_and_coverage_of_a_chosen_career(
        self, course_index, data_scientist, skills
    ):
        broad = CoursePageFactory(
            parent=course_index,
            skills=[skills["Python"], skills["SQL"], skills["Statistics"]],
            careers=[data_scientist],
        )
        narrow = CoursePageFactory(parent=course_index, skills=[skills["Communication"]])
        comparison = build_comparison([broad, narrow], career=data_scientist)
        groups = {group.key: group for group in comparison.groups}
        career_row = groups["careers"].rows[0]
        assert career_row.label == "Data Scientist"
        assert career_row.detail == "£30,000–£80,000, UK average £52,000"
        assert [cell.mark for cell in career_row.cells] == ["yes", "no"]
        coverage = groups["career_coverage"].rows[0]
        assert [cell.text for cell in coverage.cells] == ["3 of 4", "0 of 4"]
        assert coverage.cells[0].sr_text == "Covers 3 of 4 skills needed by Data Scientist"
        assert [row.label for row in groups["career_coverage"].rows[1:]] == [
            "Python",
            "SQL",
            "Statistics",
            "Machine learning",
        ]
        assert skill_coverage(broad, data_scientist).missing == ("Machine learning",)

    def test_csv_has_the_same_rows_as_the_visible_table(self, course_index, features):
        one = CoursePageFactory(parent=course_index, title="=HYPERLINK(evil)", features=features[:1])
        two = CoursePageFactory(parent=course_index, title="Plain", features=features)
        comparison = build_comparison([one, two], only_differences=True)
        stream = io.StringIO()
        write_csv(comparison, stream)
        lines = list(csv.reader(io.StringIO(stream.getvalue())))
        assert lines[0] == ["Group", "Row", "Detail", "'=HYPERLINK(evil)", "Plain"]
        assert [line[1] for line in lines[1:]] == [
            row.label for group in comparison.visible_groups for row in group.rows
        ]
        assert ["Features", "Tutor support", "The course includes tutor support.", "No", "Yes"] in lines


@pytest.mark.django_db
def test_comparing_two_or_sixteen_courses_costs_the_same_queries(
    course_index, career_index, django_assert_num_queries
):
    courses = make_catalogue(course_index, career_index, 16)
    career_slug = courses[0].career_links.first().career.slug

    def compare(count: int) -> None:
        selection = select_courses([",".join(c.slug for c in courses[:count])], course_index.courses())
        comparison = build_comparison(selection.courses, career=load_career(career_slug))
        assert len(comparison.columns) == count
        assert all(len(row.cells) == count for group in comparison.groups for row in group.rows)

    compare(2)  # warms the site root paths cache that page URLs use
    with CaptureQueriesContext(connection) as two:
        compare(2)
    with django_assert_num_queries(len(two)):
        compare(16)
