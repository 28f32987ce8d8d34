"""'Was this helpful?' under every career article: the form, and recording an answer once a day.

Anonymous and without a cookie. A browser's repeated answers on one career in one day count
once: the first answer leaves a key in the shared cache until the day ends, named by a hash of the
address and user agent under a salt made from SECRET_KEY and the date. The salt changes every
day and is never stored, the key expires at midnight, and the address and user agent are never
stored at all, so nothing here can tell who answered, nor link one day's answers to another's.
Answers are kept as a day's yes and no counts per career; a comment is kept with its answer and
day only (careers/models/feedback.py).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import unicodedata

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from careers.models import CareerPage, HelpfulComment, HelpfulVoteDay
from careers.models.feedback import COMMENT_MAX_LENGTH
from portal.rate_limit import RateLimit
from portal.sign_in_lockout import client_address

# Generous: a class of students behind one school address may all answer within minutes.
VOTE_LIMIT = RateLimit("helpful-vote", limit=60, window_seconds=10 * 60)
HONEYPOT = "website"
ANSWER_CHOICES = [("yes", "Yes"), ("no", "No")]
# Line breaks and tabs are text; any other control character is not.
_ALLOWED_CONTROLS = {"\n", "\r", "\t"}


class HelpfulForm(forms.Form):
    """What the form under an article sends; its markup is careers/includes/helpful_form.html."""

    answer = forms.ChoiceField(
        choices=ANSWER_CHOICES,
        error_messages={
            "required": "Choose “Yes” or “No”.",
            "invalid_choice": "Choose “Yes” or “No”.",
        },
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        error_messages={
            "max_length": (
                f"Your comment is %(show_value)d characters long: "
                f"shorten it to {COMMENT_MAX_LENGTH} or fewer."
            ),
            "null_characters_not_allowed": (
                "Your comment contains a character we cannot store (a NUL byte): remove it and send again."
            ),
        },
    )
    # Hidden from people (CSS) and from assistive technology; robots fill in every field.
    website = forms.CharField(required=False, max_length=200)

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"]
        if any(unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS for char in comment):
            raise forms.ValidationError(
                "Your comment contains a control character we cannot store: remove it and send again."
            )
        return comment

    @property
    def caught_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT, ""))

    @property
    def helpful(self) -> bool:
        return self.cleaned_data["answer"] == "yes"


def _day_salt(day: datetime.date) -> bytes:
    message = f"helpful-vote:{day.isoformat()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()


def browser_key(request: HttpRequest, career_id: int, day: datetime.date) -> str:
    """The cache key that marks this browser's answer on this career today (no address in it)."""
    browser = f"{client_address(request) or ''}\n{request.META.get('HTTP_USER_AGENT', '')[:512]}"
    digest = hmac.new(_day_salt(day), browser.encode(errors="replace"), hashlib.sha256).hexdigest()[:32]
    return f"helpful:seen:{day.isoformat()}:{career_id}:{digest}"


def _seconds_left_today() -> int:
    now = timezone.localtime()
    tomorrow = now.date() + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    return max(60, int((midnight - now).total_seconds()) + 60)


def first_answer_today(request: HttpRequest, career: CareerPage, day: datetime.date) -> bool:
    """Whether this browser has not answered on this career today; notes that it now has."""
    # add() sets the key only if it is missing. A cache that does not answer (None) lets the
    # answer count: better a rare double count than refusing everyone while Redis restarts.
    added = cache.add(browser_key(request, career.pk, day), 1, _seconds_left_today())
    return added is not False


def record_answer(career: CareerPage, day: datetime.date, helpful: bool, comment: str) -> None:
    """Add one answer to the career's day, and keep the comment if there is one, all or nothing."""
    column = "yes" if helpful else "no"
    with transaction.atomic():
        days = HelpfulVoteDay.objects.filter(career=career, day=day)
        if not days.update(**{column: F(column) + 1}):
            try:
                with transaction.atomic():
                    HelpfulVoteDay.objects.create(career=career, day=day, **{column: 1})
            except IntegrityError:
                days.update(**{column: F(column) + 1})  # another answer created the day first
        if comment:
            HelpfulComment.objects.create(career=career, day=day, helpful=helpful, text=comment)
