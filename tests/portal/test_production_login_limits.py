"""Failed admin sign-ins (django-axes): five wrong passwords for one user from one address lock
that user out *from that address* for 15 minutes, with a page that says why and when to retry.
Nobody elsewhere can lock a user out, the limit holds while Redis is down, and there is no
second sign-in page at /django-admin/ to defend."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
HERE = "203.0.113.7"
ELSEWHERE = "198.51.100.20"
LOGIN = "/admin/login/"


def sign_in(client, username: str, password: str, address: str = HERE, **headers: str):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail_five_times(client, username: str = "super", address: str = HERE, **headers: str):
    responses = [sign_in(client, username, "wrong", address, **headers) for _ in range(5)]
    assert [response.status_code for response in responses[:4]] == [200] * 4  # the form, with its error
    return responses[-1]


@pytest.fixture
def other_user(db):
    from portal.factories import UserFactory

    return UserFactory(username="other", is_staff=True, is_superuser=True)


def test_five_failures_lock_that_user_out_from_that_address_with_a_clear_page(client, superuser):
    fifth = fail_five_times(client)
    assert fifth.status_code == 429

    refused = sign_in(client, "super", PASSWORD)
    assert refused.status_code == 429
    assert not signed_in(client)
    assert refused["Retry-After"] == str(15 * 60)
    html = refused.content.decode()
    assert '<html lang="en-GB">' in html
    assert "<h1>Too many sign-in attempts</h1>" in html
    assert 'role="alert"' in html
    assert "5 failed attempts to sign in to this account from your connection" in html
    assert "Please wait 15 minutes and try again" in html
    assert f'<a href="{LOGIN}">Back to the sign-in page</a>' in html


def test_the_same_user_can_still_sign_in_from_elsewhere(client, superuser):
    fail_five_times(client)
    response = sign_in(client, "super", PASSWORD, address=ELSEWHERE)
    assert response.status_code == 302
    assert signed_in(client)


def test_another_user_at_the_same_address_is_unaffected(client, superuser, other_user):
    fail_five_times(client)
    response = sign_in(client, "other", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_guessing_from_many_addresses_locks_nobody_out(client, superuser):
    """The old limiter's denial of service: anyone could keep a known user name locked."""
    for number in range(10):
        sign_in(client, "super", "wrong", address=f"192.0.2.{number}")
    assert sign_in(client, "super", PASSWORD).status_code == 302


def test_a_fullwidth_user_name_counts_against_the_same_user(client, superuser):
    """Django normalises user names to NFKC, so "ｓｕｐｅｒ" is "super" to the lock too."""
    assert fail_five_times(client, username="ｓｕｐｅｒ").status_code == 429
    assert sign_in(client, "super", PASSWORD).status_code == 429
    assert not signed_in(client)


def test_a_successful_sign_in_clears_the_count(client, superuser):
    for _ in range(4):
        sign_in(client, "super", "wrong")
    assert sign_in(client, "super", PASSWORD).status_code == 302
    client.post("/admin/logout/")
    for _ in range(4):
        assert sign_in(client, "super", "wrong").status_code == 200
    assert sign_in(client, "super", PASSWORD).status_code == 302


def test_the_lock_lifts_15_minutes_after_the_last_attempt(client, superuser):
    fail_five_times(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=14))
    assert sign_in(client, "super", PASSWORD).status_code == 429  # and that try starts the wait again
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert sign_in(client, "super", PASSWORD).status_code == 302


def test_behind_one_proxy_the_address_it_saw_counts_and_a_forged_one_does_not(client, superuser, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    # The client writes whatever it likes in X-Forwarded-For; the proxy appends the real address.
    for number in range(5):
        forged = f"192.0.2.{number}, 203.0.113.9"
        response = sign_in(client, "super", "wrong", proxy, HTTP_X_FORWARDED_FOR=forged)
    assert response.status_code == 429
    assert sign_in(client, "super", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    # Another client behind the same proxy is a different address.
    assert sign_in(client, "super", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_without_proxies_x_forwarded_for_is_ignored(client, superuser, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(5):
        response = sign_in(client, "super", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert response.status_code == 429


@pytest.mark.parametrize("forwarded", ["not-an-address", "", "1.2.3.4:5678"])
def test_a_malformed_forwarded_header_counts_under_the_connecting_address(
    client, superuser, settings, forwarded
):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        response = sign_in(client, "super", "wrong", HTTP_X_FORWARDED_FOR=forwarded)
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {HERE}


def test_the_limit_holds_while_redis_is_down(client, superuser, settings):
    """Counts are kept in the database (AxesDatabaseHandler): a dead cache turns nothing off."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/14",  # nothing listens on port 1
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    assert fail_five_times(client).status_code == 429
    assert sign_in(client, "super", PASSWORD).status_code == 429
    assert sign_in(client, "super", PASSWORD, address=ELSEWHERE).status_code == 302


def test_an_overlong_user_name_over_http_basic_is_refused_without_an_error(client, superuser):
    import base64

    token = base64.b64encode(("x" * 1000 + ":wrong").encode()).decode()
    response = client.get("/api/v2/pages/", HTTP_AUTHORIZATION=f"Basic {token}", REMOTE_ADDR=HERE)
    assert response.status_code in (401, 403)


@pytest.mark.parametrize("path", ["/django-admin/", "/django-admin/login/"])
def test_there_is_no_django_admin(client, superuser, path):
    assert client.get(path).status_code == 404
    client.force_login(superuser)
    assert client.get(path).status_code == 404


def _proxy_count(settings_module: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "TRUSTED_PROXY_COUNT"}
    environment.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY="a-long-random-production-secret-for-this-test-only-0123456789",
        ALLOWED_HOSTS="careers.example.com",
        **env,
    )
    code = "from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"
    result = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_proxy_count_comes_from_the_environment():
    assert _proxy_count("portal.settings.production") == "1"  # behind the TLS proxy Deploying asks for
    assert _proxy_count("portal.settings.production", TRUSTED_PROXY_COUNT="2") == "2"
    assert _proxy_count("portal.settings.dev") == "0"
