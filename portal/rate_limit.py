"""How often one address may send something anonymous (an enquiry, a vote) before it must wait.

Counts live in the shared cache, one per address, scope and time window, under a key that holds
a keyed hash of the address rather than the address itself: nothing here can be read back into
who sent what. If the cache is down the limit is not enforced (it fails open, as the cache does):
refusing every student because Redis restarted would be worse than a burst of spam.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from portal.sign_in_lockout import client_address

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` sends per ``window_seconds`` from one address, counted under ``scope``."""

    scope: str
    limit: int
    window_seconds: int

    @property
    def wait_text(self) -> str:
        minutes = max(1, round(self.window_seconds / 60))
        return f"{minutes} minute{'s' if minutes != 1 else ''}"

    def _key(self, request: HttpRequest, now: float) -> str:
        address = client_address(request) or "unknown"
        digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]
        window = int(now // self.window_seconds)
        return f"rate:{self.scope}:{digest}:{window}"

    def allow(self, request: HttpRequest) -> bool:
        """Count one send from the request's address; False once it is over the limit."""
        key = self._key(request, time.time())
        try:
            # add() is atomic and a no-op when the key exists; incr() then counts this send.
            cache.add(key, 0, self.window_seconds)
            count = cache.incr(key)
        except Exception:  # the cache backend's own error types differ; any failure fails open
            logger.warning("Rate limit %s not enforced: the cache is unavailable", self.scope, exc_info=True)
            return True
        return count <= self.limit
