"""Cross-site request forgery protection for anonymous forms on cached pages, without a cookie.

Django's CSRF protection needs a token in the form and a matching cookie. A form on a page the
page cache serves to everyone cannot hold a visitor's token (portal/page_cache.py refuses to store
such a page), and "Was this helpful?" must set no cookie at all. What remains is the check browsers
make possible themselves: every current browser sends ``Origin`` with a form POST (``Sec-Fetch-Site``
too), and a page on another site cannot forge either. A POST is accepted only when its origin is
this site's own (or one of CSRF_TRUSTED_ORIGINS, as Django's own check allows); without an
``Origin``, the ``Referer``'s origin must be. The views that use this hold no one's authority (no
session, no cookie), so a forged POST could only be a forged anonymous vote, which the rate limit
and the daily once-per-browser rule bound anyway.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def is_same_origin(request: HttpRequest) -> bool:
    """True when the browser says the request comes from a page of this site."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        origin = _origin_of(request.META.get("HTTP_REFERER", ""))
    if not origin or origin == "null":
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS
