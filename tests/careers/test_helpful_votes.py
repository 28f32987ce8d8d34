""" "Was this helpful?" under career articles: answered from a cached page without a cookie, counted
once a day per browser, kept as daily counts and anonymous comments, and bad input refused."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.test import Client

from careers import feedback_views
from careers.factories import CareerPageFactory
from careers.helpful import RateLimit, browser_key
from careers.models import HelpfulComment, HelpfulVoteDay

pytestmark = pytest.mark.django_db

ORIGIN = {"Origin": "http://testserver", "User-Agent": "Mozilla/5.0 (Firefox)"}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def career(career_index):
    return CareerPageFactory(parent=career_index, title="Data Analyst", slug="data-analyst")


def answer(client: Client, career, headers=ORIGIN, **data):
    return client.post(f"/feedback/career/{career.pk}/", data, headers=headers)


def totals(career) -> tuple[int, int]:
    days = HelpfulVoteDay.objects.filter(career=career)
    return sum(day.yes for day in days), sum(day.no for day in days)


def test_the_form_is_on_a_cached_career_page_with_no_token_and_no_cookie(client, career, settings):
    settings.PAGE_CACHE_ENABLED = True
    first = client.get("/careers/data-analyst/")
    second = client.get("/careers/data-analyst/")
    assert second["X-Page-Cache"] == "hit"
    html = second.content.decode()
    assert "Was this helpful?" in html
    assert f'action="/feedback/career/{career.pk}/"' in html
    assert "csrfmiddlewaretoken" not in html and not first.cookies and not second.cookies


def test_an_answer_with_a_comment_is_thanked_and_kept_without_who_sent_it(client, career):
    response = answer(
        client, career, answer="no", comment="  The salary section needs a regional breakdown.  "
    )
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert not response.cookies
    assert totals(career) == (0, 1)
    comment = HelpfulComment.objects.get()
    assert (comment.helpful, comment.text) == (False, "The salary section needs a regional breakdown.")
    assert comment.day == datetime.date.today()
    stored = " ".join(str(value) for value in HelpfulComment.objects.values().get().values())
    assert "127.0.0.1" not in stored and "Firefox" not in stored


def test_one_browser_counts_once_a_day_per_career(client, career, career_index, monkeypatch):
    other_career = CareerPageFactory(parent=career_index)
    assert "Thank you" in answer(client, career, answer="yes").content.decode()
    again = answer(client, career, answer="no", comment="Changed my mind")
    assert again.status_code == 200 and "already answered today" in again.content.decode()
    assert totals(career) == (1, 0) and not HelpfulComment.objects.exists()

    answer(client, other_career, answer="yes")
    answer(client, career, headers={**ORIGIN, "User-Agent": "Another browser"}, answer="yes")
    assert totals(other_career) == (1, 0) and totals(career) == (2, 0)

    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(feedback_views.timezone, "localdate", lambda: tomorrow)
    answer(client, career, answer="no")
    assert totals(career) == (2, 1)
    assert HelpfulVoteDay.objects.filter(career=career).count() == 2


def test_the_browser_key_holds_no_address_and_changes_every_day(rf, career):
    request = rf.post("/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Firefox")
    today = datetime.date(2026, 12, 1)
    key = browser_key(request, career.pk, today)
    assert "203.0.113.9" not in key and "Firefox" not in key
    assert key == browser_key(request, career.pk, today)
    assert (
        key.rsplit(":", 1)[1]
        != browser_key(request, career.pk, today + datetime.timedelta(days=1)).rsplit(":", 1)[1]
    )


def test_a_filled_in_trap_field_stores_nothing(client, career):
    response = answer(client, career, answer="yes", website="http://spam.example")
    assert response.status_code == 400
    assert "automated spam" in response.content.decode()
    assert totals(career) == (0, 0)


def test_too_many_answers_from_one_address_are_refused_with_a_wait(client, career, career_index, monkeypatch):
    monkeypatch.setattr(feedback_views, "VOTE_LIMIT", RateLimit("helpful-test", limit=2, window_seconds=600))
    others = [CareerPageFactory(parent=career_index) for _ in range(3)]
    statuses = [answer(client, page, answer="yes").status_code for page in others]
    assert statuses == [200, 200, 429]
    refused = answer(client, career, answer="yes")
    assert "Please wait 10 minutes" in refused.content.decode()
    assert totals(career) == (0, 0)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"comment": "No answer chosen"}, "Choose “Yes” or “No”."),
        ({"answer": "maybe"}, "Choose “Yes” or “No”."),
        ({"answer": "yes", "comment": "x" * 501}, "Your comment is 501 characters long: shorten it to 500"),
        ({"answer": "yes", "comment": "Nul\x00byte"}, "a NUL byte"),
        ({"answer": "no", "comment": "Bell\x07here"}, "a control character"),
    ],
)
def test_bad_answers_are_refused_with_what_to_fix_and_keep_what_was_typed(client, career, data, message):
    response = answer(client, career, **data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert totals(career) == (0, 0) and not HelpfulComment.objects.exists()
    if data.get("comment", "").startswith("No answer"):
        assert "No answer chosen</textarea>" in html


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {},  # neither Origin nor Referer
        {"Referer": "https://evil.example/page"},
        {"Origin": "http://testserver", "Sec-Fetch-Site": "cross-site"},
    ],
)
def test_answers_from_other_sites_are_refused(client, career, headers):
    response = answer(client, career, headers=headers, answer="yes")
    assert response.status_code == 403
    assert "did not come from a page of this site" in response.content.decode()
    assert totals(career) == (0, 0)


def test_a_same_site_referer_is_enough_without_an_origin(client, career):
    response = answer(
        client, career, headers={"Referer": "http://testserver/careers/data-analyst/"}, answer="yes"
    )
    assert response.status_code == 200 and totals(career) == (1, 0)


def test_unknown_or_unpublished_careers_are_not_found_and_a_get_goes_back_to_the_article(client, career):
    assert client.get(f"/feedback/career/{career.pk}/")["Location"] == "/careers/data-analyst/"
    assert client.post("/feedback/career/999999/", {"answer": "yes"}, headers=ORIGIN).status_code == 404
    career.unpublish()
    assert answer(client, career, answer="yes").status_code == 404
    assert client.put(f"/feedback/career/{career.pk}/").status_code == 405
