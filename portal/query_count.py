"""Benchmark-only: an X-Query-Count response header with the number of SQL queries a request made.

Only installed when PORTAL_QUERY_COUNT_HEADER=1 (see portal.settings.production), which the
benchmark scripts set for the server they start. It counts every statement sent on the default
database connection while the request is handled, including those of other middleware (sessions,
the page cache's fallbacks), so it is what the database really sees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse


class QueryCountHeaderMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = 0

        def counter(execute: Callable, sql: str, params: Any, many: bool, context: dict) -> Any:
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response
