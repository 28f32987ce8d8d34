"""The enquiry form at /courses/enquire/?course=<slug>, and the thank-you page after it.

``CourseIndexPage``'s ``enquire`` routes call these. The form is a page of its own rather than a
part of each course page because it carries the visitor's CSRF token: a course page that held
one could never be served from the page cache. Neither page is ever cached (both are marked
``no-store``, and the form's token alone keeps the page cache off it): the thank-you names the
student and their address.

A send goes: honeypot, then the form's checks, then the per-address rate limit, then one INSERT
and the email queued after commit, then a 303 to the thank-you (POST/redirect/GET). Anything
refused re-renders the form with what was typed and a message; nothing is stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers

from courses.course_outlook import upcoming_start_dates
from courses.enquiries import notify
from courses.enquiries.came_from import CameFrom, read_came_from
from courses.enquiries.forms import CONSENT_VERSION, EnquiryForm, consent_words
from courses.enquiries.models import Enquiry
from courses.page_context import RoutePage
from portal.models import SiteSettings
from portal.page_cache import QueryParams, vary_on_query
from portal.rate_limit import RateLimit

if TYPE_CHECKING:
    from courses.models import CourseIndexPage, CoursePage

logger = logging.getLogger(__name__)

Render = Callable[[HttpRequest, RoutePage], HttpResponse]

SENT_COOKIE = "enquiry_sent"
SENT_SALT = "courses.enquiries.sent"
# Long enough to reload the thank-you; the cookie only ever goes to the thank-you's address.
SENT_MAX_AGE = 30 * 60
_MAX_SLUG = 255
# What the form reads from the query string. Declared so, and marked never to be stored, on top of
# no-store and the CSRF token: the page cache must never keep either page.
ENQUIRY_QUERY = QueryParams(single=("course", "from"))


def working_days_text(days: int) -> str:
    return f"{days} working day{'s' if days != 1 else ''}"


def enquiry_rate_limit() -> RateLimit:
    return RateLimit("enquiry", settings.ENQUIRY_RATE_LIMIT, settings.ENQUIRY_RATE_LIMIT_WINDOW_SECONDS)


def find_course(index: CourseIndexPage, raw_slug: str | None) -> CoursePage | None:
    """The public course under ``index`` with this slug, with its start dates; None for anything else."""
    if not raw_slug or len(raw_slug) > _MAX_SLUG or not raw_slug.isprintable():
        return None
    return index.courses().filter(slug=raw_slug).prefetch_related("start_dates").first()


def _render(render: Render, request: HttpRequest, shown: RoutePage, status: int = 200) -> HttpResponse:
    vary_on_query(request, ENQUIRY_QUERY, store=False)
    response = render(request, shown)
    response.status_code = status
    add_never_cache_headers(response)
    return response


class EnquiryFormPage:
    """One request to the form: the course, where the student came from, and the site's settings."""

    def __init__(self, index: CourseIndexPage, request: HttpRequest, render: Render) -> None:
        self.index, self.request, self.render = index, request, render
        self.settings = SiteSettings.for_request(request)
        data = request.POST if request.method == "POST" else request.GET
        self.course = find_course(index, data.get("course"))
        self.came_from: CameFrom | None = read_came_from(
            data.get("came_from" if request.method == "POST" else "from"), request, index.compare_url(request)
        )

    def response(self) -> HttpResponse:
        course = self.course
        if course is None:
            return self._no_course()
        if self.request.method != "POST":
            return self._form_page(course, self._form(course))
        form = self._form(course, self.request.POST)
        if form.caught_in_trap:
            problem = (
                "Your enquiry was not sent: a field that should stay empty was filled in, perhaps by "
                "your browser's autofill. Check your details and send it again."
            )
            return self._form_page(course, form, problem=problem, status=400, validate=False)
        if not form.is_valid():
            return self._form_page(course, form, status=400)
        limit = enquiry_rate_limit()
        if not limit.allow(self.request):
            problem = (
                "You have sent several enquiries in a short time, so this one was not sent. "
                f"Please wait {limit.wait_text} and send it again: what you typed is still here."
            )
            return self._form_page(course, form, problem=problem, status=429)
        try:
            enquiry = self._store(course, form)
        except DatabaseError:
            logger.exception("An enquiry about course %s could not be stored", course.pk)
            problem = "We could not save your enquiry just now. Please try again in a few minutes."
            return self._form_page(course, form, problem=problem, status=503)
        return self._sent_redirect(enquiry)

    def _form(self, course: CoursePage, data: Any = None) -> EnquiryForm:
        return EnquiryForm(
            data,
            start_dates=upcoming_start_dates(course),
            organisation=self.settings.organisation_name,
            retention_days=self.settings.enquiry_retention_days,
        )

    def _privacy_url(self) -> str:
        page = self.settings.privacy_page
        return (page.get_url(self.request) or "") if page is not None and page.live else ""

    def _store(self, course: CoursePage, form: EnquiryForm) -> Enquiry:
        data = form.cleaned_data
        came_from = self.came_from
        consent_text = consent_words(
            self.settings.organisation_name, self.settings.enquiry_retention_days, self._privacy_url()
        )
        with transaction.atomic():
            enquiry = Enquiry.objects.create(
                course=course,
                course_title=course.title,
                name=data["name"],
                email=data["email"],
                question=data["question"],
                start_date=data["start_date"],
                consent=True,
                consent_text=consent_text[:500],
                consent_version=CONSENT_VERSION,
                came_from_page=came_from.page if came_from else None,
                came_from_kind=came_from.kind if came_from else "",
                came_from_path=came_from.path if came_from else "",
            )
            notify.queue_email(enquiry)
        return enquiry

    def _sent_redirect(self, enquiry: Enquiry) -> HttpResponse:
        sent_url = self.index.enquiry_sent_url(self.request)
        response = HttpResponseRedirect(sent_url, status=303)
        response.set_signed_cookie(
            SENT_COOKIE,
            str(enquiry.pk),
            salt=SENT_SALT,
            max_age=SENT_MAX_AGE,
            path=sent_url,
            secure=self.request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
        return response

    def _form_page(
        self,
        course: CoursePage,
        form: EnquiryForm,
        *,
        problem: str = "",
        status: int = 200,
        validate: bool = True,
    ) -> HttpResponse:
        errors = []
        if validate and form.is_bound:
            errors = [
                (form[name].auto_id, message)
                for name in form.fields
                if name in form.errors
                for message in form.errors[name]
            ]
        context = {
            "course": course,
            "course_url": course.get_url(self.request),
            "form": form,
            "field_errors": errors,
            "problem": problem,
            "came_from": self.came_from,
            "privacy_url": self._privacy_url(),
            "reply_time": working_days_text(self.settings.enquiry_reply_working_days),
            "enquire_url": self.index.enquire_url(self.request),
            "seo_title": f"Ask about {course.title}",
        }
        return _render(self.render, self.request, RoutePage("courses/enquiry_form.html", context), status)

    def _no_course(self) -> HttpResponse:
        context = {
            "courses_url": self.index.get_url(self.request) or "/courses/",
            "seo_title": "Course not found",
        }
        return _render(self.render, self.request, RoutePage("courses/enquiry_no_course.html", context), 404)


def enquiry_form_response(index: CourseIndexPage, request: HttpRequest, render: Render) -> HttpResponse:
    return EnquiryFormPage(index, request, render).response()


def enquiry_sent_response(index: CourseIndexPage, request: HttpRequest, render: Render) -> HttpResponse:
    """What happens next, for the student whose enquiry this browser just sent (else in general)."""
    site_settings = SiteSettings.for_request(request)
    raw = request.get_signed_cookie(SENT_COOKIE, default=None, salt=SENT_SALT, max_age=SENT_MAX_AGE)
    enquiry = None
    if raw and raw.isdigit() and len(raw) < 19:
        enquiry = Enquiry.objects.filter(pk=int(raw)).select_related("course").first()
    context = {
        "enquiry": enquiry,
        "course_url": enquiry.course.get_url(request) if enquiry and enquiry.course else "",
        "reply_time": working_days_text(site_settings.enquiry_reply_working_days),
        "courses_url": index.get_url(request) or "/courses/",
        "seo_title": "Enquiry sent",
    }
    return _render(render, request, RoutePage("courses/enquiry_sent.html", context))
