"""The "Was this helpful?" answer a career article's form posts (careers/helpful.py says how it is kept).

The form sits on the career page, which the page cache serves to everyone, so it carries no CSRF
token; this view is exempt from Django's token check and instead accepts only POSTs that the
browser says come from this site (portal/same_origin.py). Every outcome is a plain page that says
what happened, never a redirect with a flash message (that would need a cookie).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from careers.helpful import VOTE_LIMIT, HelpfulForm, first_answer_today, record_answer
from careers.models import CareerPage
from careers.models.feedback import COMMENT_MAX_LENGTH
from portal.same_origin import is_same_origin
from portal.visibility import public_pages

TEMPLATE = "careers/helpful_answer.html"
MAX_PAGE_ID = 2**31 - 1
TITLES = {
    "thanks": "Thank you",
    "already": "You have already answered today",
    "too_many": "Too many answers from your network",
    "robot": "Your answer was not sent",
    "cross_site": "Your answer was not sent",
    "invalid": "Please check your answer",
}


def _public_career(career_id: int) -> CareerPage:
    # Page ids are 32-bit integers: a longer number in the address names no page (and SQLite
    # would refuse to compare with it).
    if career_id > MAX_PAGE_ID:
        raise Http404("No such career")
    career = public_pages(CareerPage.objects.filter(pk=career_id)).first()
    if career is None:
        raise Http404("No such career")
    return career


def _answer_page(
    request: HttpRequest, career: CareerPage, outcome: str, status: int = 200, form: HelpfulForm | None = None
) -> HttpResponse:
    context = {
        "career": career,
        "outcome": outcome,
        "title": TITLES[outcome],
        "form": form,
        "wait": VOTE_LIMIT.wait_text,
        "comment_max_length": COMMENT_MAX_LENGTH,
    }
    return render(request, TEMPLATE, context, status=status)


@csrf_exempt  # cookieless: same-origin check instead (module docstring)
@never_cache
@require_http_methods(["GET", "POST"])
def helpful_answer(request: HttpRequest, career_id: int) -> HttpResponse:
    career = _public_career(career_id)
    if request.method == "GET":
        # Someone reloading the thank-you page, or following an old link: back to the article.
        return HttpResponseRedirect(career.url or "/")
    if not is_same_origin(request):
        return _answer_page(request, career, "cross_site", status=403)
    if not VOTE_LIMIT.allow(request):
        return _answer_page(request, career, "too_many", status=429)
    form = HelpfulForm(request.POST)
    if form.caught_robot:
        return _answer_page(request, career, "robot", status=400)
    if not form.is_valid():
        return _answer_page(request, career, "invalid", status=400, form=form)
    day = timezone.localdate()
    if not first_answer_today(request, career, day):
        return _answer_page(request, career, "already")
    record_answer(career, day, form.helpful, form.cleaned_data["comment"])
    return _answer_page(request, career, "thanks", form=form)
