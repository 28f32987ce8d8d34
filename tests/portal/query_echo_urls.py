"""A URL configuration for page-cache tests: one view that shows the value of ``q`` it was given,
declared to the cache and kept whatever it is, so a test can see which value a hit belonged to."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from portal import page_cache


def echo(request: HttpRequest) -> HttpResponse:
    page_cache.vary_on_query(request, page_cache.QueryParams(single=("q",)))
    return HttpResponse(f"q is {request.GET.get('q')!r}", content_type="text/plain")


urlpatterns = [path("echo/", echo)]
