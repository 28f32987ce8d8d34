"""Courses linked from a career's own editor: the career side of the links between careers and
courses (a course links careers from its editor too, with ``courses.CourseCareer``).

Careers sit below courses in the layers, so the course is named by its string label. Every
public surface reads both sides at once through ``courses.CourseCareerLink`` (the reverse
relations ``all_course_links`` on a career and ``all_career_links`` on a course), each pair once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Count, F, Q, Value
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable

from portal.unique_links import UniqueLink
from portal.visibility import public_q


class CareerCourse(UniqueLink, Orderable):
    """A course an editor says prepares for this career, chosen on the career's own editor."""

    career = ParentalKey("careers.CareerPage", on_delete=models.CASCADE, related_name="linked_courses")
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="career_side_links",
        help_text="The career page lists this course under 'Courses that prepare you'.",
    )

    panels = [PageChooserPanel("course", page_type="courses.CoursePage")]
    link_fields = ("career", "course")

    class Meta(Orderable.Meta):
        verbose_name = "course that prepares for this career"
        constraints = [models.UniqueConstraint(fields=["career", "course"], name="career_course_once")]

    def __str__(self) -> str:
        return str(self.course)


def preparing_courses(career: Any, skill_ids: list[int], essential_ids: list[int] | None = None) -> list[Any]:
    """Public courses linked to ``career`` from either side, each pair once, A–Z, each annotated with
    how many of ``skill_ids`` it teaches (``skills_covered``) and of ``essential_ids``
    (``essential_covered``). One query, through the union's reverse relation ``all_course_links``.

    A preview's career-side rows are unsaved (in memory): its courses are then this career's
    course-side links plus the ones it names, still in one query.
    """
    if not career.pk:
        return []
    own = career.linked_courses.all()
    if not isinstance(own, models.QuerySet):
        return _previewed_courses(career, [row.course_id for row in own], skill_ids, essential_ids or [])
    links = preparing_links(career.all_course_links.all(), skill_ids)
    if essential_ids:
        essential = Count("course__skills", filter=Q(course__skills__in=essential_ids), distinct=True)
    else:
        essential = Value(0, output_field=models.IntegerField())
    return courses_of_links(links.annotate(essential_covered=essential))


def _previewed_courses(
    career: Any, named: list[int], skill_ids: list[int], essential_ids: list[int]
) -> list[Any]:
    """The public courses a preview links: the courses' own links to the career, and ``named``."""
    # The course model through the relation's own field: careers never import courses.
    course_model = CareerCourse._meta.get_field("course").related_model
    course_side = Q(pk__in=career.course_links.values("course_id"))
    courses = course_model.objects.filter(course_side | Q(pk__in=[pk for pk in named if pk]))
    return list(
        courses.filter(public_q())
        .select_related("provider")
        .annotate(
            skills_covered=Count("skills", filter=Q(skills__in=skill_ids), distinct=True),
            essential_covered=Count("skills", filter=Q(skills__in=essential_ids), distinct=True),
        )
        .order_by("title", "pk")
    )


def preparing_links(links: models.QuerySet, skill_ids: list[int] | None = None) -> models.QuerySet:
    """Links to public courses, A–Z by course, each annotated ``skills_covered``: how many of
    ``skill_ids`` (a preview's unsaved skills) the course teaches, or with ``None`` how many of
    its career's saved skills, so one query serves the links of many careers (the comparison)."""
    links = links.filter(public_q("course__")).select_related("course__provider")
    if skill_ids is None:
        covered = Count(
            "course__skills", filter=Q(course__skills__career_links__career=F("career")), distinct=True
        )
    elif skill_ids:
        covered = Count("course__skills", filter=Q(course__skills__in=skill_ids), distinct=True)
    else:
        covered = Value(0, output_field=models.IntegerField())
    return links.annotate(skills_covered=covered).order_by("course__title", "pk")


def courses_of_links(links: Iterable[Any]) -> list[Any]:
    """The courses of preparing links, each carrying its link's ``skills_covered`` (and
    ``essential_covered`` where the links were annotated with it)."""
    courses = []
    for link in links:
        course = link.course
        course.skills_covered = link.skills_covered
        course.essential_covered = getattr(link, "essential_covered", 0)
        courses.append(course)
    return courses
