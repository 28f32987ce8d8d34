"""Blocks every app may use. Career- and course-specific blocks live in their own apps."""

from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text="A short section heading.")

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A section heading (level 2) that appears in the page outline."
        preview_value = {"text": "What the job involves"}
        label = "Heading"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "ol", "ul", "h3"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        description = "Running text with links, lists and minor headings."
        preview_value = "<p>Most days start with a look at what changed overnight.</p>"
        label = "Paragraph"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, help_text="One or two sentences that say why to click.")
    page = blocks.PageChooserBlock(required=False, help_text="Where the button goes on this site.")
    url = blocks.URLBlock(required=False, help_text="Or an address elsewhere, used when no page is chosen.")
    link_text = blocks.CharBlock(max_length=60, help_text="The button's words, e.g. 'View the course'.")

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        description = "A highlighted panel with a heading, a sentence and one button."
        preview_value = {
            "heading": "Ready to start?",
            "text": "Find a course that teaches the skills employers ask for.",
            "url": "https://example.com/courses/",
            "link_text": "Browse courses",
        }
        label = "Call to action"


class StandardBodyBlock(blocks.StreamBlock):
    """The body of a standard page (about, privacy, accessibility statement)."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        icon = "doc-full"
        template = "blocks/standard_body_block.html"
        description = "Headings, paragraphs and calls to action."
        preview_value = [("paragraph", "<p>About us.</p>")]


class FooterLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=60)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")

    class Meta:
        icon = "link"
        template = "blocks/footer_link_block.html"
        description = "One link in the site footer."
        preview_value = {"label": "Privacy", "url": "https://example.com/privacy/"}
        label = "Footer link"
