"""The page cache: anonymous visitors get stored pages, and a published change shows at once."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from wagtail.test.utils.form_data import nested_form_data, streamfield

from portal.factories import PromotionFactory, StandardPageFactory
from portal.models import SiteSettings
from portal.page_cache import PageCacheMiddleware, PageCacheSessionMiddleware

# Every test here runs with the page cache on (tests/portal/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def career(home_page):
    from careers.factories import CareerIndexPageFactory, CareerPageFactory

    index = CareerIndexPageFactory(parent=home_page)
    return CareerPageFactory(
        parent=index,
        title="AI Specialist",
        slug="ai-specialist",
        summary="Trains the models behind products.",
    )


def test_second_anonymous_request_is_served_from_the_cache_without_sql(
    client, career, django_assert_num_queries
):
    first = client.get("/careers/ai-specialist/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/careers/ai-specialist/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_publishing_a_change_to_a_career_shows_on_the_next_request(client, career):
    assert "Trains the models behind products." in client.get("/careers/ai-specialist/").content.decode()
    assert client.get("/careers/ai-specialist/")["X-Page-Cache"] == "hit"

    career.summary = "Designs, trains and ships machine learning systems."
    career.save_revision().publish()

    response = client.get("/careers/ai-specialist/")
    assert response["X-Page-Cache"] == "miss"
    assert "Designs, trains and ships machine learning systems." in response.content.decode()
    # Other pages listing the career are emptied too.
    assert "Designs, trains and ships" in client.get("/careers/").content.decode()


def test_a_saved_draft_does_not_reach_visitors(client, career):
    client.get("/careers/ai-specialist/")
    career.summary = "A draft nobody approved."
    career.save_revision()
    assert "A draft nobody approved." not in client.get("/careers/ai-specialist/").content.decode()


def test_unpublishing_removes_the_page_at_once(client, career):
    assert client.get("/careers/ai-specialist/").status_code == 200
    career.unpublish()
    assert client.get("/careers/ai-specialist/").status_code == 404


def test_an_editor_publishing_in_the_admin_shows_on_the_next_request(client, superuser, home_page):
    page = StandardPageFactory(parent=home_page, title="About us", slug="about", intro="Old words.")
    anonymous = client.__class__()
    assert "Old words." in anonymous.get("/about/").content.decode()
    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": "About us",
            "slug": "about",
            "intro": "New words from the editor.",
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    assert "New words from the editor." in anonymous.get("/about/").content.decode()


def test_changing_a_snippet_shown_on_pages_empties_the_cache(client, site):
    promotion = PromotionFactory(heading="Beyond the certificate")
    site_settings = SiteSettings.for_site(site)
    site_settings.promotion = promotion
    site_settings.save()
    assert "Beyond the certificate" in client.get("/").content.decode()
    promotion.heading = "Support after you qualify"
    promotion.save()
    assert "Support after you qualify" in client.get("/").content.decode()


def test_signed_in_users_get_fresh_pages_with_the_userbar(client, superuser, career):
    client.get("/careers/ai-specialist/")  # cached for anonymous visitors
    client.force_login(superuser)
    response = client.get("/careers/ai-specialist/")
    assert "X-Page-Cache" not in response
    assert "wagtail-userbar" in response.content.decode()
    client.logout()
    response = client.get("/careers/ai-specialist/")
    assert response["X-Page-Cache"] == "hit"
    assert "wagtail-userbar" not in response.content.decode()


def test_a_preview_never_comes_from_or_goes_into_the_cache(client, career):
    from django.contrib.auth.models import AnonymousUser

    assert client.get("/careers/ai-specialist/", HTTP_HOST="localhost")["X-Page-Cache"] == "miss"
    career.summary = "Words still in draft."
    original = RequestFactory().get("/admin/", HTTP_HOST="localhost")
    original.user = AnonymousUser()  # the dummy request carries no session: it looks anonymous
    preview = career.make_preview_request(original, preview_mode="")
    assert "Words still in draft." in preview.content.decode()
    published = client.get("/careers/ai-specialist/", HTTP_HOST="localhost")
    assert published["X-Page-Cache"] == "hit"
    assert "Words still in draft." not in published.content.decode()


def test_each_value_of_a_parameter_the_page_reads_is_its_own_entry(client, career):
    # More on query strings in test_production_page_cache_keys.py.
    client.get("/careers/?letter=A")
    response = client.get("/careers/?letter=B")
    assert response["X-Page-Cache"] == "miss"
    assert "AI Specialist" not in response.content.decode()


def test_the_cache_is_off_unless_enabled(client, settings, career):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/careers/ai-specialist/")
    assert "X-Page-Cache" not in client.get("/careers/ai-specialist/")


def _anonymous(request):
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return request


def _page_cache(view):
    """Both halves of the page cache around a view, as MIDDLEWARE puts them around the rest."""
    return PageCacheMiddleware(PageCacheSessionMiddleware(view))


def test_a_plain_page_is_stored_by_both_halves_together():
    # The control for the tests below: what they refuse to store is refused for what it holds.
    middleware = _page_cache(lambda request: HttpResponse("hello"))
    assert middleware(_anonymous(RequestFactory().get("/x/")))["X-Page-Cache"] == "miss"
    assert middleware(_anonymous(RequestFactory().get("/x/")))["X-Page-Cache"] == "hit"


def test_a_page_holding_a_visitors_csrf_token_is_never_stored():
    def view(request):
        return HttpResponse(f"<form>{get_token(request)}</form>")

    middleware = _page_cache(view)
    first = middleware(_anonymous(RequestFactory().get("/contact/")))
    second = middleware(_anonymous(RequestFactory().get("/contact/")))
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert first.content != second.content


def test_a_page_with_a_csp_nonce_or_a_cookie_is_never_stored():
    def nonce_view(request):
        response = HttpResponse("<script nonce='abc'></script>")
        response["Content-Security-Policy"] = "script-src 'self' 'nonce-abc'"
        return response

    def cookie_view(request):
        response = HttpResponse("hello")
        response.set_cookie("seen", "1")
        return response

    for view in (nonce_view, cookie_view):
        middleware = _page_cache(view)
        middleware(_anonymous(RequestFactory().get("/x/")))
        assert "X-Page-Cache" not in middleware(_anonymous(RequestFactory().get("/x/")))


def test_a_release_migrate_retires_the_previous_releases_pages(client, career):
    """A release changes templates, not content: `migrate`, run once per release, empties the cache."""
    client.get("/careers/ai-specialist/")
    assert client.get("/careers/ai-specialist/")["X-Page-Cache"] == "hit"

    call_command("migrate", verbosity=0)

    assert client.get("/careers/ai-specialist/")["X-Page-Cache"] == "miss"
