"""Demo content for the portal layer: the site, its home page, standard pages and settings."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Page, Site

from portal.models import HomePage, Promotion, SiteSettings, StandardPage

STANDARD_PAGES = [
    (
        "about",
        "About us",
        "Who we are and why we publish honest career guides.",
        [
            ("heading", {"text": "Why this site exists"}),
            (
                "paragraph",
                "<p>Choosing a career is easier when you know what the work feels like hour by hour, "
                "what it pays and which skills get you through the door. Our guides describe real days, "
                "show salary figures with their sources, and link each career to courses that prepare "
                "for it.</p>",
            ),
        ],
    ),
    (
        "privacy",
        "Privacy notice",
        "What we collect when you use this site, and why.",
        [
            (
                "paragraph",
                "<p>We do not ask you to sign in to read guides or compare courses. The comparison "
                "shortlist is kept in your own browser, not on our servers.</p>",
            ),
        ],
    ),
    (
        "accessibility",
        "Accessibility statement",
        "How we make this site usable by as many people as possible.",
        [
            (
                "paragraph",
                "<p>We aim to meet WCAG 2.2 level AA. Every page can be used with a keyboard alone and "
                "works without JavaScript. If something gets in your way, please tell us.</p>",
            ),
        ],
    ),
]


def _home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's migrations create a placeholder "Welcome" page on the slug we want.
    for placeholder in root.get_children().filter(slug="home").exclude(content_type__model="homepage"):
        placeholder.delete()
    home = HomePage(
        title="Home",
        slug="home",
        seo_title="Explore careers and compare courses",
        hero_heading="Find the career that fits, then the course that gets you there",
        hero_intro=(
            "Read what a working day is really like, see what each role pays and where the figures "
            "come from, and compare courses side by side."
        ),
        cta_heading="Not sure where to start?",
        cta_text="Browse every career from A to Z and filter by sector, skill or salary.",
        cta_link_text="Browse careers",
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    return home


def _site_address() -> tuple[str, int] | None:
    """SITE_HOSTNAME and SITE_PORT when configured: the public address canonical URLs carry."""
    hostname = getattr(settings, "SITE_HOSTNAME", "")
    return (hostname, int(getattr(settings, "SITE_PORT", 443))) if hostname else None


def seed() -> str:
    home = _home_page()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    # Without a configured address an existing site keeps whatever an administrator gave it.
    hostname, port = _site_address() or (site.hostname, site.port)
    wanted = (home.pk, "Careers Portal", hostname, port)
    if (site.root_page_id, site.site_name, site.hostname, site.port) != wanted:
        site.root_page = home
        site.site_name = "Careers Portal"
        site.hostname, site.port = hostname, port
        site.save()

    created = 0
    for slug, title, intro, body in STANDARD_PAGES:
        if StandardPage.objects.child_of(home).filter(slug=slug).exists():
            continue
        page = StandardPage(title=title, slug=slug, intro=intro, body=body)
        home.add_child(instance=page)
        page.save_revision().publish()
        created += 1

    promotion, _ = Promotion.objects.get_or_create(
        name="Beyond the certificate",
        defaults={
            "eyebrow": "Beyond the certificate",
            "heading": "Qualified, prepared and introduced to employers",
            "body": (
                "A certificate opens the door; we help you walk through it. Our courses come with "
                "interview practice, job matching and career advice that put you in front of "
                "employers early."
            ),
            "link_text": "Compare what each course includes",
        },
    )
    site_settings = SiteSettings.for_site(site)
    if site_settings.promotion_id is None:
        site_settings.organisation_name = "Careers Portal"
        site_settings.contact_email = "hello@example.com"
        site_settings.promotion = promotion
        site_settings.footer_links = [
            ("link", {"label": page.title, "page": page, "url": ""})
            for page in StandardPage.objects.child_of(home).live().order_by("path")
        ]
        site_settings.save()
    return f"home page, site and settings ready; {created} standard pages created"
