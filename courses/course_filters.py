"""The filters and sort order of the course list at /courses/.

Every choice is checked against what exists before it touches the database, so a
mistyped or hostile query string gives a message beside the field, never an error page.
The form reads the course model from the queryset it filters (the course index page builds
its context from here, so this module does not import ``courses.models``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet

from careers.models import CareerPage, Skill
from portal import content_version
from portal.visibility import public_pages

if TYPE_CHECKING:
    from courses.models import CoursePage

SORTS = {
    "name": ("Name (A to Z)", ("title", "pk")),
    "price": ("Price (lowest first)", ("price", "title", "pk")),
    "duration": ("Duration (shortest first)", ("duration_weeks", "title", "pk")),
}
# What each filter field narrows the list by.
FIELD_LOOKUPS = {
    "level": "level",
    "mode": "study_mode",
    "max_price": "price__lte",
    "max_weeks": "duration_weeks__lte",
    "feature": "features__slug",
    "skill": "skills__slug",
    "career": "all_career_links__career__slug",
}
MAX_PRICE_LIMIT = Decimal("1000000")
MAX_WEEKS_LIMIT = 520


class CourseFilterForm(forms.Form):
    """GET form above the course list. Invalid fields are reported and left out; valid ones apply."""

    level = forms.ChoiceField(required=False)
    mode = forms.ChoiceField(required=False, label="Study mode")
    max_price = forms.DecimalField(
        required=False,
        label="Maximum price (£)",
        min_value=Decimal(0),
        max_value=MAX_PRICE_LIMIT,
        max_digits=9,
        decimal_places=2,
        help_text="Whole pounds, e.g. 2000. Enter 0 for free courses only.",
        widget=forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"}),
    )
    max_weeks = forms.IntegerField(
        required=False,
        label="Maximum duration (weeks)",
        min_value=1,
        max_value=MAX_WEEKS_LIMIT,
        widget=forms.NumberInput(attrs={"min": 1, "step": 1, "inputmode": "numeric"}),
    )
    feature = forms.ChoiceField(required=False, label="Includes")
    skill = forms.ChoiceField(required=False, label="Teaches the skill")
    career = forms.ChoiceField(required=False, label="Prepares for the career")
    sort = forms.ChoiceField(
        required=False,
        label="Sort by",
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    def __init__(self, *args, courses: QuerySet[CoursePage], kept_as: object = None, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        course_model = courses.model
        self.fields["level"].choices = [("", "Any level"), *course_model.Level.choices]
        self.fields["mode"].choices = [("", "Any study mode"), *course_model.StudyMode.choices]
        # Offer only published options that would find something among the listed courses, kept
        # until content next changes (three queries each time otherwise), under ``kept_as`` (what
        # picks ``courses``: the index page), or the courses' SQL, costlier to write than the form.
        features, skills, careers = content_version.remember(
            content_version.key_for(None, "course-filter-options", kept_as or str(courses.query)),
            lambda: _options(courses),
        )
        self.fields["feature"].choices = [("", "Any feature"), *features]
        self.fields["skill"].choices = [("", "Any skill"), *skills]
        self.fields["career"].choices = [("", "Any career"), *careers]

    def _valid_data(self) -> dict[str, Any]:
        """What passed validation; nothing for an unbound form (the list as it first appears)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    @property
    def applied(self) -> dict:
        """The filters that passed validation and are set (what the list was narrowed by)."""
        return {
            name: value
            for name, value in self._valid_data().items()
            if name != "sort" and value not in (None, "")
        }

    def sort_key(self) -> str:
        return self._valid_data().get("sort") or "name"

    def filter(self, courses: QuerySet[CoursePage]) -> QuerySet[CoursePage]:
        # Each relation is named once, so one filter() call narrows exactly as chained calls would.
        lookups = {FIELD_LOOKUPS[name]: value for name, value in self.applied.items()}
        return courses.filter(**lookups).order_by(*SORTS[self.sort_key()][1])


def _options(courses: QuerySet[CoursePage]) -> tuple[list[tuple[str, str]], ...]:
    """(slug, name) of the features, skills and public careers the listed courses have."""
    feature_model = courses.model._meta.get_field("features").related_model
    return (
        list(feature_model.objects.live().filter(courses__in=courses).distinct().values_list("slug", "name")),
        list(Skill.objects.live().filter(courses__in=courses).distinct().values_list("slug", "name")),
        list(
            public_pages(CareerPage.objects.filter(all_course_links__course__in=courses))
            .distinct()
            .order_by("title")
            .values_list("slug", "title")
        ),
    )
