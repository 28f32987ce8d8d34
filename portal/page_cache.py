"""A cache of whole rendered public pages for anonymous visitors, emptied whenever content changes.

Every entry carries the content version (portal/content_version.py) it was rendered under, which
any published change bumps, and is served only while that is still the version: every request
checks the version, so every app server sharing the cache stops serving the old copies on the next
request. With Redis that check is no round trip while nothing changes: each process watches the key
and Redis tells it of a change (portal/content_version_watch.py; a plain GET of the version when
the watch is unavailable). Each process also keeps the pages it served lately in memory under that
version (portal/page_cache_local.py: immutable tuples, at most PAGE_CACHE_LOCAL_MAX_BYTES of pages,
16 MiB, and PAGE_CACHE_LOCAL_MAX_ENTRIES per gunicorn worker), so a hit usually reads nothing else;
a moved version matches none of them. A stale entry is replaced by the next render or expires. With
a per-process local-memory cache the version is per process too, which is why the cache is only
switched on by default when REDIS_URL is set (PAGE_CACHE_ENABLED).

Two middleware. :class:`PageCacheMiddleware`, right before gzip, serves hits to visitors without a
session cookie (anonymous, whatever the rest would find) without the session, CSRF,
authentication and messages middleware, and stores pages with the headers those and X-Frame-Options
add, so a hit sends the very headers of the render. It keeps a page as sent: compressed for a
browser that accepts gzip, so a hit is never compressed again (that had cost a hit four times its
other work), and each page in at most two encodings, gzip and none.
:class:`PageCacheSessionMiddleware`, after authentication, keeps signed-in users out (nothing of
theirs is served or stored) and serves hits to anonymous visitors with a session cookie. The
audience counter sits outside both.

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
the pages) with the page, so a later request for the path builds its key from it. A hit is the
version read and, when the process does not have the page in memory, one more cache read (a query
string the site links to included: the page's key is guessed from it and read with the query
entry; a guess gone wrong, as with ``utm_*``, costs a third read); it touches no database. A path
with no query entry is rendered; a view that declares nothing is keyed on its path alone. Kept
parameters are sorted by name, and a parameter read with ``.get()`` is keyed on its last value (the
one the view sees), so reordering or repeating them makes no new entry.

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
import re
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict

from portal import content_version, page_cache_local

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
        pairs: list[str] = []
        for name in sorted({*self.single, *self.repeated}):
            values = query.getlist(name)
            if name not in self.repeated:
                values = values[-1:]
            pairs.extend(f"{name}={_escaped(value)}" for value in values)
        return "&".join(pairs)

    def as_stored(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        # Plain tuples in the cache, so a renamed class cannot make old entries unreadable.
        return (tuple(self.single), tuple(self.repeated))


NO_PARAMS = QueryParams()


def _escaped(value: str) -> str:
    """The value with what would make two queries' keys alike escaped, and nothing else: the key is
    only hashed, and urlencode's quoting of every comma in 16 compared slugs was a tenth of a hit.
    ``+`` too, which a query string reads as a space: a key query then parses back to the very
    values it was made from, which is what lets _lookup try the query string as given."""
    return value.replace("%", "%25").replace("&", "%26").replace("=", "%3D").replace("+", "%2B")


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


# Entries: the page as (version, status, headers, content) and the query entry as
# (version, single, repeated). Plain tuples, so a renamed class cannot make old entries unreadable.
Entry = tuple


# As GZipMiddleware decides whether a browser gets a compressed page.
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _address(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}{request.path}"


def _encoding(request: HttpRequest) -> str:
    """The encoding the page is sent in, part of its key: a page is kept as sent."""
    return "gzip" if _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""


def _page_key(address: str, key_query: str, encoding: str) -> str:
    if key_query:
        address = f"{address}?{key_query}"
    if encoding:
        address = f"{address} {encoding}"  # a space: no URL holds one
    return f"page-cache:page:{hashlib.sha256(address.encode()).hexdigest()}"


def _query_key(address: str) -> str:
    return f"page-cache:query:{hashlib.sha256(address.encode()).hexdigest()}"


def _current(stored: Entry | None, version: int) -> Entry | None:
    """The entry without its version, if it was kept under this version (anything else is stale)."""
    if isinstance(stored, tuple) and stored and stored[0] == version:
        return stored[1:]
    return None


def _request_is_cacheable(request: HttpRequest) -> bool:
    # Wagtail's previews run a dummy request for the page's URL through the middleware.
    if not enabled() or request.method != "GET" or getattr(request, "is_dummy", False):
        return False
    if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDE_PREFIXES)):
        return False
    # A pending flash message must reach its own visitor, not the cache.
    return "messages" not in request.COOKIES


def _surely_anonymous(request: HttpRequest) -> bool:
    """No session cookie: AuthenticationMiddleware could only find an anonymous user. (With
    DISALLOWED_USER_AGENTS set, CommonMiddleware must see every request: none is served early.)"""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and not settings.DISALLOWED_USER_AGENTS


def _response_is_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds this visitor's CSRF token
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False  # a nonce is only worth anything if it is never reused
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def _add_cdn_headers(response: HttpResponse) -> None:
    # With a CDN configured (and purged by Wagtail's front-end cache app) it may keep pages too.
    cdn_seconds = getattr(settings, "FRONTEND_CACHE_SECONDS", 0)
    if cdn_seconds and "Cache-Control" not in response:
        response["Cache-Control"] = f"public, max-age=0, s-maxage={cdn_seconds}"


def _response(entry: Entry) -> HttpResponse:
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[HIT_HEADER] = "hit"
    _add_cdn_headers(response)
    return response


def _page(version: int, key: str, read: dict | None) -> HttpResponse | None:
    """The page kept under ``key`` and this version: from this process's memory, else from the
    shared cache (``read`` holds what was read already), which then fills the memory."""
    entry = page_cache_local.get(version, key)
    if entry is None:
        entry = _current(read.get(key) if read is not None else cache.get(key), version)
        if entry is None:
            return None
        status, headers, content = entry
        entry = (status, tuple((str(name), str(value)) for name, value in headers), bytes(content))
        page_cache_local.put(version, key, entry, len(content))
    return _response(entry)


def _lookup(request: HttpRequest) -> HttpResponse | None:
    """The stored page for this request, or None. The content version is checked on every request
    (content_version.for_request: the request's from then on, so a page rendered after a miss is
    stored under the version read before it was rendered; with Redis no round trip while it stands,
    portal/content_version_watch.py); what is kept under it is then looked up in this process's
    memory first (portal/page_cache_local.py), so a hit usually reads nothing from Redis; a query
    string as the site writes it is found there as given, unparsed. On a local miss: the page or,
    with a query string, the query entry and a guess at the page's key, in one read (a second when
    the guess is wrong)."""
    address = _address(request)
    encoding = _encoding(request)
    version = content_version.for_request(request)
    if not request.META.get("QUERY_STRING"):
        # Nothing to keep, whatever the page reads.
        return _page(version, _page_key(address, "", encoding), None)
    # The query string as given is usually the page's key query itself (each parameter the page
    # reads given once, sorted, as the site writes its links), and the page then sits in memory
    # under it: served without parsing the query string, the most of a hit's own work. Sound
    # because a key query parses back to the very values it was made from (_escaped).
    as_given = _page_key(address, request.META["QUERY_STRING"], encoding)
    if (entry := page_cache_local.get(version, as_given)) is not None:
        return _response(entry)
    query_key = _query_key(address)
    read: dict | None = None
    guess = ""
    declared = page_cache_local.get(version, query_key)
    if declared is None:
        # A guess read with the query entry: the key if the page reads every parameter given, each
        # given once (true of every address the site links to), so a hit needs one read, not two.
        guess = _page_key(address, QueryParams(single=tuple(request.GET)).key_query(request.GET), encoding)
        read = cache.get_many([query_key, guess])
        declared = _current(read.get(query_key), version)
        if declared is None:
            return None  # what the page reads is not known yet: render it to learn
        declared = (tuple(declared[0]), tuple(declared[1]))
        page_cache_local.put(version, query_key, declared)
    single, repeated = declared
    key = _page_key(address, QueryParams(single=single, repeated=repeated).key_query(request.GET), encoding)
    return _page(version, key, read if key == guess else None)


def _store(request: HttpRequest, response: HttpResponse) -> None:
    declaration = getattr(request, REQUEST_ATTRIBUTE, None) or _Declaration(NO_PARAMS, True)
    if not declaration.store or len(response.content) > settings.PAGE_CACHE_MAX_BYTES:
        return
    version = content_version.for_request(request)
    address = _address(request)
    params = declaration.params
    headers = tuple((k, v) for k, v in response.items() if k.lower() != HIT_HEADER.lower())
    key = _page_key(address, params.key_query(request.GET), _encoding(request))
    page_cache_local.put(
        version, key, (response.status_code, headers, bytes(response.content)), len(response.content)
    )
    page_cache_local.put(version, _query_key(address), params.as_stored())
    cache.set_many(
        {
            key: (
                version,
                response.status_code,
                headers,
                response.content,
            ),
            _query_key(address): (version, *params.as_stored()),
        },
        settings.PAGE_CACHE_SECONDS,
    )
    response[HIT_HEADER] = "miss"
    _add_cdn_headers(response)


# Set on the request by PageCacheSessionMiddleware: a signed-in user's page is never stored.
_ANONYMOUS = "_page_cache_anonymous"
# Set on the request by PageCacheMiddleware when it looked the page up and missed.
_LOOKED_UP = "_page_cache_looked_up"


class PageCacheMiddleware:
    """Serves stored pages to visitors without a session cookie, and stores pages (module docstring).

    It sits right before GZipMiddleware (a page is kept as sent, compressed or not, so a hit is
    never compressed again) and before the session, CSRF, authentication and messages middleware:
    a visitor without a session cookie is anonymous, and a hit needs none of them. A page is stored
    with the headers they and XFrameOptionsMiddleware added on its way out, so a hit sends the very
    headers of the render.
    AudienceCountingMiddleware sits outside it, so hits are counted. Visitors with a session cookie
    are left to PageCacheSessionMiddleware, which knows whether they are signed in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _request_is_cacheable(request):
            return self.get_response(request)
        if _surely_anonymous(request):
            hit = _lookup(request)
            if hit is not None:
                request.user = AnonymousUser()  # what AuthenticationMiddleware would find; for counting
                return hit
            setattr(request, _LOOKED_UP, True)
        response = self.get_response(request)
        if (
            getattr(request, _ANONYMOUS, False)
            and HIT_HEADER not in response
            and _response_is_cacheable(request, response)
        ):
            _store(request, response)
        return response


class PageCacheSessionMiddleware:
    """The page cache's half after AuthenticationMiddleware: it bars signed-in users from the cache
    (their pages carry the Wagtail userbar) and serves stored pages to the anonymous visitors
    PageCacheMiddleware could not tell apart, those with a session cookie.

    It sits before django-csp's middleware, so a stored page holds the final Content-Security-Policy.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _request_is_cacheable(request):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or user.is_authenticated:
            return self.get_response(request)
        setattr(request, _ANONYMOUS, True)
        if not getattr(request, _LOOKED_UP, False):
            hit = _lookup(request)
            if hit is not None:
                return hit
        return self.get_response(request)
