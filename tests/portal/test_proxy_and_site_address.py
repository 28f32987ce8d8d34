"""Which requests count as HTTPS, and which address canonical links give the site."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Site

from tests.portal.jsonld import meta
from tests.portal.test_production_headers import production  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


# X-Forwarded-Proto ---------------------------------------------------------------------------


def test_a_client_reaching_the_app_server_directly_cannot_claim_https(client, production, home_page):  # noqa: F811
    # gunicorn hands the header to Django from any peer; only FORWARDED_ALLOW_IPS (127.0.0.1) may set it.
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


def test_the_tls_proxy_may_say_the_request_was_https(client, production, home_page):  # noqa: F811
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200


def test_trusted_proxies_may_be_networks(client, production, home_page, settings):  # noqa: F811
    settings.TRUSTED_PROXY_IPS = ["10.0.0.0/8", "::1"]
    assert client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="10.2.3.4").status_code == 200
    assert client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="127.0.0.1").status_code == 301


def _gunicorn_conf(monkeypatch, **env: str):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("gunicorn_conf_under_test", ROOT / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gunicorn_and_django_trust_the_same_proxies(monkeypatch):
    assert _gunicorn_conf(monkeypatch).forwarded_allow_ips == "127.0.0.1,::1"
    conf = _gunicorn_conf(monkeypatch, FORWARDED_ALLOW_IPS="10.0.0.5,10.1.0.0/16")
    settings = read_production_settings(FORWARDED_ALLOW_IPS="10.0.0.5,10.1.0.0/16")
    assert conf.forwarded_allow_ips.split(",") == settings["trusted_proxies"]


# The site's public address --------------------------------------------------------------------

READ = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "hostname": settings.SITE_HOSTNAME, "port": settings.SITE_PORT,
    "admin_url": settings.WAGTAILADMIN_BASE_URL, "trusted_proxies": settings.TRUSTED_PROXY_IPS,
}))
"""


def read_production_settings(**extra: str) -> dict:
    drop = {"SITE_HOSTNAME", "SITE_PORT", "WAGTAILADMIN_BASE_URL", "FORWARDED_ALLOW_IPS"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="a-long-random-production-secret-for-this-test-only-0123456789",
        ALLOWED_HOSTS=".example.org,careers.example.org",
        **extra,
    )
    result = subprocess.run(  # noqa: S603  (our own interpreter)
        [sys.executable, "-c", READ], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_takes_the_public_address_from_the_environment():
    found = read_production_settings(SITE_HOSTNAME="careers.example.com")
    assert (found["hostname"], found["port"]) == ("careers.example.com", 443)
    assert found["admin_url"] == "https://careers.example.com"
    # Unset: the first plain host name production accepts, over https.
    found = read_production_settings()
    assert (found["hostname"], found["port"]) == ("careers.example.org", 443)
    assert found["admin_url"] == "https://careers.example.org"


def test_seed_demo_gives_the_site_its_public_address_for_canonical_links(client, settings):
    from careers.models import CareerPage

    settings.SITE_HOSTNAME, settings.SITE_PORT = "careers.example.com", 443
    call_command("seed_demo", stdout=StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("careers.example.com", 443)
    career = CareerPage.objects.live().first()
    tags = meta(client.get(career.url))
    assert tags["canonical"] == f"https://careers.example.com{career.url}"
    assert tags["og:url"] == tags["canonical"]
    detail = client.get(f"/api/v2/pages/{career.pk}/").json()
    assert detail["meta"]["html_url"] == tags["canonical"]


def test_without_an_address_seed_demo_keeps_the_one_an_administrator_set(settings):
    call_command("seed_demo", stdout=StringIO())
    Site.objects.filter(is_default_site=True).update(hostname="portal.example.net", port=443)
    settings.SITE_HOSTNAME = ""
    call_command("seed_demo", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("portal.example.net", 443)
