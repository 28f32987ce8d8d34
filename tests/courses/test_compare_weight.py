"""The weight of the demo's 16-course comparison, the largest page a student can ask for."""

from __future__ import annotations

import pytest

from courses.models import CoursePage
from tests.courses.test_compare_reading import COMPARE, course_headers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def test_sixteen_demo_courses_weigh_under_56_kb(client):
    """The demo's 16 courses side by side, as the benchmarks ask for them (it was ~245 KB, then 72 KB).

    Issue 16 asks under 120 KB; a cached page's bytes also cost the server: without compression a
    72 KB comparison served at two thirds of the static file's rate under wrk."""
    slugs = CoursePage.objects.live().public().order_by("path").values_list("slug", flat=True)[:16]
    assert len(slugs) == 16
    response = client.get(COMPARE + ",".join(slugs))
    html = response.content.decode()
    assert "Compare 16 courses" in html and len(course_headers(html)) == 16
    assert len(response.content) < 56 * 1024, len(response.content)
    # The comparison's address is written a handful of times (the forms, the share link, the CSV
    # link, one link per attribute at a glance), not twice in every course's heading.
    assert html.count(",".join(slugs)) <= 12
    # No phrase is repeated in every cell for screen readers: the headers name row and column.
    assert "visually-hidden" not in html.split('<table class="compare-table')[1]
