"""The home page, standard pages, settings and the shared error pages."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.factories import PromotionFactory, StandardPageFactory
from portal.models import HomePage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def test_home_page_shows_hero_and_search(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Find your career" in html
    assert 'action="/search/"' in html
    assert 'href="#main-content"' in html


def test_home_page_shows_the_promotion_from_site_settings(client, site):
    promo = PromotionFactory(heading="Beyond the certificate, for real")
    settings = SiteSettings.for_site(site)
    settings.promotion = promo
    settings.save()
    assert "Beyond the certificate, for real" in client.get("/").content.decode()


def test_navigation_lists_pages_shown_in_menus_only(client, home_page):
    StandardPageFactory(parent=home_page, title="About us", slug="about", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Hidden page", slug="hidden", show_in_menus=False)
    html = client.get("/").content.decode()
    assert ">About us</a>" in html
    assert "Hidden page" not in html


def test_standard_page_renders_body_and_marks_current_section(client, home_page):
    StandardPageFactory(
        parent=home_page,
        title="Accessibility statement",
        slug="accessibility",
        body=[("heading", {"text": "Our aim"}), ("paragraph", "<p>WCAG 2.2 AA.</p>")],
    )
    response = client.get("/accessibility/")
    html = response.content.decode()
    assert "<h2>Our aim</h2>" in html
    assert "WCAG 2.2 AA." in html
    assert 'aria-current="page">Accessibility statement</a>' in html


def test_unknown_address_gets_the_styled_404(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "/careers/" in response.content.decode()


def test_500_page_renders_without_a_request_context():
    from django.template.loader import render_to_string

    assert "Sorry, something went wrong" in render_to_string("500.html")


class TestPageTree(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_standard_pages_beneath(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, StandardPage)


def test_editor_can_create_standard_page_in_admin(client, home_page, superuser):
    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": "Contact",
            "slug": "contact",
            "intro": "How to reach us.",
            "body": streamfield([("paragraph", rich_text("<p>Email us.</p>"))]),
        }
    )
    response = client.post(f"/admin/pages/add/portal/standardpage/{home_page.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert StandardPage.objects.get(slug="contact").intro == "How to reach us."


def _home_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/")  # settings rows and renditions are made on the first view
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_home_page_costs_the_same_queries_for_one_or_six_featured_pages(client, home_page):
    from careers.factories import CareerIndexPageFactory, CareerPageFactory
    from portal.models import HomePageFeaturedCareer

    index = CareerIndexPageFactory(parent=home_page)
    careers = [CareerPageFactory(parent=index, title=f"Career {n}") for n in range(6)]
    HomePageFeaturedCareer.objects.create(home=home_page, page=careers[0], sort_order=0)
    one = _home_queries(client)
    for n, career in enumerate(careers[1:], start=1):
        HomePageFeaturedCareer.objects.create(home=home_page, page=career, sort_order=n)
    six = _home_queries(client)
    assert one == six
    html = client.get("/").content.decode()
    # In the editors' order, and a draft never shows.
    assert [f"Career {n}" in html for n in range(6)] == [True] * 6
    assert html.index("Career 0") < html.index("Career 5")
    careers[3].unpublish()
    assert "Career 3" not in client.get("/").content.decode()


def test_links_to_an_unpublished_page_are_left_out(client, home_page, site):
    # A draft's URL is a 404 for visitors: the home call to action, the promotion and a
    # footer link leave the button out (the footer keeps its words) until it is published.
    target = StandardPageFactory(parent=home_page, title="Open days", slug="open-days", show_in_menus=False)
    home_page.cta_heading = "Come and see us"
    home_page.cta_page = target
    home_page.cta_link_text = "Book an open day"
    home_page.save_revision().publish()
    settings = SiteSettings.for_site(site)
    settings.promotion = PromotionFactory(link_page=target, link_text="See the open days")
    settings.footer_links = [("link", {"label": "Open days footer", "page": target})]
    settings.save()

    html = client.get("/").content.decode()
    assert html.count('href="/open-days/"') == 3

    target.unpublish()
    html = client.get("/").content.decode()
    assert 'href="/open-days/"' not in html
    assert "Come and see us" in html
    assert "Book an open day" not in html
    assert "See the open days" not in html
    assert "<li>Open days footer</li>" in html
