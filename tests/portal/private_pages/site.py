"""The private-pages tests' site: what the public and the private careers show, and how a
page is restricted and checked."""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from careers.factories import (
    CareerPageFactory,
    SalaryFigureFactory,
    SalarySourceFactory,
)
from careers.models import CareerPage

PASSWORD = "letmein-2026"
# What the public career shows, so each test can see the surface is not simply empty.
PUBLIC_TEXT = ("Data Analyst", "Turns raw numbers into decisions.", "£41,500")
# The restricted career: its title, summary and salary must appear nowhere.
PRIVATE_TEXT = ("Secret Operative", "secret-operative", "Works where nobody may look.", "88,800", "88800")
# A career that is not restricted itself but sits under a restricted section.
PARTNER_TEXT = ("Partner Liaison", "partner-liaison", "Only partners should read this.", "66,600", "66600")


def restrict(page: Page, kind: str = PageViewRestriction.PASSWORD) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=PASSWORD if kind == PageViewRestriction.PASSWORD else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name="Partners")[0]])
    return restriction


def career(parent: Page, title: str, summary: str, typical: int, **kwargs) -> CareerPage:
    page = CareerPageFactory(parent=parent, title=title, summary=summary, **kwargs)
    SalaryFigureFactory(
        career=page,
        minimum=typical - 10_000,
        typical=typical,
        maximum=typical + 10_000,
        source=SalarySourceFactory(name="ONS ASHE 2025"),
    )
    return page


def assert_private_hidden(text: str, echoed_slugs: bool = False) -> None:
    """None of the private careers' text; with ``echoed_slugs``, a slug the visitor typed may be
    quoted back in a "not found" message, but nothing the slug did not already tell them."""
    for hidden in PRIVATE_TEXT + PARTNER_TEXT:
        if echoed_slugs and hidden in ("secret-operative", "partner-liaison"):
            continue
        assert hidden not in text, f"{hidden!r} leaked"


def assert_public_shown(text: str, *shown: str) -> None:
    for expected in shown or PUBLIC_TEXT[:1]:
        assert expected in text, f"{expected!r} missing"
