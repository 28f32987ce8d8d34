"""Every link between a course and a career, from either editor, each pair once.

A course names the careers it prepares for on its own editor (``CourseCareer``) and a career names
the courses that prepare for it on its editor (``careers.CareerCourse``). Readers, the API, search,
the comparison and the staff dashboard must see the union, so it lives in one place: a database
view (migration ``courses.0008_course_career_links_view``) read through this unmanaged model. Each
surface prefetches or joins it exactly as it would a table, so the union costs no extra query.

Its reverse relations are ``all_career_links`` on a course and ``all_course_links`` on a career.
A course's own links come first in its editor's order, then the careers that linked it (by their
editor's order); a career's courses are listed A–Z by course. Both tables hold only saved rows:
a page's inline links reach them when the page is saved or published, as with every inline.
"""

from __future__ import annotations

from django.db import models


class CourseCareerLink(models.Model):
    """Read-only: a course and a career linked from either editor; editors use the inlines."""

    id = models.BigIntegerField(primary_key=True)
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.DO_NOTHING, related_name="all_career_links"
    )
    career = models.ForeignKey(
        "careers.CareerPage", on_delete=models.DO_NOTHING, related_name="all_course_links"
    )
    sort_order = models.IntegerField()

    class Meta:
        managed = False
        db_table = "courses_coursecareerlink"
        ordering = ["sort_order", "career_id"]

    def __str__(self) -> str:
        return f"{self.course_id} → {self.career_id}"
