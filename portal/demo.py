"""Demo content for the portal layer: the site, its home page, standard pages and settings.

The words live in portal/demo_content/portal.json. This module also holds `DemoContent`, the
reader every app's demo module uses for its own data file, so that a mistake in any of them is
reported the same way: the file, the entry and what is wrong, before anything is written.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Collection, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from wagtail import blocks
from wagtail.models import Page, Site

from portal.editor_rich_text import editor_stream
from portal.models import HomePage, Promotion, SiteSettings, StandardPage

DATA_FILE = Path(__file__).resolve().parent / "demo_content" / "portal.json"


class DemoContentError(CommandError):
    """A demo data file that cannot be used; the message names the file and the entry at fault.

    A CommandError, so `seed_demo` reports it in one line instead of a traceback.
    """


def _messages(error: ValidationError) -> str:
    """A block's validation errors as one line, naming the field of each."""
    block_errors = getattr(error, "block_errors", None)
    if not block_errors:
        return " ".join(error.messages)
    parts = [f"{name}: {_messages(child)}" for name, child in block_errors.items()]
    parts += list(getattr(error, "non_block_errors", []))
    return "; ".join(parts)


class DemoContent:
    """One demo data file (JSON), read and checked before anything is written to the database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = (
            str(path.relative_to(settings.BASE_DIR)) if path.is_relative_to(settings.BASE_DIR) else str(path)
        )
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise DemoContentError(f"{self.label}: cannot be read ({error.strerror})") from None
        try:
            # Decimals, so that a price such as 49.99 stays exact.
            self.data = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as error:
            raise DemoContentError(
                f"{self.label}, line {error.lineno} column {error.colno}: not valid JSON ({error.msg})"
            ) from None

    def error(self, where: str, problem: str) -> DemoContentError:
        return DemoContentError(f"{self.label}, {where}: {problem}")

    def fields(
        self, where: str, entry: object, required: Collection[str], optional: Collection[str] = ()
    ) -> dict[str, Any]:
        """The entry, if it has every required field and no field the loader would ignore."""
        if not isinstance(entry, dict):
            raise self.error(where, "should be an object of named fields")
        missing = [name for name in required if name not in entry]
        if missing:
            raise self.error(where, f"missing {', '.join(missing)}")
        unknown = sorted(set(entry) - set(required) - set(optional))
        if unknown:
            raise self.error(
                where, f"unknown field {', '.join(unknown)} (expected {', '.join([*required, *optional])})"
            )
        return entry

    def entries(
        self, key: str, kind: str, required: Collection[str], optional: Collection[str] = ()
    ) -> list[tuple[str, dict[str, Any]]]:
        """The list under `key`, each entry checked and paired with how error messages name it."""
        items = self.data.get(key)
        if not isinstance(items, list):
            raise self.error(f'"{key}"', "should be a list")
        named: list[tuple[str, dict[str, Any]]] = []
        seen: set[str] = set()
        for position, item in enumerate(items, start=1):
            name = next(
                (str(item[k]) for k in ("slug", "name") if isinstance(item, dict) and k in item), None
            )
            where = f'{kind} "{name}"' if name else f"{kind} {position}"
            named.append((where, self.fields(where, item, required, optional)))
            if name is not None and name in seen:
                raise self.error(where, f"appears twice in {key}")
            seen.add(name)
        return named

    def refer(self, where: str, kind: str, names: Iterable[str], known: Collection[str]) -> None:
        """Every name must be one the data defines: a typo would otherwise vanish silently."""
        if isinstance(names, str) or not isinstance(names, Iterable):
            raise self.error(where, f"should list {kind} slugs")
        for name in names:
            if name not in known:
                raise self.error(where, f'unknown {kind} "{name}"')

    def choice(self, where: str, value: object, choices: Collection[str]) -> str:
        if value not in choices:
            raise self.error(where, f'"{value}" is not one of {", ".join(choices)}')
        return str(value)

    def date(self, where: str, value: object) -> datetime.date:
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise self.error(where, f'"{value}" is not a date written as YYYY-MM-DD') from None

    def stream(
        self,
        where: str,
        stream_block: blocks.StreamBlock,
        sections: object,
        filled_later: dict[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        """Plain {"type", "value"} sections as the StreamField's raw data, checked as the editor would be.

        ``filled_later`` names, per section type, the one field a later app's demo fills in (a
        course chosen once the courses exist): left empty here, it is the only error forgiven.
        """
        filled_later = filled_later or {}
        if not isinstance(sections, list):
            raise self.error(where, "should be a list of sections")
        raw = []
        for position, section in enumerate(sections, start=1):
            here = f"{where}, section {position}"
            self.fields(here, section, ("type", "value"))
            block = stream_block.child_blocks.get(section["type"])
            if block is None:
                known = ", ".join(stream_block.child_blocks)
                raise self.error(here, f'unknown section type "{section["type"]}" (known: {known})')
            here = f"{here} ({block.name})"
            if isinstance(block, blocks.StructBlock):
                self.fields(here, section["value"], (), block.child_blocks)
            try:
                value = block.to_python(section["value"])
                block.clean(value)
            except ValidationError as error:
                later = filled_later.get(block.name)
                forgiven = later is not None and not section["value"].get(later)
                if not forgiven or set(getattr(error, "block_errors", {})) != {later}:
                    raise self.error(here, _messages(error)) from None
            except (TypeError, ValueError, AttributeError, KeyError):
                raise self.error(here, f"the value does not fit a {block.name} section") from None
            raw.append({"type": block.name, "value": block.get_prep_value(value)})
        # As the editor would save it, so its first save changes nothing "Compare" would show.
        return editor_stream(stream_block, raw, f"{self.label}/{where}", keep_ids=False)


def load(path: Path | None = None) -> dict[str, Any]:
    """The portal data file, checked, with the standard pages' bodies as StreamField raw data."""
    content = DemoContent(path or DATA_FILE)
    data = content.fields(
        "the file", content.data, ("site_name", "home_page", "standard_pages", "promotion", "site_settings")
    )
    content.fields(
        '"home_page"',
        data["home_page"],
        ("title", "seo_title", "hero_heading", "hero_intro", "cta_heading", "cta_text", "cta_link_text"),
    )
    body_block = StandardPage._meta.get_field("body").stream_block
    for where, page in content.entries("standard_pages", "standard page", ("slug", "title", "intro", "body")):
        page["body"] = content.stream(where, body_block, page["body"])
    content.fields('"promotion"', data["promotion"], ("name", "eyebrow", "heading", "body", "link_text"))
    content.fields(
        '"site_settings"', data["site_settings"], ("organisation_name", "contact_email", "admissions_email")
    )
    return data


def _home_page(fields: dict[str, str]) -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's migrations create a placeholder "Welcome" page on the slug we want.
    for placeholder in root.get_children().filter(slug="home").exclude(content_type__model="homepage"):
        placeholder.delete()
    home = HomePage(slug="home", **fields)
    root.add_child(instance=home)
    home.save_revision().publish()
    return home


def _site_address() -> tuple[str, int] | None:
    """SITE_HOSTNAME and SITE_PORT when configured: the public address canonical URLs carry."""
    hostname = getattr(settings, "SITE_HOSTNAME", "")
    return (hostname, int(getattr(settings, "SITE_PORT", 443))) if hostname else None


def seed() -> str:
    data = load()
    home = _home_page(data["home_page"])
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    # Without a configured address an existing site keeps whatever an administrator gave it.
    hostname, port = _site_address() or (site.hostname, site.port)
    wanted = (home.pk, data["site_name"], hostname, port)
    if (site.root_page_id, site.site_name, site.hostname, site.port) != wanted:
        site.root_page = home
        site.site_name = data["site_name"]
        site.hostname, site.port = hostname, port
        site.save()

    created = 0
    for page_data in data["standard_pages"]:
        if StandardPage.objects.child_of(home).filter(slug=page_data["slug"]).exists():
            continue
        page = StandardPage(**page_data)
        home.add_child(instance=page)
        page.save_revision().publish()
        created += 1

    promotion_fields = dict(data["promotion"])
    promotion, _ = Promotion.objects.get_or_create(
        name=promotion_fields.pop("name"), defaults=promotion_fields
    )
    site_settings = SiteSettings.for_site(site)
    if site_settings.promotion_id is None:
        site_settings.organisation_name = data["site_settings"]["organisation_name"]
        site_settings.contact_email = data["site_settings"]["contact_email"]
        site_settings.promotion = promotion
        site_settings.footer_links = [
            ("link", {"label": page.title, "page": page, "url": ""})
            for page in StandardPage.objects.child_of(home).live().order_by("path")
        ]
        site_settings.save()
    _enquiry_settings(site_settings, data["site_settings"]["admissions_email"], home)
    return f"home page, site and settings ready; {created} standard pages created"


def _enquiry_settings(site_settings: SiteSettings, admissions_email: str, home: HomePage) -> None:
    """Where enquiries are emailed and the privacy notice the form links to, where still unset."""
    changed = []
    if not site_settings.admissions_email:
        site_settings.admissions_email = admissions_email
        changed.append("admissions_email")
    if site_settings.privacy_page_id is None:
        site_settings.privacy_page = StandardPage.objects.child_of(home).filter(slug="privacy").first()
        changed.append("privacy_page")
    if changed:
        site_settings.save(update_fields=changed)
