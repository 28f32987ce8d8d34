"""With the production settings, every public page type and the admin send the security headers."""

from __future__ import annotations

import copy
import importlib
import re
from html.parser import HTMLParser

import pytest

from portal.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

# The settings that decide what headers and cookies look like: all of them come from production.py.
COPIED = (
    "SECURE_",
    "SESSION_COOKIE_",
    "CSRF_COOKIE_",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "PORTAL_ADMIN_CSP",
    "PERMISSIONS_POLICY",
    "MIDDLEWARE",
)


@pytest.fixture
def production(settings, monkeypatch):
    """The test settings with every security-related setting taken from portal.settings.production."""
    monkeypatch.setenv("SECRET_KEY", "production-like-secret-" * 3)
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver,localhost")
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "REDIS_URL", "PORTAL_QUERY_COUNT_HEADER"):
        monkeypatch.delenv(name, raising=False)
    module = importlib.reload(importlib.import_module("portal.settings.production"))
    for name in dir(module):
        if name.startswith(COPIED):
            setattr(settings, name, copy.deepcopy(getattr(module, name)))
    settings.ALLOWED_HOSTS = module.ALLOWED_HOSTS
    assert settings.SECURE_SSL_REDIRECT and settings.SESSION_COOKIE_SECURE
    return settings


# Every feature the site never uses switched off; full screen for this origin only.
PERMISSIONS_POLICY_HEADER = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), fullscreen=(self), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, <style> elements, style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        data_types = {"application/json", "application/ld+json", "text/template"}
        if tag == "script" and not attributes.get("src") and attributes.get("type") not in data_types:
            self.blocked.append("inline <script>")
        if tag == "style":
            self.blocked.append("<style> element")
        if "style" in attributes:
            self.blocked.append(f'style="{attributes["style"]}" on <{tag}>')
        self.blocked += [f"{name} handler on <{tag}>" for name in attributes if name.startswith("on")]


def assert_security_headers(response, *, frame_ancestors: str = "'none'") -> None:
    headers = response.headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Permissions-Policy"] == PERMISSIONS_POLICY_HEADER
    policy = csp_directives(headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == [frame_ancestors]
    assert "upgrade-insecure-requests" in policy
    return policy


@pytest.fixture
def public_pages(home_page) -> dict[str, str]:
    """One page of each public type, by name, with its address."""
    from careers.factories import CareerIndexPageFactory, CareerPageFactory, SectorFactory
    from courses.factories import CourseIndexPageFactory, CoursePageFactory

    standard = StandardPageFactory(parent=home_page, title="About us", slug="about")
    careers = CareerIndexPageFactory(parent=home_page)
    sector = SectorFactory(name="Data and AI", slug="data-and-ai")
    career = CareerPageFactory(parent=careers, title="AI Specialist", slug="ai-specialist", sector=sector)
    courses = CourseIndexPageFactory(parent=home_page)
    course_a = CoursePageFactory(parent=courses, title="Data Basics", slug="data-basics", careers=[career])
    course_b = CoursePageFactory(parent=courses, title="Machine Learning", slug="machine-learning")
    return {
        "home": "/",
        "standard page": standard.url,
        "careers index": careers.url,
        "careers index, filtered": f"{careers.url}?sector=data-and-ai",
        "career": career.url,
        "courses index": courses.url,
        "course": course_a.url,
        "comparison": f"{courses.url}compare/?courses={course_a.slug},{course_b.slug}",
        "search": "/search/?q=data",
    }


def test_every_public_page_type_sends_the_security_headers(client, production, public_pages):
    for name, url in public_pages.items():
        response = client.get(url, secure=True)
        assert response.status_code == 200, f"{name} ({url}) gave {response.status_code}"
        assert response.headers["X-Frame-Options"] == "DENY", name
        policy = assert_security_headers(response)
        assert policy["script-src"] == ["'self'"], f"{name}: scripts from this origin only, no nonce used"
        assert policy["style-src"] == ["'self'"], name
        assert policy["frame-src"] == ["'none'"], f"{name}: public pages embed no frames"
        finder = InlineCodeFinder()
        finder.feed(response.content.decode())
        assert finder.blocked == [], f"{name} ({url}) has what the CSP blocks: {finder.blocked}"


def test_plain_http_is_redirected_to_https(client, production, home_page):
    response = client.get("/careers/?sector=x")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/careers/?sector=x"


def test_admin_cookies_are_secure_and_http_only(client, production, superuser):
    from tests.conftest import PASSWORD

    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    # The admin's own policy: inline scripts are Wagtail's, and only this origin may frame it.
    policy = assert_security_headers(response, frame_ancestors="'self'")
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-src"] == ["'self'"], "the admin frames only its own preview"

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)
    response = client.post(
        "/admin/login/",
        {"username": superuser.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        secure=True,
        headers={"referer": "https://testserver/admin/login/"},
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_wagtail_preview_may_be_framed_by_the_admin_only(rf, production, superuser, home_page):
    # Wagtail renders a preview by running a dummy request for the page's own URL through the
    # middleware; its response is what the admin's iframe shows.
    # Behind the TLS proxy; Wagtail copies X-Forwarded-Proto into its dummy request.
    request = rf.get(f"/admin/pages/{home_page.pk}/edit/preview/", HTTP_X_FORWARDED_PROTO="https")
    request.user = superuser
    response = home_page.make_preview_request(request, preview_mode="")
    assert response.status_code == 200
    assert csp_directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]


def test_a_template_needing_inline_script_gets_a_nonce(rf, production):
    from django.template import Context, Template

    from portal.content_security_policy import ContentSecurityPolicyMiddleware

    def view(request):
        from django.http import HttpResponse

        html = Template('<script nonce="{{ request.csp_nonce }}">1</script>').render(
            Context({"request": request})
        )
        return HttpResponse(html)

    request = rf.get("/", secure=True)
    response = ContentSecurityPolicyMiddleware(view)(request)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in csp_directives(response["Content-Security-Policy"])["script-src"]


def test_the_health_check_answers_a_load_balancer_over_plain_http(client, production, home_page):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_uploaded_images_are_served_from_the_machines_own_disk(client, production):
    from wagtail_factories import ImageFactory

    rendition = ImageFactory().get_rendition("fill-720x480|format-webp")
    response = client.get(rendition.url, secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_are_compressed_for_browsers_that_accept_it(client, production, public_pages):
    import gzip

    response = client.get(public_pages["comparison"], secure=True, headers={"accept-encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "Machine Learning" in gzip.decompress(response.content).decode()


def test_static_files_are_hashed_compressed_and_cached_for_a_year(client, production, settings, tmp_path):
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    # Production's storage and WhiteNoise without the test settings' finders; only our own files,
    # so collectstatic takes a moment rather than copying all of Wagtail's.
    settings.STATIC_ROOT = tmp_path
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = importlib.import_module("portal.settings.production").STORAGES
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", "--noinput", verbosity=0)

    url = staticfiles_storage.url("css/portal.css")
    assert re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", url)
    response = client.get(url, secure=True, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("accept_encoding", ["", "gzip"])
def test_a_page_cache_hit_sends_the_headers_of_the_render(
    client, production, page_cache_on, public_pages, accept_encoding
):
    # A hit for a visitor without a session cookie skips the session, CSRF, authentication,
    # messages and X-Frame-Options middleware: the page is stored with what they added.
    headers = {"accept-encoding": accept_encoding} if accept_encoding else {}

    def sent(response) -> dict[str, str]:
        return {name: value for name, value in response.items() if name != "X-Page-Cache"}

    stored = 0
    for name, url in public_pages.items():
        render = client.get(url, secure=True, headers=headers)
        hit = client.get(url, secure=True, headers=headers)
        if render.get("X-Page-Cache") != "miss":
            assert name == "search", f"{name} was not stored"  # free text is never stored
            continue
        stored += 1
        assert hit["X-Page-Cache"] == "hit", name
        assert sent(hit) == sent(render), name
        # Kept as sent: a compressed page is not compressed again (its padding would differ).
        assert hit.content == render.content, name
        assert_security_headers(hit)
        assert hit["X-Frame-Options"] == "DENY", name
    assert stored == len(public_pages) - 1
