"""A version number for everything a career article shows, bumped whenever any of it changes.

Career pages cache their related lists (salary figures, skills, ladder, courses ...) under
a key that includes this number, so an edit anywhere in careers, courses or Wagtail's
pages (publishing a course, renaming a skill) makes every cached article stale at once.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

VERSION_KEY = "careers:content-version"
# Saves in these apps can change what a career page shows.
WATCHED_APPS = frozenset({"careers", "courses", "wagtailcore", "wagtailimages"})


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # add() so two first requests racing agree on one number.
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        # The key was missing (a cleared cache): start again from a fresh number.
        cache.set(VERSION_KEY, 1, timeout=None)


def bump_on_change(sender: Any, **kwargs: Any) -> None:
    if sender._meta.app_label in WATCHED_APPS:
        bump_content_version()
