"""Demo content for courses: the index, providers, features and sixteen courses.

The content lives in courses/demo_content/courses.json; this module checks it and creates the
objects. Runs after careers/demo.py: each course names the careers it prepares for and the skills
it teaches from the careers vocabulary (careers/demo_content/careers.json), then the careers' calls
to action, their routes in through our courses and the home page are pointed at the courses.
Providers and awarding bodies are fictional.
A few enquiries from invented students follow (courses/enquiries/demo.py, demo_content/enquiries.json).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from wagtail.models import Site

from careers import demo as careers_demo
from careers.demo_fit import course_routes
from careers.models import CareerCourse, CareerPage, CareerRoute, Skill
from courses import audience_demo
from courses.enquiries import demo as enquiries_demo
from courses.models import CourseCareer, CourseFeature, CourseIndexPage, CoursePage, CourseStartDate, Provider
from courses.roles import seed_demo_users
from portal import demo as portal_demo
from portal.demo import DemoContent
from portal.models import HomePage, HomePageFeaturedCourse, Promotion, SiteSettings

DATA_FILE = Path(__file__).resolve().parent / "demo_content" / "courses.json"

COURSE_FIELDS = (
    "slug",
    "title",
    "provider",
    "summary",
    "level",
    "study_mode",
    "duration_weeks",
    "hours_per_week",
    "price",
    "certification",
    "awarding_body",
    "features",
    "skills",
    "careers",
    "start_dates",
    "syllabus",
)
# Careers whose article's call to action should point at this course, and careers whose own
# editor links this course (the career side of the links, careers.CareerCourse).
OPTIONAL_COURSE_FIELDS = ("call_to_action_for", "linked_from_careers")


def _check_course(
    content: DemoContent, where: str, course: dict[str, Any], known: dict[str, set[str]]
) -> None:
    """Check one course's references and turn its price, dates and syllabus into what the models take."""
    content.refer(where, "provider", [course["provider"]], known["provider"])
    content.choice(f"{where}, level", course["level"], CoursePage.Level.values)
    content.choice(f"{where}, study_mode", course["study_mode"], CoursePage.StudyMode.values)
    if (
        isinstance(course["price"], bool)
        or not isinstance(course["price"], (int, Decimal))
        or course["price"] < 0
    ):
        raise content.error(
            f"{where}, price", f'"{course["price"]}" should be a number of pounds, 0 for free'
        )
    course["price"] = Decimal(course["price"])
    content.refer(f"{where}, features", "feature", course["features"], known["feature"])
    content.refer(f"{where}, skills", "skill", course["skills"], known["skill"])
    content.refer(f"{where}, careers", "career", course["careers"], known["career"])
    for field in OPTIONAL_COURSE_FIELDS:
        content.refer(f"{where}, {field}", "career", course.get(field, []), known["career"])
    course["start_dates"] = [content.date(f"{where}, start_dates", day) for day in course["start_dates"]]
    course["syllabus"] = content.stream(
        where, CoursePage._meta.get_field("syllabus").stream_block, course["syllabus"]
    )


def load(path: Path | None = None) -> dict[str, Any]:
    """The courses data file, checked against itself and against the careers data file."""
    content = DemoContent(path or DATA_FILE)
    data = content.fields(
        "the file", content.data, ("index", "providers", "features", "featured_on_home", "courses")
    )
    content.fields('"index"', data["index"], ("title", "intro"))
    providers = content.entries("providers", "provider", ("slug", "name", "website", "description"))
    features = content.entries("features", "feature", ("slug", "name", "description"))
    courses = content.entries("courses", "course", COURSE_FIELDS, OPTIONAL_COURSE_FIELDS)
    careers = careers_demo.load()
    known = {
        "provider": {provider["slug"] for _, provider in providers},
        "feature": {feature["slug"] for _, feature in features},
        "skill": {skill["slug"] for skill in careers["skills"]},
        "career": {career["slug"] for career in careers["careers"]},
    }
    for where, course in courses:
        _check_course(content, where, course, known)
    slugs = {course["slug"] for _, course in courses}
    for career, routes in course_routes(careers).items():
        where = f'careers.json, career "{career}", routes in'
        content.refer(where, "course", [route["course"] for route in routes], slugs)
    content.refer(
        '"featured_on_home"', "course", data["featured_on_home"], {course["slug"] for _, course in courses}
    )
    return data


def _course_index(home: HomePage, fields: dict[str, str]) -> CourseIndexPage:
    index = CourseIndexPage.objects.child_of(home).filter(slug="courses").first()
    if index is None:
        index = CourseIndexPage(slug="courses", show_in_menus=True, **fields)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _providers(data: list[dict[str, Any]]) -> dict[str, Provider]:
    providers = {}
    for entry in data:
        fields = {key: value for key, value in entry.items() if key != "slug"}
        provider, _ = Provider.objects.get_or_create(slug=entry["slug"], defaults=fields)
        providers[entry["slug"]] = provider
    return providers


def _features(data: list[dict[str, Any]]) -> dict[str, CourseFeature]:
    """Features keep the data file's order."""
    features = {}
    for position, entry in enumerate(data):
        feature, _ = CourseFeature.objects.get_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "description": entry["description"],
                "sort_order": position * 10,
            },
        )
        features[entry["slug"]] = feature
    return features


def _new_course_page(
    course: dict[str, Any],
    providers: dict[str, Provider],
    features: dict[str, CourseFeature],
    skills: dict[str, Skill],
    careers: dict[str, CareerPage],
) -> CoursePage:
    page = CoursePage(
        title=course["title"],
        slug=course["slug"],
        provider=providers[course["provider"]],
        summary=course["summary"],
        level=course["level"],
        study_mode=course["study_mode"],
        duration_weeks=course["duration_weeks"],
        hours_per_week=course["hours_per_week"],
        price=course["price"],
        certification=course["certification"],
        awarding_body=course["awarding_body"],
        syllabus=course["syllabus"],
        start_dates=[CourseStartDate(starts_on=start) for start in course["start_dates"]],
        career_links=[CourseCareer(career=careers[slug]) for slug in course["careers"]],
    )
    page.features = [features[slug] for slug in course["features"]]
    page.skills = [skills[slug] for slug in course["skills"]]
    return page


def _point_careers_at_courses(
    data: list[dict[str, Any]], courses: dict[str, CoursePage], routes: dict[str, list[dict[str, Any]]]
) -> int:
    """Choose the course in each career's call to action, where no editor has chosen one yet, and add
    its routes in and the courses its editor links, where it has none: one revision per career
    changed."""
    course_for_career = {
        career_slug: courses[course["slug"]]
        for course in data
        for career_slug in course.get("call_to_action_for", [])
        if course["slug"] in courses
    }
    linked: dict[str, list[CoursePage]] = {}
    for course in data:
        for career_slug in course.get("linked_from_careers", []) if course["slug"] in courses else []:
            linked.setdefault(career_slug, []).append(courses[course["slug"]])
    updated = 0
    for career in CareerPage.objects.filter(slug__in={*course_for_career, *routes, *linked}):
        course = course_for_career.get(career.slug)
        draft = career.get_latest_revision_as_object()
        changed = False
        for block in draft.body:
            if course and block.block_type == "call_to_action" and block.value["course"] is None:
                block.value["course"] = course
                block.value["link_text"] = f"View the {course.title} course"
                changed = True
        ours = [route for route in routes.get(career.slug, []) if route["course"] in courses]
        if ours and not any(route.kind == CareerRoute.Kind.COURSE for route in draft.routes.all()):
            draft.routes.add(
                *(
                    CareerRoute(
                        kind=CareerRoute.Kind.COURSE,
                        course=courses[route["course"]],
                        title=route.get("title", ""),
                        entry_requirements=route["entry_requirements"],
                        link_url=route.get("link_url", ""),
                    )
                    for route in ours
                )
            )
            changed = True
        if linked.get(career.slug) and not list(draft.linked_courses.all()):
            draft.linked_courses.add(
                *(CareerCourse(course=course, sort_order=n) for n, course in enumerate(linked[career.slug]))
            )
            changed = True
        if changed:
            draft.save_revision().publish()
            updated += 1
    return updated


def _feature_on_home(home: HomePage, courses: dict[str, CoursePage], featured: list[str]) -> bool:
    draft = home.get_latest_revision_as_object()
    if draft.featured_courses.exists():
        return False
    draft.featured_courses = [
        HomePageFeaturedCourse(page=courses[slug]) for slug in featured if slug in courses
    ]
    draft.save_revision().publish()
    return True


def _link_promotion(index: CourseIndexPage) -> None:
    """The portal's promotion is about what courses include, so it leads to the course list."""
    name = portal_demo.load()["promotion"]["name"]
    promotion = Promotion.objects.filter(name=name, link_page__isnull=True).first()
    if promotion is not None:
        promotion.link_page = index
        promotion.save(update_fields=["link_page"])


def seed() -> str:
    data = load()
    enquiries = enquiries_demo.load()
    home = HomePage.objects.get()
    index = _course_index(home, data["index"])
    providers, features = _providers(data["providers"]), _features(data["features"])
    skills = Skill.objects.in_bulk(field_name="slug")
    careers = {career.slug: career for career in CareerPage.objects.all()}

    existing = set(CoursePage.objects.child_of(index).values_list("slug", flat=True))
    created = 0
    for course in data["courses"]:
        if course["slug"] in existing:
            continue
        page = _new_course_page(course, providers, features, skills, careers)
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1

    courses = {page.slug: page for page in CoursePage.objects.child_of(index)}
    updated = _point_careers_at_courses(data["courses"], courses, course_routes(careers_demo.load()))
    featured = _feature_on_home(home, courses, data["featured_on_home"])
    _link_promotion(index)
    # Roles, the Editorial review workflow on the new sections, and (dev only) a user per role.
    users = seed_demo_users()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    enquiries_created = enquiries_demo.seed(enquiries, index, site_settings)
    # Views, comparisons and "Was this helpful?" answers for the dashboard's Audience view.
    audience = audience_demo.seed()
    return (
        f"{created} courses created ({len(courses)} in all) from {len(providers)} providers; "
        f"{updated} careers' calls to action and routes in pointed at courses"
        f"{'; home page features courses' if featured else ''}; {users}; "
        f"{enquiries_created} enquiries created; {audience}"
    )
