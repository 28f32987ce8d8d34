"""Failed admin sign-ins are limited: the sixth try in the window is refused with a clear message."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username: str, password: str, address: str = "203.0.113.7", path: str = "/admin/login/"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_sixth_failed_attempt_is_refused_even_with_the_right_password(client, superuser):
    for _ in range(5):
        response = sign_in(client, "super", "wrong")
        assert response.status_code == 200  # the login form again, with its own error
        assert "_auth_user_id" not in client.session
    response = sign_in(client, "super", PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 15 * 60
    html = response.content.decode()
    assert "Too many sign-in attempts" in html
    assert "wait 15 minutes" in html
    assert "_auth_user_id" not in client.session


def test_the_limit_follows_the_user_name_across_addresses(client, superuser):
    for number in range(5):
        sign_in(client, "super", "wrong", address=f"198.51.100.{number}")
    assert sign_in(client, "super", PASSWORD, address="192.0.2.50").status_code == 429


def test_the_limit_follows_the_address_across_user_names(client, superuser):
    for number in range(5):
        sign_in(client, f"guess{number}", "wrong")
    assert sign_in(client, "super", PASSWORD).status_code == 429
    # Someone else, elsewhere, can still sign in.
    assert sign_in(client, "super", PASSWORD, address="192.0.2.99").status_code == 302


def test_a_successful_sign_in_clears_the_user_names_count(client, superuser):
    for number in range(4):
        sign_in(client, "super", "wrong", address=f"198.51.100.{number}")
    assert sign_in(client, "super", PASSWORD, address="192.0.2.1").status_code == 302
    client.logout()
    sign_in(client, "super", "wrong", address="192.0.2.2")
    assert sign_in(client, "super", PASSWORD, address="192.0.2.3").status_code == 302


def test_the_window_passes(client, superuser, settings):
    settings.LOGIN_ATTEMPT_WINDOW = 60
    for _ in range(5):
        sign_in(client, "super", "wrong")
    assert sign_in(client, "super", PASSWORD).status_code == 429
    cache.clear()  # what the expiry of the window does in the shared cache
    assert sign_in(client, "super", PASSWORD).status_code == 302


def test_the_django_admin_login_is_limited_too(client, superuser):
    for _ in range(5):
        sign_in(client, "super", "wrong", path="/django-admin/login/")
    assert sign_in(client, "super", PASSWORD, path="/django-admin/login/").status_code == 429


def test_behind_a_proxy_the_forwarded_address_counts(client, superuser, settings):
    settings.LOGIN_TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            "/admin/login/",
            {"username": f"x{_}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.9",
        )
    blocked = client.post(
        "/admin/login/",
        {"username": "super", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert blocked.status_code == 429
    other = client.post(
        "/admin/login/",
        {"username": "super", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.10",
    )
    assert other.status_code == 302
