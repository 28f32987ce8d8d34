"""What the course pages and the comparison routes show, built from the page and the request.

The page models' thin methods (``get_context`` and ``CourseIndexPage``'s compare
routes) call these and render what they return. Everything here reads the course
model from the page or queryset it is given, so ``courses.models`` imports this
module and nothing here imports it back.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponseRedirect
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from careers.models import CareerPage
from courses.compare_state import (
    COLUMN_ACTIONS,
    CompareState,
    after_column_change,
    asks_for_column_change,
    column_headings,
)
from courses.comparison import build_comparison
from courses.comparison_summary import attribute_choices, attribute_view, summary
from courses.course_filters import CourseFilterForm
from courses.course_outlook import (
    career_links_prefetch,
    career_outlooks,
    course_prefetches,
    published_snippet_prefetches,
    upcoming_start_dates,
)
from courses.course_selection import (
    MAX_COURSES,
    MAX_PINNED,
    MIN_COURSES,
    CourseSelection,
    load_career,
    parse_course_slugs,
    parse_flag,
    parse_pinned,
    select_courses,
    shorten,
)
from courses.course_text import write_csv
from courses.enquiries import came_from
from portal.kept_cards import CardLoader, CardRef
from portal.list_paging import MAX_PAGE, page_of_refs
from portal.page_cache import QueryParams, form_input_is_canonical, vary_on_query

if TYPE_CHECKING:
    from courses.models import CourseIndexPage, CoursePage

# What each page and route reads from the query string; the page cache keys its responses on these only.
COURSE_LIST_QUERY = QueryParams(single=(*CourseFilterForm.base_fields, "page"), repeated=("selected",))
# Cards a page of the course list shows: the page costs the same for 16 courses or 200.
COURSES_PER_PAGE = 24


def page_number(raw: str | None, pages: int) -> int | None:
    """The page asked for, or None when ?page= is not a page of this list (page 1 is shown)."""
    if raw is None:
        return 1
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        return None
    number = int(raw)
    return number if 1 <= number <= pages else None


COMPARE_QUERY = QueryParams(
    single=("career", "only_differences", "attribute"), repeated=("courses", "pinned", *COLUMN_ACTIONS)
)
CSV_QUERY = QueryParams(single=("career", "only_differences"), repeated=("courses",))
COURSE_PAGE_QUERY = QueryParams(single=(came_from.PARAMETER,))


def course_list_context(index: CourseIndexPage, request: HttpRequest) -> dict:
    """The filtered, sorted course list at /courses/ with its filter form and comparison picks."""
    courses = index.courses()
    # Bound only when a filter was sent: a tracking parameter alone is not a filtered list.
    filtered = any(name in request.GET for name in CourseFilterForm.base_fields)
    form = CourseFilterForm(request.GET if filtered else None, courses=courses, kept_as=index.pk)
    raw_page = request.GET.get("page")
    # The page's cards by id, slug and title only (the count with them): kept cards need no more.
    shown, found = page_of_refs(
        form.filter(courses), ("slug", "title"), COURSES_PER_PAGE, page_number(raw_page, MAX_PAGE)
    )
    number = shown.number if found else None
    paginator = shown.paginator
    listed = shown.object_list
    today = timezone.localdate()

    def load_cards(missing: list[CardRef]) -> list[CoursePage | None]:
        # The cards not kept yet: their courses and what the cards show beyond them.
        # The cards never show the syllabus, the costliest field to load.
        loaded = courses.model.objects.filter(pk__in=[ref.pk for ref in missing]).select_related("provider")
        by_pk = {course.pk: course for course in loaded.defer("syllabus")}
        prefetch_related_objects(
            list(by_pk.values()),
            published_snippet_prefetches(courses.model)[0],
            "start_dates",
            career_links_prefetch(courses.model),
        )
        for ref in missing:
            course = by_pk.get(ref.pk)
            if course is not None:
                course.compare_checked = ref.compare_checked
                upcoming = upcoming_start_dates(course, today)
                course.next_start = upcoming[0] if upcoming else None
        return [by_pk.get(ref.pk) for ref in missing]

    # ?selected= comes from a course page's "Add to comparison" button when JavaScript is off.
    raw_selected = request.GET.getlist("selected")
    selected, _invalid, _duplicates = parse_course_slugs(raw_selected)
    for course in listed:
        course.compare_checked = course.slug in selected
    # Stored only for picks the list links to: each a listed course, once, one per parameter.
    picks_as_linked = raw_selected == selected and {course.slug for course in listed}.issuperset(selected)
    # Only the spelling the links use is stored: ?page=1 and unknown pages render page 1 unstored.
    page_as_linked = raw_page is None or (number is not None and number > 1 and raw_page == str(number))
    vary_on_query(
        request,
        COURSE_LIST_QUERY,
        store=form_input_is_canonical(form) and picks_as_linked and page_as_linked,
    )
    kept = [(name, value) for name, value in request.GET.items() if name in form.fields and value]
    return {
        "course_page": shown,
        "page_links": list(paginator.get_elided_page_range(shown.number, on_each_side=2)),
        "page_not_found": raw_page is not None and number is None,
        "paging_query": urlencode(kept),
        "course_total": paginator.count,
        "filter_form": form,
        # The head (title, canonical address, the list's JSON-LD) reads neither filters nor page.
        "head_cache_key": f"{index.pk}:{request.scheme}:{request.path}",
        # A filtered list's form shows the reader's own values: rendered each time ("").
        "unbound_form_key": "" if form.is_bound else index.pk,
        "filters_applied": form.applied,
        "courses": listed,
        "load_cards": CardLoader(load_cards),
        "today": today,
        "selected_slugs": set(selected),
        "compare_url": index.compare_url(request),
        "max_courses": MAX_COURSES,
    }


def course_page_context(
    course: CoursePage, request: HttpRequest, compare_path: str, enquire_path: str
) -> dict:
    """One course page: its careers with salary bands and skill coverage, where to compare it, and
    its enquiry form's address, carrying on the page that led here (``?from=``).

    ``compare_path`` and ``enquire_path`` are routes below the course index, from the index page's
    class: the parent is a plain Page here, and asking for ``.specific`` would cost a query.
    """
    url = course.get_url(request) or ""
    # A child's URL is its parent's plus its slug: the course list's address, without a query.
    index_url = url[: -len(course.slug) - 1] if url.endswith(f"/{course.slug}/") else "/courses/"
    raw_from = request.GET.get(came_from.PARAMETER)
    source = came_from.read_came_from(raw_from, request, index_url + compare_path)
    # Stored only for a page of ours written as the site links to it; an odd value is rendered, not kept.
    vary_on_query(request, COURSE_PAGE_QUERY, store=raw_from is None or source is not None)
    enquire_query = {"course": course.slug}
    if source is not None:
        enquire_query[came_from.PARAMETER] = source.token
    loaded: list[bool] = []

    def load() -> str:
        # What the course's kept parts show, fetched only when they are rendered (not kept yet).
        if not loaded:
            prefetch_related_objects([course], "provider", *course_prefetches(type(course)))
            loaded.append(True)
        return ""

    today = timezone.localdate()
    # The kept parts show the page, its careers and its start dates from today on.
    kept = "" if getattr(request, "is_preview", False) or not course.pk else f"{course.cache_key}:{today}"
    return {
        "load_course": load,
        "course_cache_key": kept,
        "head_cache_key": kept,
        "enquire_url": f"{index_url}{enquire_path}?{urlencode(enquire_query)}",
        "came_from": source,
        "careers": SimpleLazyObject(lambda: load() or career_outlooks(course, request)),
        "upcoming_start_dates": SimpleLazyObject(lambda: load() or upcoming_start_dates(course, today)),
        "course_index_url": index_url,
        "compare_url": index_url + compare_path,
        "max_courses": MAX_COURSES,
    }


@dataclass(frozen=True)
class RoutePage:
    """What one of the course index's routes renders: a template and its context beyond the page's."""

    template: str
    context: dict[str, Any]


def _selection_and_career(
    index: CourseIndexPage, request: HttpRequest
) -> tuple[CourseSelection, CareerPage | None, list[str]]:
    raw_courses = request.GET.getlist("courses")
    # Profiles hold page URLs, which are relative only on their own site: kept per site.
    site = Site.find_for_request(request)
    kept_as = f"course-compare:{index.pk}:{site.pk if site else ''}"
    selection = select_courses(raw_courses, index.courses, kept_as=kept_as, request=request)
    notices = selection.notices
    raw_career = request.GET.get("career", "").strip()
    career = load_career(raw_career) if raw_career else None
    if raw_career and career is None:
        notices.append(
            f"We could not find a career called “{shorten(raw_career)}”, so skill coverage is not shown."
        )
    return selection, career, notices


def _as_linked(request: HttpRequest, selection: CourseSelection, career: CareerPage | None) -> bool:
    """True when the courses, career and switch are written as the site writes them: the list form's
    courses=a&courses=b or the links' courses=a,b, a known career, only_differences=1."""
    slugs = selection.slugs
    return (
        request.GET.getlist("courses") in (slugs, [",".join(slugs)])
        and request.GET.get("career", "") in ("", career.slug if career else "")
        and request.GET.get("only_differences", "") in ("", "1")
    )


def _too_few(
    index: CourseIndexPage, request: HttpRequest, selection: CourseSelection, notices: list[str]
) -> RoutePage:
    index_url = index.get_url(request) or "/courses/"
    if selection.courses:
        index_url += "?" + urlencode([("selected", slug) for slug in selection.slugs])
    return RoutePage(
        "courses/course_compare_too_few.html",
        {
            "selection": selection,
            "notices": notices,
            "min_courses": MIN_COURSES,
            "max_courses": MAX_COURSES,
            "choose_url": index_url,
            "seo_title": "Choose courses to compare",
        },
    )


def compare_page(index: CourseIndexPage, request: HttpRequest) -> RoutePage | HttpResponseRedirect:
    """/courses/compare/?courses=a,b[&career=c][&only_differences=1][&pinned=a][&attribute=price]:
    the summary bars, then the side-by-side table or one attribute across every course. A column's
    button (pin=, unpin=, remove=) is answered with a redirect to the comparison it asks for."""
    selection, career, notices = _selection_and_career(index, request)
    if not selection.is_enough:
        extras = request.GET.keys() & {"pinned", "attribute", *COLUMN_ACTIONS}
        vary_on_query(
            request,
            COMPARE_QUERY,
            store=not notices and not extras and _as_linked(request, selection, career),
        )
        return _too_few(index, request, selection, notices)
    raw_pinned = request.GET.getlist("pinned")
    pins = parse_pinned(raw_pinned, selection.courses)
    notices += pins.notices
    state = CompareState(
        career=career,
        only_differences=parse_flag(request.GET.get("only_differences")),
        pinned=tuple(pins.slugs),
        attribute=request.GET.get("attribute", "").strip(),
    )
    slugs = selection.slugs  # the order the student chose; pins only move columns on screen
    compare_url = index.compare_url(request)
    if asks_for_column_change(request.GET):
        return HttpResponseRedirect(f"{compare_url}?{after_column_change(request.GET, state, slugs)}")
    comparison = build_comparison(
        pins.first(selection.courses), career=career, only_differences=state.only_differences, request=request
    )
    view = attribute_view(comparison, state.attribute, state.pinned) if state.attribute else None
    if state.attribute and view is None:
        notices.append(f"We cannot compare by “{shorten(state.attribute)}”, so here is the whole table.")
        state = replace(state, attribute="")
    # Stored only as the site links to it: pins in course order, a known attribute, no notices.
    vary_on_query(
        request,
        COMPARE_QUERY,
        store=not notices
        and _as_linked(request, selection, career)
        and raw_pinned in ([], list(pins.slugs), [",".join(pins.slugs)])
        and request.GET.get("attribute", "") == state.attribute,
    )
    # Careers the compared courses lead to, for the "check coverage of a career" picker.
    career_options: dict[str, str] = {}
    for course in comparison.courses:
        for link in course.careers:
            career_options.setdefault(link.slug, link.title)
    if career is not None:
        career_options.setdefault(career.slug, career.title)
    query = state.query(slugs)
    glance = summary(comparison, state.pinned)
    plain = CompareState(career=career, only_differences=state.only_differences)
    index_url = index.get_url(request) or "/courses/"
    return RoutePage(
        "courses/course_compare.html",
        {
            "comparison": comparison,
            "seo_title": f"Compare {len(comparison.columns)} courses",
            "seo_description": "Side by side: " + ", ".join(column.title for column in comparison.columns),
            "columns": column_headings(comparison.columns, state.pinned),
            "pinned_count": len(pins.slugs),
            "max_pinned": MAX_PINNED,
            "summary": glance,
            # (attribute, heading): each heading is a button of the form #compare-columns.
            "summary_headings": list(zip(glance.keys, glance.headings, strict=True)),
            "attribute": view,
            "attribute_choices": attribute_choices(comparison),
            "features_group": next(group for group in comparison.groups if group.key == "features"),
            "table_url": f"{compare_url}?{state.query(slugs, attribute='')}",
            "notices": notices,
            "career": career,
            "career_options": sorted(career_options.items(), key=lambda item: item[1].lower()),
            "only_differences": state.only_differences,
            "slugs_joined": ",".join(slugs),
            "pinned_joined": ",".join(state.pinned),
            "share_url": request.build_absolute_uri(f"{compare_url}?{query}"),
            "csv_url": f"{index_url}{index.reverse_subpage('compare_csv')}?{plain.query(slugs)}",
            "index_url": index_url,
            "compare_url": compare_url,
            "max_courses": MAX_COURSES,
        },
    )


def comparison_csv(index: CourseIndexPage, request: HttpRequest) -> str | RoutePage:
    """The same table as CSV text; with too few courses, the same helpful page as the table."""
    selection, career, notices = _selection_and_career(index, request)
    vary_on_query(request, CSV_QUERY, store=not notices and _as_linked(request, selection, career))
    if not selection.is_enough:
        return _too_few(index, request, selection, notices)
    comparison = build_comparison(
        selection.courses,
        career=career,
        only_differences=parse_flag(request.GET.get("only_differences")),
        request=request,
    )
    buffer = io.StringIO()
    # A byte-order mark lets spreadsheet programs read "£" as UTF-8.
    buffer.write("\ufeff")
    write_csv(comparison, buffer)
    return buffer.getvalue()
