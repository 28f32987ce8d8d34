"""Cards in a list (the careers list, the course list, search results), each kept as rendered HTML
under the content version, so a list costs one cache read instead of a template render per card.

A free-text search, a new filter combination or the first view after a publish cannot be served
from the page cache, but its cards are the same cards other lists showed: they are read back all at
once (one ``get_many``), and only the missing ones are rendered, after ``load`` fetched what they
read beyond the list's own query. Every publish, unpublish or snippet save bumps the content
version, so a changed card shows on the next request. Never for previews, and nothing of one
visitor's may go into a card: what varies per list (a ticked box, today's date) is in the key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.template import Context
from django.utils.safestring import SafeString, mark_safe

from portal import content_version


class CardRef:
    """A card's page known by its id (and what the card's key varies on) only: a list whose cards
    are kept needs no more, so its query reads a few columns instead of building whole pages,
    and its ``CardLoader`` fetches the pages of the cards that are not kept."""

    def __init__(self, pk: int, **attributes: Any) -> None:
        self.pk = pk
        self.__dict__.update(attributes)

    def __repr__(self) -> str:
        return f"<CardRef {self.pk}>"


class CardLoader:
    """What a list's cards read that its own query did not fetch (prefetches, or the whole pages
    of ``CardRef``s), called with the cards that are not kept only. ``load`` fills in the items
    it is given, or returns what to render in their place, in the same order (None for a page
    gone since the list's query: no card, nothing kept). Templates pass it to ``{% cards %}``
    without calling it."""

    do_not_call_in_templates = True

    def __init__(self, load: Callable[[list[Any]], list[Any] | None]) -> None:
        self.load = load

    def __call__(self, items: list[Any]) -> list[Any]:
        if not items:
            return items
        loaded = self.load(items)
        if loaded is None:
            return items
        if len(loaded) != len(items):
            raise ValueError(f"a card loader returned {len(loaded)} cards for {len(items)}")
        return loaded


def card_keys(
    request: Any, template_name: str, items: list[Any], vary: tuple[str, ...], arguments: dict
) -> list[str]:
    """Each item's key: the list's template, site and arguments under the content version (hashed
    once a list), then the item's page and what varies per list (hashed: it may be any text)."""
    site = getattr(request, "_wagtail_site", None)
    base = content_version.key_for(
        request, "card", template_name, site.pk if site else None, sorted(arguments.items())
    )
    if not vary:
        return [f"{base}:{item.pk}" for item in items]
    keys = []
    for item in items:
        varying = repr(tuple(getattr(item, name, None) for name in vary))
        keys.append(f"{base}:{item.pk}:{hashlib.md5(varying.encode(), usedforsecurity=False).hexdigest()}")
    return keys


def render_cards(
    context: Context,
    template_name: str,
    items: Iterable[Any],
    as_name: str,
    *,
    vary: tuple[str, ...] = (),
    load: CardLoader | None = None,
    arguments: dict[str, Any] | None = None,
) -> SafeString:
    """Each of ``items`` rendered with ``template_name`` (as ``as_name``, with ``arguments``), in
    order; ``vary`` names the items' attributes, beyond their page, that the card shows and that
    may differ between lists (the ticked box of a picked course)."""
    items = list(items)
    arguments = arguments or {}
    if not isinstance(load, CardLoader):  # a missing context variable reads as ""
        load = None
    template = context.template.engine.get_template(template_name)

    def render(item: Any) -> str:
        if item is None:
            return ""
        with context.push(**arguments, **{as_name: item}):
            return str(template.render(context))

    request = context.get("request")
    if request is None or getattr(request, "is_preview", False) or any(item.pk is None for item in items):
        if load is not None:
            items = load(items)
        return mark_safe("".join(render(item) for item in items))  # noqa: S308 - escaped by the template
    keys = card_keys(request, template_name, items, vary, arguments)
    kept = cache.get_many(keys) if keys else {}
    missing_keys = [key for key in keys if key not in kept]
    missing = [item for item, key in zip(items, keys, strict=True) if key not in kept]
    if load is not None:
        missing = load(missing)
    fresh = {key: render(item) for key, item in zip(missing_keys, missing, strict=True)}
    gone = {key for key, item in zip(missing_keys, missing, strict=True) if item is None}
    if len(fresh) > len(gone):
        cache.set_many(
            {key: html for key, html in fresh.items() if key not in gone}, content_version.KEPT_SECONDS
        )
    html = "".join(kept[key] if key in kept else fresh[key] for key in keys)
    return mark_safe(html)  # noqa: S308 - the card template's own output, escaped when it was rendered
