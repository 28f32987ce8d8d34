"""X-Forwarded-Proto counts only when the TLS-terminating proxy sent it.

Django's SECURE_PROXY_SSL_HEADER believes the header from anyone. gunicorn checks the peer against
FORWARDED_ALLOW_IPS, but only to decide wsgi.url_scheme: it still hands the header to Django. So a
client that reaches an app server directly could claim HTTPS, skip the redirect to it and be given
https:// links. This middleware removes the header unless the peer (REMOTE_ADDR, which gunicorn
takes from the socket) is one of TRUSTED_PROXY_IPS, read from the same FORWARDED_ALLOW_IPS
variable as gunicorn.conf.py: addresses or networks, or "*" for any peer.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _trusted(entries: tuple[str, ...]) -> tuple[bool, tuple[Network, ...]]:
    if "*" in entries:
        return True, ()
    return False, tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def is_trusted_proxy(remote_addr: str) -> bool:
    anyone, networks = _trusted(tuple(settings.TRUSTED_PROXY_IPS))
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        # A Unix socket's peer has no IP address; gunicorn trusts it too (only the proxy can reach it).
        return True
    return anyone or any(address in network for network in networks)


class TrustedProxyHeaderMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            request.META.pop("HTTP_X_FORWARDED_PROTO", None)
        return self.get_response(request)
