"""What a career page lists beneath its article: skills, progression steps, specialisations
and related careers, each edited inline on the page in the editors' order."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.models import Orderable

from careers.models.snippets import Skill
from portal.unique_links import UniqueLink


class CareerSkill(UniqueLink, Orderable):
    """A skill a career needs, marked essential or optional."""

    class Importance(models.TextChoices):
        ESSENTIAL = "essential", "Essential"
        OPTIONAL = "optional", "Optional"

    career = ParentalKey("careers.CareerPage", on_delete=models.CASCADE, related_name="career_skills")
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="career_links", help_text="Choose or add a skill."
    )
    importance = models.CharField(
        max_length=10,
        choices=Importance.choices,
        default=Importance.ESSENTIAL,
        help_text="Essential: employers expect it. Optional: it helps but is not required.",
    )

    panels = [FieldRowPanel([FieldPanel("skill"), FieldPanel("importance")])]
    link_fields = ("career", "skill")

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["career", "skill"], name="career_skill_once"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.get_importance_display()})"


class ProgressionStep(Orderable):
    """One rung of a career's progression ladder, optionally a career of its own."""

    career = ParentalKey("careers.CareerPage", on_delete=models.CASCADE, related_name="progression_steps")
    title = models.CharField(max_length=120, help_text="e.g. Junior ML Engineer")
    description = models.CharField(max_length=255, blank=True, help_text="Optional. One line about the step.")
    linked_career = models.ForeignKey(
        "careers.CareerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="If this step has a career article of its own, choose it.",
    )
    salary_min = models.PositiveIntegerField(
        null=True, blank=True, help_text="Optional. Lowest salary at this step, in whole pounds."
    )
    salary_max = models.PositiveIntegerField(
        null=True, blank=True, help_text="Optional. Highest salary at this step, in whole pounds."
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        PageChooserPanel("linked_career", page_type="careers.CareerPage"),
        FieldRowPanel([FieldPanel("salary_min"), FieldPanel("salary_max")]),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="progression_salary_min_le_max",
                violation_error_message="The step's minimum salary must not exceed its maximum.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.salary_min is not None and self.salary_max is not None and self.salary_min > self.salary_max:
            raise ValidationError(
                {
                    "salary_max": f"The step's maximum (£{self.salary_max:,}) is lower than "
                    f"its minimum (£{self.salary_min:,})."
                }
            )


class Specialisation(Orderable):
    """A direction a career can branch into, such as NLP or MLOps."""

    career = ParentalKey("careers.CareerPage", on_delete=models.CASCADE, related_name="specialisations")
    name = models.CharField(max_length=80, help_text="e.g. Natural language processing")
    description = models.CharField(max_length=255, blank=True, help_text="Optional. One line about it.")

    panels = [FieldPanel("name"), FieldPanel("description")]

    def __str__(self) -> str:
        return self.name


class RelatedCareer(Orderable):
    """Another career a reader of this one might consider."""

    career = ParentalKey("careers.CareerPage", on_delete=models.CASCADE, related_name="related_careers")
    related = models.ForeignKey(
        "careers.CareerPage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A career a reader of this one might also like. Only published careers are shown.",
    )

    panels = [PageChooserPanel("related", page_type="careers.CareerPage")]

    def __str__(self) -> str:
        return str(self.related)
