"""The "Is this role for you?" self-check: statements editors write for a career, and the courses
that teach the skills a student did not tick.

What a student ticks is read from the query string (careers/role_fit.py) and never stored.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from careers.career_page_form import FEWEST_STATEMENTS, MOST_STATEMENTS
from careers.models.snippets import Skill
from portal.visibility import public_q

__all__ = ["FEWEST_STATEMENTS", "MOST_STATEMENTS", "SelfCheckStatement", "courses_teaching"]
# At most this many courses are suggested for what a student did not tick.
MOST_COURSES = 6


class SelfCheckStatement(Orderable):
    """A sentence a student ticks if it sounds like them, e.g. “I enjoy finding patterns in data”,
    tied to the skill it needs or the trait it tests. A career has 5–8 of them, or none (the page
    form, careers/career_page_form.py, counts them)."""

    career = ParentalKey("careers.CareerPage", on_delete=models.CASCADE, related_name="self_check_statements")
    text = models.CharField(
        max_length=160,
        help_text="In the student's own voice, e.g. “I enjoy finding patterns in data”.",
    )
    skill = models.ForeignKey(
        Skill,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="self_check_statements",
        help_text="The skill it needs, if any: a student who does not tick it is shown courses teaching it.",
    )
    trait = models.CharField(
        max_length=60,
        blank=True,
        help_text="Or the trait it tests, e.g. “Patience”, when no skill fits.",
    )

    panels = [FieldPanel("text"), FieldRowPanel([FieldPanel("skill"), FieldPanel("trait")])]

    def __str__(self) -> str:
        return self.text

    @property
    def tied_to(self) -> str:
        """The skill's name, else the trait: what the statement is about."""
        return self.skill.name if self.skill_id and self.skill is not None else self.trait

    def clean(self) -> None:
        super().clean()
        self.text = (self.text or "").strip()
        self.trait = (self.trait or "").strip()
        if not self.skill_id and not self.trait:
            raise ValidationError({"trait": "Tie the statement to a skill, or name the trait it tests."})


def courses_teaching(skills: list[Skill], limit: int = MOST_COURSES) -> list[Any]:
    """Public courses teaching any of ``skills``, most of them first, in one query.

    Each course gets ``teaches``: which of those skills it teaches, in the order given. Courses sit
    above careers in the layers, so they are reached through the reverse of CoursePage.skills.
    """
    if not skills:
        return []
    relation = Skill._meta.get_field("courses")
    course_name = relation.field.m2m_field_name()  # the through table's link to the course
    rows = (
        relation.through.objects.filter(skill__in=skills)
        .filter(public_q(f"{course_name}__"))
        .select_related(f"{course_name}__provider")
        .order_by(f"{course_name}__title", f"{course_name}__pk")
    )
    position = {skill.pk: n for n, skill in enumerate(skills)}
    by_skill = {skill.pk: skill for skill in skills}
    courses: dict[int, Any] = {}
    for row in rows:
        course = courses.setdefault(getattr(row, f"{course_name}_id"), getattr(row, course_name))
        course.teaches = sorted({*getattr(course, "teaches", []), row.skill_id}, key=position.__getitem__)
    for course in courses.values():
        course.teaches = [by_skill[pk] for pk in course.teaches]
    ranked = sorted(courses.values(), key=lambda course: -len(course.teaches))
    return ranked[:limit]
