"""A cache of whole rendered public pages for anonymous visitors, emptied whenever content changes.

Every key carries the content version (portal/content_version.py), which any published change
bumps, so every app server sharing the cache (Redis) stops serving the old copies on the next
request. Old entries simply expire. With a per-process local-memory cache the version is per
process too, which is why the cache is only switched on by default when REDIS_URL is set
(PAGE_CACHE_ENABLED).

What is never cached: anything but a 200 GET, signed-in users (their pages carry the Wagtail
userbar), admin and API paths, responses that set a cookie or used a CSRF token or a CSP nonce
(those belong to one visitor), responses marked private or no-store, and responses larger than
PAGE_CACHE_MAX_BYTES (served, not stored).

Query strings. A key holds the host, the path and only the query parameters the page reads;
anything else (``utm_*``, ``fbclid``, a random ``?x=N``) neither makes nor fills an entry, and is
still passed to the view untouched. The middleware runs before URL resolution, so it cannot ask the
page what it reads. Instead the code that reads the query string declares it: it calls
:func:`vary_on_query` with a :class:`QueryParams` kept beside the code (CareerIndexPage, a career's
region, the course list, the comparison and its CSV, site search, the sitemap). On a miss the
middleware stores that declaration once per path (the "query entry", same version and lifetime as
the pages) with the page, so a later request for the path builds its key from it: no query string
costs one cache read, a query string two, and none touches the database. A path with no query entry
is rendered; a view that declares nothing is keyed on its path alone. Kept parameters are sorted by
name, and a parameter read with ``.get()`` is keyed on its last value (the one the view sees), so
reordering or repeating them makes no new entry.

The kept values are still the visitor's to choose, so a view only lets its response be stored
(``store=True``) when the values are ones the site itself links to, written as it writes them:
a known sector, ``page=2`` but not ``page=02``, known course slugs. Free text (``q`` on the
careers list and site search) is never stored: each search is rendered, as it would be without a
cache, instead of filling the cache with one entry per phrase. What remains (every combination of
valid filters, every ordering of up to 16 compared courses) is bounded only by the cache's size:
give Redis a ``maxmemory`` with the ``allkeys-lru`` policy (README, Production).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict

from portal import content_version

logger = logging.getLogger(__name__)

HIT_HEADER = "X-Page-Cache"
# Where vary_on_query leaves its declaration for the middleware, on the request being served.
REQUEST_ATTRIBUTE = "page_cache_query"


@dataclass(frozen=True)
class QueryParams:
    """The query parameters one page or view reads, declared beside the code that reads them."""

    # Read with .get(): only the last value counts, so only the last is keyed.
    single: tuple[str, ...] = ()
    # Read with .getlist(): every value counts, in the order given.
    repeated: tuple[str, ...] = ()

    def key_query(self, query: QueryDict) -> str:
        """The kept parameters as one normalised query string ("" when none is present)."""
        pairs: list[tuple[str, str]] = []
        for name in sorted({*self.single, *self.repeated}):
            values = query.getlist(name)
            if name not in self.repeated:
                values = values[-1:]
            pairs.extend((name, value) for value in values)
        return urlencode(pairs)

    def as_stored(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        # Plain tuples in the cache, so a renamed class cannot make old entries unreadable.
        return (tuple(self.single), tuple(self.repeated))


NO_PARAMS = QueryParams()


@dataclass(frozen=True)
class _Declaration:
    params: QueryParams
    store: bool


def vary_on_query(request: HttpRequest, params: QueryParams, *, store: bool = True) -> None:
    """Tell the page cache which query parameters this response depends on.

    ``store=False`` when the values are not ones the site links to (free text, an unknown
    filter, a number written oddly): the response is served but not kept.

    A page whose parts each read their own parameters (a career's region, its self-check) calls
    this once per part: the declarations add up, and the response is kept only if all allow it.
    """
    earlier: _Declaration | None = getattr(request, REQUEST_ATTRIBUTE, None)
    if earlier is not None:
        params = QueryParams(
            single=tuple(dict.fromkeys((*earlier.params.single, *params.single))),
            repeated=tuple(dict.fromkeys((*earlier.params.repeated, *params.repeated))),
        )
        store = store and earlier.store
    setattr(request, REQUEST_ATTRIBUTE, _Declaration(params, store))


def form_input_is_canonical(form: forms.Form) -> bool:
    """True when every non-empty value the form was given is valid and written as the form writes it.

    ``page=2`` is, ``page=02`` or ``max_price=0100`` are not: they show the same page, but
    letting each spelling make its own entry would let anyone fill the cache.
    """
    if not form.is_bound:
        return True
    form.is_valid()
    for name in form.fields:
        raw = form.data.get(form.add_prefix(name))
        if raw in (None, ""):
            continue
        if name in form.errors or str(form.cleaned_data.get(name)) != raw:
            return False
    return True


def enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE_ENABLED", False))


def _address(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}{request.path}"


def _page_key(version: int, address: str, key_query: str) -> str:
    if key_query:
        address = f"{address}?{key_query}"
    return f"page-cache:{version}:{hashlib.sha256(address.encode()).hexdigest()}"


def _query_key(version: int, address: str) -> str:
    return f"page-cache:{version}:query:{hashlib.sha256(address.encode()).hexdigest()}"


class PageCacheMiddleware:
    """Serves anonymous GETs of public pages from the shared cache (see the module docstring).

    It sits after AuthenticationMiddleware (it must know who is signed in) and before
    django-csp's middleware (it must see the final Content-Security-Policy header).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        version = content_version.current_version()
        address = _address(request)
        params = self._known_params(request, version, address)
        if params is not None:
            stored = cache.get(_page_key(version, address, params.key_query(request.GET)))
            if stored is not None:
                return self._rebuild(stored)
        response = self.get_response(request)
        if self._response_is_cacheable(request, response):
            declaration = getattr(request, REQUEST_ATTRIBUTE, None) or _Declaration(NO_PARAMS, True)
            if declaration.store and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES:
                self._store(request, response, version, address, declaration.params)
        return response

    @staticmethod
    def _known_params(request: HttpRequest, version: int, address: str) -> QueryParams | None:
        """What the path's page reads, or None when that is not known yet (render it to learn)."""
        if not request.META.get("QUERY_STRING"):
            return NO_PARAMS  # nothing to keep, whatever the page reads
        stored = cache.get(_query_key(version, address))
        if stored is None:
            return None
        single, repeated = stored
        return QueryParams(single=single, repeated=repeated)

    def _store(
        self, request: HttpRequest, response: HttpResponse, version: int, address: str, params: QueryParams
    ) -> None:
        headers = [(k, v) for k, v in response.items() if k.lower() != HIT_HEADER.lower()]
        cache.set_many(
            {
                _page_key(version, address, params.key_query(request.GET)): (
                    response.status_code,
                    headers,
                    response.content,
                ),
                _query_key(version, address): params.as_stored(),
            },
            settings.PAGE_CACHE_SECONDS,
        )
        response[HIT_HEADER] = "miss"
        self._add_cdn_headers(response)

    @staticmethod
    def _request_is_cacheable(request: HttpRequest) -> bool:
        # Wagtail's previews run a dummy request for the page's URL through the middleware.
        if not enabled() or request.method != "GET" or getattr(request, "is_dummy", False):
            return False
        if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDE_PREFIXES)):
            return False
        # A pending flash message must reach its own visitor, not the cache.
        if "messages" in request.COOKIES:
            return False
        user = getattr(request, "user", None)
        return user is not None and not user.is_authenticated

    @staticmethod
    def _response_is_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # the page holds this visitor's CSRF token
        if "'nonce-" in response.get("Content-Security-Policy", ""):
            return False  # a nonce is only worth anything if it is never reused
        cache_control = response.get("Cache-Control", "").lower()
        return not any(word in cache_control for word in ("private", "no-store", "no-cache"))

    @staticmethod
    def _add_cdn_headers(response: HttpResponse) -> None:
        # With a CDN configured (and purged by Wagtail's front-end cache app) it may keep pages too.
        cdn_seconds = getattr(settings, "FRONTEND_CACHE_SECONDS", 0)
        if cdn_seconds and "Cache-Control" not in response:
            response["Cache-Control"] = f"public, max-age=0, s-maxage={cdn_seconds}"

    def _rebuild(self, stored: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        self._add_cdn_headers(response)
        return response
