"""Blocks for course syllabuses."""

from wagtail import blocks

from portal.blocks import ParagraphBlock


class SyllabusModuleBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    summary = blocks.TextBlock(required=False, help_text="What the module covers, in a sentence or two.")
    hours = blocks.IntegerBlock(required=False, min_value=1, help_text="Guided hours, if known.")

    class Meta:
        icon = "list-ol"
        template = "blocks/syllabus_module_block.html"
        description = "One module of the course with what it covers and its hours."
        preview_value = {
            "title": "Python for data",
            "summary": "NumPy, pandas and tidy data.",
            "hours": 30,
        }
        label = "Module"


class SyllabusBlock(blocks.StreamBlock):
    """A course syllabus: modules, with paragraphs between them where needed."""

    module = SyllabusModuleBlock()
    paragraph = ParagraphBlock()

    class Meta:
        icon = "list-ol"
        template = "blocks/syllabus_block.html"
        description = "The course's modules in teaching order."
        preview_value = [("module", SyllabusModuleBlock().meta.preview_value)]
