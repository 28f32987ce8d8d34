"""The Content-Security-Policy: django-csp's, with a policy of its own for Wagtail's admin.

The public site gets a strict policy (CONTENT_SECURITY_POLICY: scripts and styles from our own
origin only, nonces where a template needs an inline script). Wagtail's admin renders inline
scripts and styles, so paths under the admin get their own, looser policy (PORTAL_ADMIN_CSP): it
still may only be framed by this origin, which is what Wagtail's live preview needs.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase


def _admin_prefixes() -> tuple[str, ...]:
    return tuple(getattr(settings, "PORTAL_ADMIN_URL_PREFIXES", ("/admin/",)))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin policy (PORTAL_ADMIN_CSP) for admin paths."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_request(request):
            parts.config = dict(settings.PORTAL_ADMIN_CSP)
        return parts


def is_admin_request(request: HttpRequest) -> bool:
    """An admin URL, or Wagtail's preview: a dummy request for the page's own URL, framed by the admin."""
    return getattr(request, "is_dummy", False) or request.path_info.startswith(_admin_prefixes())
