"""The production settings as the environment configures them, read in a fresh interpreter each time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
SCALE_OUT_VARIABLES = (
    "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_CUSTOM_DOMAIN",
    "MEDIA_ORIGINS",
    "PAGE_CACHE_ENABLED",
    "FRONTEND_CACHE_PURGE_URL",
    "FRONTEND_CACHE_CLOUDFLARE_ZONEID",
    "FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID",
    "PORTAL_QUERY_COUNT_HEADER",
    "SEARCH_URL",
    "SEARCH_BACKEND",
    "SEARCH_INDEX_PREFIX",
    "SEARCH_TIMEOUT",
    "DATABASE_DISABLE_SERVER_SIDE_CURSORS",
)

READ_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "sessions": settings.SESSION_ENGINE,
    "media": settings.STORAGES["default"]["BACKEND"],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "media_url": settings.MEDIA_URL,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "page_cache": settings.PAGE_CACHE_ENABLED,
    "frontend_cache": sorted(settings.WAGTAILFRONTENDCACHE),
    "frontend_app": "wagtail.contrib.frontend_cache" in settings.INSTALLED_APPS,
    "cdn_seconds": settings.FRONTEND_CACHE_SECONDS,
    "log_stream": settings.LOGGING["handlers"]["console"].get("stream"),
    "query_count": "portal.query_count.QueryCountHeaderMiddleware" in settings.MIDDLEWARE,
    "serve_media": settings.SERVE_MEDIA,
    "search": settings.WAGTAILSEARCH_BACKENDS,
    "server_side_cursors_off": settings.DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"],
}))
"""


# Set for the browser tests in this same pytest process; a real deployment never has it.
TEST_ONLY_VARIABLES = ("DJANGO_ALLOW_ASYNC_UNSAFE",)


def production_env(**extra: str) -> dict[str, str]:
    excluded = SCALE_OUT_VARIABLES + TEST_ONLY_VARIABLES
    env = {k: v for k, v in os.environ.items() if k not in excluded}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="a-long-random-production-secret-for-this-test-only-0123456789",
        ALLOWED_HOSTS="careers.example.com",
        **extra,
    )
    return env


def run_read_settings(**extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603  (our own interpreter and manage.py)
        [sys.executable, "-c", READ_SETTINGS],
        cwd=ROOT,
        env=production_env(**extra),
        capture_output=True,
        text=True,
    )


def read_settings(**extra: str) -> dict:
    result = run_read_settings(**extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_one_machine_defaults_keep_everything_local_and_the_extras_off():
    found = read_settings()
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["sessions"] == "django.contrib.sessions.backends.db"
    assert found["media"] == "django.core.files.storage.FileSystemStorage"
    assert found["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert found["page_cache"] is False
    assert found["frontend_cache"] == [] and found["frontend_app"] is False and found["cdn_seconds"] == 0
    assert found["log_stream"] == "ext://sys.stdout"
    assert found["query_count"] is False
    assert found["serve_media"] is True  # one machine: uploads come from its own disk
    assert found["search"] == {"default": {"BACKEND": "wagtail.search.backends.database"}}
    assert found["server_side_cursors_off"] is False


def test_scale_out_settings_come_from_the_environment():
    found = read_settings(
        REDIS_URL="redis://cache.internal:6379/0",
        AWS_STORAGE_BUCKET_NAME="careers-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.net",
        AWS_S3_CUSTOM_DOMAIN="media.careers.example.com",
        FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081",
        PORTAL_QUERY_COUNT_HEADER="1",
        DATABASE_DISABLE_SERVER_SIDE_CURSORS="true",
    )
    assert found["cache"] == "django_redis.cache.RedisCache"
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert found["page_cache"] is True
    assert found["media"] == "storages.backends.s3.S3Storage"
    assert found["media_url"] == "https://media.careers.example.com/media/"
    assert found["serve_media"] is False
    assert "https://media.careers.example.com" in found["img_src"]
    assert found["frontend_cache"] == ["http"] and found["frontend_app"] is True
    assert found["cdn_seconds"] == 300
    assert found["query_count"] is True  # benchmarks only
    assert found["server_side_cursors_off"] is True  # behind PgBouncer in transaction mode


def test_search_url_switches_site_search_to_elasticsearch_without_its_client_installed():
    # The client package (elasticsearch) is not in requirements.txt: the settings must not need it.
    found = read_settings(
        SEARCH_URL="https://portal:s3cret@search-1.internal:9200,https://search-2.internal:9200"
    )
    assert found["search"] == {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": ["https://portal:s3cret@search-1.internal:9200", "https://search-2.internal:9200"],
            "INDEX_PREFIX": "careers_portal_",
            "TIMEOUT": 5.0,
        }
    }


def test_search_backend_names_opensearch_and_its_options():
    found = read_settings(
        SEARCH_URL="http://opensearch.internal:9200",
        SEARCH_BACKEND="opensearch3",
        SEARCH_INDEX_PREFIX="staging_",
        SEARCH_TIMEOUT="2.5",
    )
    config = found["search"]["default"]
    assert config["BACKEND"] == "wagtail.search.backends.opensearch3"
    assert (config["URLS"], config["INDEX_PREFIX"], config["TIMEOUT"]) == (
        ["http://opensearch.internal:9200"],
        "staging_",
        2.5,
    )


def test_an_unknown_search_backend_is_refused_naming_the_choices():
    result = run_read_settings(SEARCH_URL="http://search.internal:9200", SEARCH_BACKEND="solr")
    assert result.returncode != 0
    assert "SEARCH_BACKEND must be one of elasticsearch7, elasticsearch8" in result.stderr
    assert "not 'solr'" in result.stderr


def test_a_cloudflare_purge_is_configured_from_its_zone_and_token():
    found = read_settings(FRONTEND_CACHE_CLOUDFLARE_ZONEID="zone", FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN="t")
    assert found["frontend_cache"] == ["cloudflare"]


def test_deploy_check_passes_without_warnings():
    result = subprocess.run(  # noqa: S603  (our own interpreter and manage.py)
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_rendition_the_templates_use_is_warmed_ahead(capsys):
    # Fails naming the template when someone adds an {% image %} spec missing from RENDITION_SPECS.
    call_command("warm_renditions", "--check")
    assert "Every rendition the templates use is listed." in capsys.readouterr().out


@pytest.mark.django_db
def test_warm_renditions_creates_each_listed_rendition_once():
    from wagtail.images.models import Rendition
    from wagtail_factories import ImageFactory

    from portal.rendition_specs import all_filter_specs

    image = ImageFactory()
    call_command("warm_renditions")
    call_command("warm_renditions")
    specs = set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert specs == set(all_filter_specs())


@pytest.mark.django_db
def test_the_benchmarks_query_count_header_counts_every_statement(rf):
    from django.contrib.auth.models import User
    from django.http import HttpResponse

    from portal.query_count import QueryCountHeaderMiddleware

    def view(request):
        User.objects.count()
        list(User.objects.all())
        return HttpResponse("ok")

    assert QueryCountHeaderMiddleware(view)(rf.get("/"))["X-Query-Count"] == "2"
