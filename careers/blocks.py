"""The typed sections of a "Day in the Life" article."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html
from wagtail import blocks

from portal.blocks import ParagraphBlock

PERIOD_CHOICES = [("morning", "Morning"), ("afternoon", "Afternoon"), ("evening", "Evening")]


class TimeOfDayBlock(blocks.StructBlock):
    period = blocks.ChoiceBlock(
        choices=PERIOD_CHOICES, help_text="Sets the section's icon and default heading."
    )
    heading = blocks.CharBlock(
        max_length=120, required=False, help_text="Leave blank for 'The Morning' and so on."
    )
    body = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul"], help_text="What happens in this part of the day."
    )

    class Meta:
        icon = "time"
        template = "blocks/time_of_day_block.html"
        description = "What the morning, afternoon or evening of the job looks like."
        preview_value = {
            "period": "morning",
            "heading": "",
            "body": "<p>The day opens with a look at the jobs that ran overnight.</p>",
        }
        label = "Time of day"


class TaskListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Core daily tasks", help_text="The list's heading.")
    tasks = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label="Task", help_text="One task, as a short phrase."),
        min_num=1,
        help_text="At least one task; drag to reorder.",
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/task_list_block.html"
        description = "A bulleted list of what the job involves day to day."
        preview_value = {
            "heading": "Core daily tasks",
            "tasks": ["Cleaning a data set", "Training and checking a model"],
        }
        label = "Task list"


class PractitionerQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="In the practitioner's words, without quotation marks.")
    role = blocks.CharBlock(max_length=80, help_text="e.g. ML Engineer")
    sector = blocks.CharBlock(max_length=80, required=False, help_text="e.g. Legal tech")
    place = blocks.CharBlock(max_length=80, required=False, help_text="e.g. Cambridge")

    class Meta:
        icon = "openquote"
        template = "blocks/practitioner_quote_block.html"
        description = "A quotation from someone who does the job, with their role and place."
        preview_value = {
            "quote": "Seeing a model save a team hours every week never gets old.",
            "role": "ML Engineer",
            "sector": "Legal tech",
            "place": "Cambridge",
        }
        label = "Practitioner quote"


class SkillsSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Skills you need", help_text="The section's heading.")
    intro = blocks.TextBlock(
        required=False, help_text="Optional. The skills themselves come from the Skills tab."
    )

    class Meta:
        icon = "tick-inverse"
        template = "blocks/skills_section_block.html"
        description = "Lists the career's essential and optional skills (set on the Skills tab)."
        preview_value = {"heading": "Skills you need", "intro": "Employers look for these."}
        label = "Skills"


class TextSectionBlock(blocks.StructBlock):
    """A headed passage of rich text, such as the hard parts of a job or who it suits.

    The stream declares each kind of section as a child made from this one block, with its own
    icon, label, default ``heading`` and ``guidance`` (the editor's help, the block chooser's
    description and its preview). The section's CSS class is the child's name, so each kind keeps
    its own look. Every kind stores the same value: a heading and a body.
    """

    heading = blocks.CharBlock(max_length=120, help_text="The section's heading.")
    body = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul"], help_text="Short paragraphs or a bulleted list."
    )

    class Meta:
        template = "blocks/text_section_block.html"

    def __init__(self, *, heading: str, guidance: str, **kwargs: Any) -> None:
        super().__init__(
            default={"heading": heading},
            description=guidance,
            help_text=guidance,
            preview_value={"heading": heading, "body": format_html("<p>{}</p>", guidance)},
            **kwargs,
        )

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context)
        context["section_class"] = self.name
        return context


class CourseCallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text="e.g. Ready to start?")
    text = blocks.TextBlock(required=False, help_text="Optional. A sentence on why this course helps.")
    # A string label: careers must not import courses.
    course = blocks.PageChooserBlock(
        page_type="courses.CoursePage",
        help_text="The course to link to. The panel only shows while the course is published.",
    )
    link_text = blocks.CharBlock(max_length=60, default="View the course", help_text="The button's words.")

    class Meta:
        icon = "link"
        template = "blocks/course_call_to_action_block.html"
        description = "A panel inviting the reader to a course that prepares for this career."
        preview_value = {
            "heading": "Ready to start?",
            "text": "Our course covers the skills employers ask for.",
            "link_text": "View the course",
        }
        label = "Call to action (course)"


class DayInTheLifeBlock(blocks.StreamBlock):
    """The article body of every career page."""

    time_of_day = TimeOfDayBlock()
    tasks = TaskListBlock()
    quote = PractitionerQuoteBlock()
    skills = SkillsSectionBlock()
    challenges = TextSectionBlock(
        icon="warning",
        label="Challenges",
        heading="The real challenges",
        guidance="The hard parts of the job, told honestly.",
    )
    suitability = TextSectionBlock(
        icon="user",
        label="Is this role for you?",
        heading="Is this role for you?",
        guidance="Who tends to enjoy and do well in this role.",
    )
    call_to_action = CourseCallToActionBlock()
    paragraph = ParagraphBlock()

    class Meta:
        icon = "doc-full"
        template = "blocks/day_in_the_life_block.html"
        description = "The sections of a 'Day in the Life' article, in reading order."
        preview_value = [
            ("time_of_day", TimeOfDayBlock().meta.preview_value),
            ("tasks", TaskListBlock().meta.preview_value),
        ]
