"""A page links another object at most once (a career its course or skill, a course its career).
A new row for a pair already linked, as an editor's post carries it when Wagtail's autosave wrote
the row first, updates that row instead of failing; a row refused for another reason still fails."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import IntegrityError, models

from careers.factories import CareerPageFactory, SkillFactory
from careers.models import CareerCourse, CareerSkill
from courses.factories import CoursePageFactory
from courses.models import CourseCareer
from portal.unique_links import UniqueLink

pytestmark = pytest.mark.django_db

# Each link model with its parent's field and the linked object's field.
LINKS = [
    pytest.param(CareerCourse, "career", "course", id="career-course"),
    pytest.param(CareerSkill, "career", "skill", id="career-skill"),
    pytest.param(CourseCareer, "course", "career", id="course-career"),
]


@pytest.fixture
def objects(career_index, course_index) -> dict[str, models.Model]:
    return {
        "career": CareerPageFactory(parent=career_index, title="Data Analyst"),
        "course": CoursePageFactory(parent=course_index, title="Data Analytics Bootcamp"),
        "skill": SkillFactory(name="SQL"),
    }


def _pair(objects: dict[str, models.Model], parent: str, linked: str) -> dict[str, models.Model]:
    return {parent: objects[parent], linked: objects[linked]}


@pytest.mark.parametrize(("model", "parent", "linked"), LINKS)
def test_a_new_row_for_a_pair_already_linked_updates_that_row(objects, model, parent, linked):
    pair = _pair(objects, parent, linked)
    saved = model.objects.create(sort_order=0, **pair)

    again = model(sort_order=3, **pair)
    again.save()

    assert again.pk == saved.pk
    assert list(model.objects.filter(**pair).values_list("pk", "sort_order")) == [(saved.pk, 3)]


@pytest.mark.parametrize(("model", "parent", "linked"), LINKS)
def test_creating_a_pair_already_linked_returns_that_row_updated(objects, model, parent, linked):
    pair = _pair(objects, parent, linked)
    saved = model.objects.create(sort_order=0, **pair)

    # create() forces an insert: the row it returns is still the one already linking the pair.
    again = model.objects.create(sort_order=5, **pair)

    assert again.pk == saved.pk
    assert list(model.objects.filter(**pair).values_list("pk", "sort_order")) == [(saved.pk, 5)]


def test_the_posted_row_wins_over_the_one_it_replaces(objects):
    career, skill = objects["career"], objects["skill"]
    saved = CareerSkill.objects.create(career=career, skill=skill, importance="essential")

    CareerSkill(career=career, skill=skill, importance="optional", sort_order=1).save()

    assert list(career.career_skills.values_list("pk", "importance")) == [(saved.pk, "optional")]


@pytest.mark.parametrize(("model", "parent", "linked"), LINKS)
def test_a_row_refused_for_another_reason_still_fails(objects, model, parent, linked):
    pair = _pair(objects, parent, linked)
    saved = model.objects.create(sort_order=0, **pair)

    # No linked object at all: the database refuses the row, and no other row holds its pair.
    with pytest.raises(IntegrityError):
        model(sort_order=1, **{parent: objects[parent], linked: None}).save()

    # The refused insert was undone alone: the request's transaction goes on (PostgreSQL too).
    assert list(model.objects.filter(**{parent: objects[parent]}).values_list("pk", flat=True)) == [saved.pk]


def test_every_unique_link_names_the_pair_its_constraint_keeps_once():
    link_models = [model for model in apps.get_models() if issubclass(model, UniqueLink)]
    assert {CareerCourse, CareerSkill, CourseCareer} <= set(link_models)
    for model in link_models:
        pairs = [
            set(constraint.fields)
            for constraint in model._meta.constraints
            if isinstance(constraint, models.UniqueConstraint) and constraint.condition is None
        ]
        assert set(model.link_fields) in pairs, model
