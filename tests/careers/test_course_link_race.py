"""An editor links a course on a draft career's Related tab and submits (or saves) while Wagtail's
autosave of that change is still in flight: the autosave has written the link, not yet committed,
and the editor's post carries the link without the id the autosave gave it. The post succeeds and
the career keeps one link to the course.

PostgreSQL only: on SQLite the page's save opens its transaction with BEGIN IMMEDIATE
(portal/settings/services.py), so it waits for the autosave to commit and then reads its row; the
two requests never overlap there and the race cannot happen.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection, connections, transaction
from django.db.models.signals import pre_save
from django.urls import reverse

from careers.factories import CareerPageFactory
from careers.models import CareerCourse, CareerPage
from courses.factories import CoursePageFactory
from courses.roles import ensure_editorial_workflow
from tests.careers.edit_form_data import edit_form_data

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises the two saves: no race to test"
    ),
]

WAIT = 10  # seconds; each step takes milliseconds, so only a broken test waits this long


def _blocks(waiter_pid: int) -> bool:
    """Whether this connection's transaction holds a lock the backend ``waiter_pid`` waits for."""
    with connection.cursor() as cursor:
        for _ in range(WAIT * 100):
            # pg_blocking_pids reads the lock manager live, not the transaction's snapshot.
            cursor.execute("SELECT pg_backend_pid() = ANY(pg_blocking_pids(%s))", [waiter_pid])
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.01)  # the waiter's INSERT is on its way to the lock
    return False


@pytest.fixture
def draft_career(career_index, course_index) -> tuple[CareerPage, Any]:
    ensure_editorial_workflow()  # the indexes were made after the roles: put them under review
    career = CareerPageFactory(parent=career_index, title="Insight Analyst", live=False)
    career.save_revision()
    course = CoursePageFactory(parent=course_index, title="Data Analytics Bootcamp")
    return career, course


@pytest.mark.parametrize("action", ["action-submit", "action-save"])
def test_a_post_racing_the_autosave_that_wrote_its_course_link_keeps_one_link(
    client, editor, draft_career, action
):
    career, course = draft_career
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=(career.pk,))
    data = edit_form_data(client.get(edit_url))
    # The course the editor chose, posted without the id the autosave gave it.
    data.update(
        {
            "linked_courses-TOTAL_FORMS": 1,
            "linked_courses-0-id": "",
            "linked_courses-0-course": course.pk,
            "linked_courses-0-ORDER": 1,
            "linked_courses-0-DELETE": "",
        }
    )
    if action == "action-submit":
        data[action] = "1"

    autosaved = threading.Event()  # the autosave's link is written, not committed
    inserting = threading.Event()  # the post is about to insert its link
    post_backend: list[int] = []
    autosave_saw: list[bool] = []

    def autosave() -> None:
        try:
            with transaction.atomic():
                CareerCourse.objects.create(career_id=career.pk, course_id=course.pk, sort_order=0)
                autosaved.set()
                # Commit only once the post has read the links (not seeing this one) and its
                # INSERT waits on this row's unique pair: the moment the real autosave commits.
                if inserting.wait(WAIT):
                    autosave_saw.append(_blocks(post_backend[0]))
        finally:
            autosaved.set()
            connections.close_all()

    def about_to_insert(sender: type, instance: CareerCourse, **kwargs: Any) -> None:
        if instance.pk is None and not inserting.is_set():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                post_backend.append(cursor.fetchone()[0])
            inserting.set()

    saving = threading.Thread(target=autosave)
    saving.start()
    try:
        assert autosaved.wait(WAIT)
        pre_save.connect(about_to_insert, sender=CareerCourse, weak=False)
        try:
            response = client.post(edit_url, data)
        finally:
            pre_save.disconnect(about_to_insert, sender=CareerCourse)
    finally:
        inserting.set()
        saving.join(WAIT)

    assert autosave_saw == [True], "the post never waited on the autosave's link"
    assert response.status_code == 302
    assert list(CareerCourse.objects.filter(career=career).values_list("course_id", flat=True)) == [course.pk]
    career.refresh_from_db()
    draft = career.get_latest_revision_as_object()
    assert [link.course_id for link in draft.linked_courses.all()] == [course.pk]
    assert career.workflow_in_progress == (action == "action-submit")
