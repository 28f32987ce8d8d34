"""Counting views of career pages, course pages and comparisons, for the dashboard's Audience view.

What is counted, per day and nothing else: views of each career page and each course page, and
comparisons started (a view of the compare route with two or more courses, not one reached from
the same comparison, as when a visitor ticks "only differences") with each pair of courses they
put side by side. Only anonymous GETs answered 200: not signed-in staff, previews, HEAD, link
prefetches or user agents that say they are robots. No address, user agent, cookie or visitor id
is stored or set; the privacy notice says so.

How a page says what it is. The page's own code calls ``portal.audience_signal.mark``, which
puts a short header on the response ("career:42"). The page cache keeps a page's headers with it,
so a cache hit carries the same header without running any page code.
:class:`AudienceCountingMiddleware`, which sits outside the page cache, reads it on hits and
renders alike, counts, and removes it before the response leaves. This is the cheapest thing on a
hit: no URL to resolve, no page to look up, no second cache read; one header lookup, then a
counter incremented in memory.

No database write per view. With Redis (REDIS_URL) each worker adds its views to a counter in
memory and sends them to one Redis hash every couple of seconds (portal/audience_buffer.py, which
also says what that trades), and a fold (portal/audience_fold.py) moves the counts into the
database about once a minute: whichever worker first finds the minute's "fold scheduled" key
missing enqueues the fold task. Without Redis (development) each view is added to the database at
once. If Redis is down, or the breaker (portal/redis_breaker.py) has it switched off, the view
is not counted: never an error, never a slower page than the page cache itself allows.
AUDIENCE_COUNTING_ENABLED=false turns counting off.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from redis.exceptions import RedisError

from portal.audience_buffer import buffer
from portal.audience_fold import PENDING_KEY, add_counts, field_name, redis_cache, tally
from portal.audience_signal import COMPARISON, SIGNAL_HEADER

logger = logging.getLogger(__name__)

# Lower-case pieces of the user agents of crawlers, link previewers, monitors and scripts. A user
# agent is only looked at here, never kept.
ROBOT_MARKERS = (
    "bot",
    "crawl",
    "spider",
    "slurp",
    "facebookexternalhit",
    "preview",
    "monitor",
    "headless",
    "lighthouse",
    "curl/",
    "wget/",
    "python-",
    "httpclient",
    "go-http-client",
    "java/",
)


def is_robot(user_agent: str) -> bool:
    """True for no user agent at all (every browser sends one) or one that names a robot."""
    lowered = user_agent.lower()
    return not lowered or any(marker in lowered for marker in ROBOT_MARKERS)


def is_countable(request: HttpRequest, response: HttpResponse) -> bool:
    """An anonymous visitor's GET of a public page, answered in full, by a browser, for reading."""
    if request.method != "GET" or response.status_code != 200:
        return False
    if getattr(request, "is_dummy", False) or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    meta = request.META
    if "prefetch" in meta.get("HTTP_SEC_PURPOSE", "") or meta.get("HTTP_PURPOSE") == "prefetch":
        return False
    return not is_robot(meta.get("HTTP_USER_AGENT", ""))


def continues_comparison(request: HttpRequest) -> bool:
    """A comparison reached from the compare page itself (a column removed, "only differences")
    is the same comparison, not a new one started."""
    given = request.META.get("HTTP_REFERER")
    if not given:
        return False
    referrer = urlsplit(given)
    return referrer.netloc == request.get_host() and referrer.path == request.path


def record(signal: str) -> None:
    """Count one view of what ``signal`` names (portal/audience_signal.py) on today's date."""
    field = field_name(timezone.localdate(), signal)
    if redis_cache() is None:
        add_counts(*tally({field: 1}))
    else:
        buffer.add(field)


def pending_counts() -> Counter[str]:
    """What is waiting in Redis to be folded, by field (for tests and operators)."""
    backend = redis_cache()
    if backend is None:
        return Counter()
    raw = backend.client.get_client(write=True).hgetall(backend.make_key(PENDING_KEY))
    return Counter({name.decode(): int(value) for name, value in raw.items()})


class AudienceCountingMiddleware:
    """Counts marked responses, page-cache hits included, and removes the mark (module docstring).

    It sits outside portal.page_cache's middleware (it must see hits, which never reach the page's
    code). It reads ``request.user`` once the response is back: AuthenticationMiddleware, further in,
    has set it by then, and a hit served before authentication (no session cookie) sets it to the
    anonymous user that middleware would have found.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        signal = response.get(SIGNAL_HEADER)
        if signal is None:
            return response
        del response[SIGNAL_HEADER]
        if not settings.AUDIENCE_COUNTING_ENABLED or not is_countable(request, response):
            return response
        if signal.startswith(f"{COMPARISON}:") and continues_comparison(request):
            return response
        try:
            record(signal)
        except RedisError:
            pass  # Redis down or switched off by the breaker, which logs that once: not counted
        except Exception:
            # Counting is never worth a failed page: the database may be busy or away.
            logger.warning("A page view was not counted", exc_info=True)
        return response
