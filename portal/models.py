"""Pages and settings every part of the portal shares."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from portal import content_version, page_routing
from portal.blocks import FooterLinkBlock, StandardBodyBlock
from portal.visibility import public_pages


class HomePage(Page):
    """The front door: a hero, careers and courses the editors feature, and a call to action."""

    hero_heading = models.CharField(
        max_length=120, help_text="The large headline at the top of the home page."
    )
    hero_intro = models.TextField(
        blank=True, help_text="One or two sentences under the headline saying what the site offers."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A wide picture behind or beside the headline; decorative.",
    )
    cta_heading = models.CharField(
        max_length=120, blank=True, help_text="Heading of the call to action at the bottom."
    )
    cta_text = models.TextField(blank=True, help_text="A sentence saying why to follow the link.")
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the call to action leads, usually the course list.",
    )
    cta_link_text = models.CharField(max_length=60, blank=True, help_text="The button's words.")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_intro"), FieldPanel("hero_image")],
            heading="Hero",
        ),
        InlinePanel("featured_careers", label="Featured careers", max_num=6),
        InlinePanel("featured_courses", label="Featured courses", max_num=6),
        MultiFieldPanel(
            [
                FieldPanel("cta_heading"),
                FieldPanel("cta_text"),
                PageChooserPanel("cta_page"),
                FieldPanel("cta_link_text"),
            ],
            heading="Call to action",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    # Kept with the page as the site's home (portal/site_chrome.py): the call to action's link.
    route_select_related = ("cta_page", "hero_image")

    class Meta:
        verbose_name = "home page"

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        # Every public URL starts here: routed in one query when the path was routed before.
        return page_routing.route(self, request, path_components, super().route)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):  # unsaved featured rows: never kept
            context.update(self._featured(request))
            return context
        # Kept until content next changes: ten queries otherwise, for what changes on a publish.
        site = getattr(request, "_wagtail_site", None)
        key = content_version.key_for(request, "home-featured", self.pk, site.pk if site else None)
        context.update(content_version.remember(key, lambda: self._featured(request)))
        return context

    def _featured(self, request: HttpRequest) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "featured_careers": self._public_specific_pages(self.featured_careers.all()),
            "featured_courses": self._public_specific_pages(self.featured_courses.all()),
        }
        # The careers list and the course list, for the "what you can do here" links.
        sections = {
            child.specific_class._meta.label: child for child in public_pages(self.get_children().live())
        }
        for name, label in (
            ("careers_url", "careers.CareerIndexPage"),
            ("courses_url", "courses.CourseIndexPage"),
        ):
            shown[name] = sections[label].get_url(request) if label in sections else None
        return shown

    @staticmethod
    def _public_specific_pages(items: Iterable[Orderable]) -> list[Page]:
        """The chosen pages in the editors' order, fetched together rather than one by one, with
        what their cards show: each page class may name it in a ``card_prefetches()`` classmethod
        (careers and courses sit above this layer, so they are asked, never imported)."""
        ids = [item.page_id for item in items]
        by_id = {page.pk: page for page in public_pages(Page.objects.filter(pk__in=ids)).specific()}
        pages = [by_id[pk] for pk in ids if pk in by_id]
        for page_class in {type(page) for page in pages}:
            card_prefetches = getattr(page_class, "card_prefetches", None)
            if card_prefetches is not None:
                same = [page for page in pages if type(page) is page_class]
                prefetch_related_objects(same, *card_prefetches())
        return pages


class HomePageFeaturedCareer(Orderable):
    """A career the editors put on the home page."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_careers")
    # A string label, not an import: portal sits below careers in the layers.
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", help_text="A career page."
    )

    panels = [PageChooserPanel("page", page_type="careers.CareerPage")]


class HomePageFeaturedCourse(Orderable):
    """A course the editors put on the home page."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_courses")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", help_text="A course page."
    )

    panels = [PageChooserPanel("page", page_type="courses.CoursePage")]


class StandardPage(Page):
    """A plain page for about, privacy, the accessibility statement and the like."""

    intro = models.TextField(blank=True, help_text="A sentence or two shown under the title.")
    body = StreamField(StandardBodyBlock(), blank=True, help_text="The page's content.")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "standard page"


class AudienceDailyCount(models.Model):
    """How many times the public viewed one page on one day (portal/audience_counting.py).

    Staff read these in the dashboard's Audience view; nobody edits them. Only aggregates: no
    address, browser or visitor is ever recorded. ``kind`` says what was viewed: a career, a
    course, or the comparison (then ``page`` is the course list the compare route belongs to).
    """

    class Kind(models.TextChoices):
        CAREER = "career", "Career page"
        COURSE = "course", "Course page"
        COMPARISON = "comparison", "Comparison started"

    day = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # A string label: careers and courses sit above portal in the layers.
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "kind", "page"], name="audience_count_once_per_day")
        ]
        indexes = [models.Index(fields=["kind", "day"], name="audience_count_kind_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.page_id}: {self.count}"


class ComparedPairDailyCount(models.Model):
    """How many comparisons started on one day put these two courses side by side.

    ``first`` always has the lower page id, so a pair has one row a day whichever order the
    visitor chose.
    """

    day = models.DateField()
    first = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "first", "second"], name="compared_pair_once_per_day"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="compared_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.first_id}+{self.second_id}: {self.count}"


class AudienceFold(models.Model):
    """One batch of counts moved from Redis into the daily counts, recorded in the same transaction.

    A fold that dies after committing but before deleting its batch from Redis leaves the batch
    behind; the next fold finds its token here and deletes it instead of counting it twice.
    Tokens older than a day are pruned.
    """

    token = models.CharField(max_length=80, unique=True)
    folded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.token


class ModeratedSnippetQuerySet(models.QuerySet):
    def live(self) -> ModeratedSnippetQuerySet:
        """What the public may see: published at least once. The row holds the published version;
        a draft waits in a revision."""
        return self.filter(live=True)


class ModeratedSnippet(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A snippet readers see on public pages, so editors' changes wait for a moderator: drafts,
    revisions, locking and the "Editorial review" workflow, as pages have.

    The row keeps the live version; an edit to a live snippet waits in its latest revision
    until it is published, so public code reads the row and filters with ``.live()``."""

    objects = ModeratedSnippetQuerySet.as_manager()

    class Meta:
        abstract = True


class NamedSnippet(index.Indexed, ModeratedSnippet):
    """A snippet editors file things under and choose by name: a sector, a skill, a provider.

    Subclasses redeclare a field to give it their own length or help text, and extend
    ``panels`` or ``Meta.ordering`` where they add fields.
    """

    name = models.CharField(max_length=120, unique=True, help_text="Shown wherever it is used.")
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in filter links.")
    description = models.TextField(blank=True, help_text="Optional. A sentence about it.")

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Promotion(models.Model):
    """A reusable promotional panel, such as "Beyond the Certificate", shown site-wide."""

    name = models.CharField(max_length=80, unique=True, help_text="For editors only.")
    eyebrow = models.CharField(max_length=60, blank=True, help_text="A small label above the heading.")
    heading = models.CharField(max_length=120)
    body = models.TextField(help_text="Two or three sentences.")
    link_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link_text = models.CharField(max_length=60, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("eyebrow"),
        FieldPanel("heading"),
        FieldPanel("body"),
        PageChooserPanel("link_page"),
        FieldPanel("link_text"),
    ]

    def __str__(self) -> str:
        return self.name


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Who runs the site, how to reach them, the footer, which promotion shows, and how course
    enquiries are handled: where they are emailed, how soon students hear back, how long they are
    kept, and the privacy notice the enquiry form links to."""

    organisation_name = models.CharField(max_length=120, default="Careers Portal")
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    footer_links = StreamField(
        [("link", FooterLinkBlock())], blank=True, help_text="Links shown in the footer."
    )
    promotion = models.ForeignKey(
        Promotion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown on the home page and on every career page.",
    )

    admissions_email = models.EmailField(
        blank=True,
        help_text="Every new course enquiry is emailed here. Empty: the contact email above.",
    )
    enquiry_reply_working_days = models.PositiveSmallIntegerField(
        "reply within (working days)",
        default=2,
        validators=[
            MinValueValidator(1, "Enter at least 1 working day."),
            MaxValueValidator(30, "Enter at most 30 working days."),
        ],
        help_text="Students are told admissions will reply within this many working days.",
    )
    enquiry_retention_days = models.PositiveIntegerField(
        "keep enquiries for (days)",
        default=365,
        validators=[
            MinValueValidator(30, "Keep enquiries at least 30 days, long enough to answer them."),
            MaxValueValidator(3650, "Keep enquiries at most 3650 days (ten years)."),
        ],
        help_text=(
            "Enquiries older than this many days are deleted by the daily delete_old_enquiries job. "
            "The enquiry form and the privacy notice should say the same."
        ),
    )
    # A string label, like every page this layer names.
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="privacy notice",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The privacy notice the enquiry form links to beside its consent box.",
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")], "Contact"),
        FieldPanel("footer_links"),
        FieldPanel("promotion"),
        MultiFieldPanel(
            [
                FieldPanel("admissions_email"),
                FieldPanel("enquiry_reply_working_days"),
                FieldPanel("enquiry_retention_days"),
                PageChooserPanel("privacy_page"),
            ],
            "Course enquiries",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
