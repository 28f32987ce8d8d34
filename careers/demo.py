"""Demo content for careers: the index, sectors, skills, salary sources and eleven career articles.

The content lives in careers/demo_content/careers.json; this module checks it and creates the
objects. The AI Specialist article follows the facts of the seed document (figures, tasks, skills,
ladder); every other career and all the prose are written for the demo. Salary figures other
than the AI Specialist's come from a source marked illustrative, so pages say they are made up.
Routes in through one of our courses wait for the courses: courses/demo.py adds them
(``careers.demo_fit.course_routes``).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from wagtail.models import Orderable

from careers.demo_fit import check_fit
from careers.demo_workbook import IMPORTED_RELEASES, demo_workbooks
from careers.models import (
    CareerIndexPage,
    CareerPage,
    CareerRoute,
    CareerSkill,
    ProgressionStep,
    RelatedCareer,
    SalaryFigure,
    SalarySource,
    Sector,
    SelfCheckStatement,
    Skill,
    Specialisation,
    WorkingPattern,
)
from careers.ons_import import apply_ons_import
from portal.demo import DemoContent
from portal.models import HomePage, HomePageFeaturedCareer

DATA_FILE = Path(__file__).resolve().parent / "demo_content" / "careers.json"
DEMO_WORKBOOK_FOLDER = Path(settings.VAR_DIR) / "demo"

CAREER_FIELDS = (
    "slug",
    "title",
    "sector",
    "summary",
    "article_date",
    "body",
    "skills",
    "salary_figures",
    "progression_steps",
    "specialisations",
    "related_careers",
    "hours_per_week",
    "working_patterns",
    "routes",
    "self_check",
)
FIGURE_FIELDS = ("region", "minimum", "typical", "typical_kind", "maximum", "source")
# Illustrative figures give `months_ago` instead of a date: they are dated relative to the day
# of seeding, so the demo keeps showing mostly fresh figures with one or two flagged stale. A
# figure with an `override_reason` stands in place of the official one the demo imports.
FIGURE_OPTIONAL_FIELDS = ("gathered_on", "months_ago", "override_reason")
STEP_FIELDS = ("description", "salary_min", "salary_max", "career")


def _check_figures(content: DemoContent, where: str, figures: object, sources: set[str]) -> None:
    if not isinstance(figures, list) or not figures:
        raise content.error(where, "salary_figures should list at least one figure")
    for position, figure in enumerate(figures, start=1):
        here = f"{where}, salary figure {position}"
        content.fields(here, figure, FIGURE_FIELDS, FIGURE_OPTIONAL_FIELDS)
        content.refer(here, "salary source", [figure["source"]], sources)
        content.choice(f"{here}, typical_kind", figure["typical_kind"], SalaryFigure.TypicalKind.values)
        amounts = [figure["minimum"], figure["typical"], figure["maximum"]]
        if not all(isinstance(amount, int) and not isinstance(amount, bool) for amount in amounts):
            raise content.error(here, "minimum, typical and maximum should be whole pounds")
        if not amounts[0] <= amounts[1] <= amounts[2]:
            raise content.error(here, "needs minimum <= typical <= maximum")
        if ("gathered_on" in figure) == ("months_ago" in figure):
            raise content.error(here, "needs either gathered_on (a date) or months_ago, not both")
        if "gathered_on" in figure:
            figure["gathered_on"] = content.date(f"{here}, gathered_on", figure["gathered_on"])


def _check_career(
    content: DemoContent, where: str, career: dict[str, Any], known: dict[str, set[str]]
) -> None:
    """Check one career's references and turn its dates and body into what the models take."""
    content.refer(where, "sector", [career["sector"]], known["sector"])
    career["article_date"] = content.date(f"{where}, article_date", career["article_date"])
    career["body"] = content.stream(
        where,
        CareerPage._meta.get_field("body").stream_block,
        career["body"],
        # courses/demo.py chooses the call to action's course once the courses exist; until then
        # the panel does not show.
        filled_later={"call_to_action": "course"},
    )
    content.fields(f"{where}, skills", career["skills"], (), CareerSkill.Importance.values)
    for importance, skills in career["skills"].items():
        content.refer(f"{where}, {importance} skills", "skill", skills, known["skill"])
    _check_figures(content, where, career["salary_figures"], known["salary source"])
    for position, step in enumerate(career["progression_steps"], start=1):
        here = f"{where}, progression step {position}"
        content.fields(here, step, ("title",), STEP_FIELDS)
        if "career" in step:
            content.refer(here, "career", [step["career"]], known["career"])
    for position, specialisation in enumerate(career["specialisations"], start=1):
        content.fields(f"{where}, specialisation {position}", specialisation, ("name", "description"))
    content.refer(f"{where}, related_careers", "career", career["related_careers"], known["career"])
    check_fit(content, where, career, known["skill"])


def load(path: Path | None = None) -> dict[str, Any]:
    """The careers data file, checked: every sector, skill, source and career it names is defined in it."""
    content = DemoContent(path or DATA_FILE)
    data = content.fields(
        "the file",
        content.data,
        ("index", "sectors", "skills", "salary_sources", "featured_on_home", "careers"),
    )
    content.fields('"index"', data["index"], ("title", "intro"))
    sectors = content.entries("sectors", "sector", ("slug", "name", "description"))
    skills = content.entries("skills", "skill", ("slug", "name", "description"))
    sources = content.entries("salary_sources", "salary source", ("name", "is_illustrative", "notes"))
    careers = content.entries("careers", "career", CAREER_FIELDS, ("soc_code",))
    known = {
        "sector": {sector["slug"] for _, sector in sectors},
        "skill": {skill["slug"] for _, skill in skills},
        "salary source": {source["name"] for _, source in sources},
        "career": {career["slug"] for _, career in careers},
    }
    for where, career in careers:
        _check_career(content, where, career, known)
    content.refer('"featured_on_home"', "career", data["featured_on_home"], known["career"])
    return data


def _months_ago(months: int) -> datetime.date:
    today = timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return datetime.date(year, month + 1, 1)


def _career_index(home: HomePage, fields: dict[str, str]) -> CareerIndexPage:
    index = CareerIndexPage.objects.child_of(home).filter(slug="careers").first()
    if index is None:
        index = CareerIndexPage(slug="careers", show_in_menus=True, **fields)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _sectors(data: list[dict[str, Any]]) -> dict[str, Sector]:
    sectors = {}
    for entry in data:
        sector, _ = Sector.objects.get_or_create(
            slug=entry["slug"], defaults={"name": entry["name"], "description": entry["description"]}
        )
        sectors[entry["slug"]] = sector
    return sectors


def _skills(data: list[dict[str, Any]]) -> dict[str, Skill]:
    skills = {}
    for entry in data:
        skill, _ = Skill.objects.get_or_create(
            slug=entry["slug"], defaults={"name": entry["name"], "description": entry["description"]}
        )
        skills[entry["slug"]] = skill
    return skills


def _sources(data: list[dict[str, Any]]) -> dict[str, SalarySource]:
    sources = {}
    for entry in data:
        source, _ = SalarySource.objects.get_or_create(
            name=entry["name"],
            defaults={"is_illustrative": entry["is_illustrative"], "notes": entry["notes"]},
        )
        sources[entry["name"]] = source
    return sources


def _new_career_page(
    career: dict[str, Any],
    sectors: dict[str, Sector],
    skills: dict[str, Skill],
    sources: dict[str, SalarySource],
) -> CareerPage:
    sector = sectors[career["sector"]]
    page = CareerPage(
        title=career["title"],
        slug=career["slug"],
        summary=career["summary"],
        sector=sector,
        article_date=career["article_date"],
        soc_code=career.get("soc_code", ""),
        # No hero photo: the page shows its sector's drawing (portal/sector_illustrations.py).
        # The call to action's course is chosen by courses/demo.py once the courses exist.
        body=career["body"],
        salary_figures=_in_order(
            [
                SalaryFigure(
                    region=figure["region"],
                    minimum=figure["minimum"],
                    typical=figure["typical"],
                    typical_kind=figure["typical_kind"],
                    maximum=figure["maximum"],
                    source=sources[figure["source"]],
                    gathered_on=figure.get("gathered_on") or _months_ago(figure["months_ago"]),
                    override_reason=figure.get("override_reason", ""),
                )
                for figure in career["salary_figures"]
            ]
        ),
        career_skills=_in_order(
            [
                CareerSkill(skill=skills[slug], importance=importance)
                for importance, slugs in career["skills"].items()
                for slug in slugs
            ]
        ),
        specialisations=_in_order(
            [
                Specialisation(name=entry["name"], description=entry["description"])
                for entry in career["specialisations"]
            ]
        ),
        hours_min=career["hours_per_week"][0],
        hours_max=career["hours_per_week"][1],
        # Routes through our courses are added by courses/demo.py once the courses exist.
        routes=_in_order(
            [
                CareerRoute(
                    kind=route["kind"],
                    title=route.get("title", ""),
                    entry_requirements=route["entry_requirements"],
                    link_url=route.get("link_url", ""),
                )
                for route in career["routes"]
                if route["kind"] != CareerRoute.Kind.COURSE
            ]
        ),
        self_check_statements=_in_order(
            [
                SelfCheckStatement(
                    text=entry["text"], skill=skills.get(entry.get("skill", "")), trait=entry.get("trait", "")
                )
                for entry in career["self_check"]
            ]
        ),
    )
    patterns = WorkingPattern.ensure_all()
    page.working_patterns = [patterns[slug] for slug in career["working_patterns"]]
    return page


def _in_order(rows: list[Orderable]) -> list[Orderable]:
    """Rows numbered in the file's order, as the editor's form would: without a sort order the
    database may hand them back in any order once a revision is published again."""
    for position, row in enumerate(rows):
        row.sort_order = position
    return rows


def _link_careers(page: CareerPage, career: dict[str, Any], by_slug: dict[str, CareerPage]) -> None:
    """Ladder steps and related careers point at other careers, so they wait until all exist."""
    page.progression_steps = _in_order(
        [
            ProgressionStep(
                title=step["title"],
                description=step.get("description", ""),
                salary_min=step.get("salary_min"),
                salary_max=step.get("salary_max"),
                linked_career=by_slug.get(step.get("career", "")),
            )
            for step in career["progression_steps"]
        ]
    )
    page.related_careers = _in_order(
        [RelatedCareer(related=by_slug[slug]) for slug in career["related_careers"] if slug in by_slug]
    )


def _feature_on_home(
    home: HomePage, index: CareerIndexPage, by_slug: dict[str, CareerPage], featured: list[str]
) -> bool:
    """Fill the home page's featured careers and call to action, unless an editor already has."""
    draft = home.get_latest_revision_as_object()
    changed = False
    if not draft.featured_careers.exists():
        draft.featured_careers = [
            HomePageFeaturedCareer(page=by_slug[slug]) for slug in featured if slug in by_slug
        ]
        changed = True
    if draft.cta_page_id is None:
        draft.cta_page = index
        changed = True
    if changed:
        draft.save_revision().publish()
    return changed


def seed() -> str:
    data = load()
    home = HomePage.objects.get()
    index = _career_index(home, data["index"])
    sectors, skills, sources = (
        _sectors(data["sectors"]),
        _skills(data["skills"]),
        _sources(data["salary_sources"]),
    )

    existing = set(CareerPage.objects.child_of(index).values_list("slug", flat=True))
    created: list[tuple[dict[str, Any], CareerPage]] = []
    for career in data["careers"]:
        if career["slug"] in existing:
            continue
        page = _new_career_page(career, sectors, skills, sources)
        index.add_child(instance=page)
        created.append((career, page))

    by_slug = {page.slug: page for page in CareerPage.objects.child_of(index)}
    for career, page in created:
        _link_careers(page, career, by_slug)
        page.save_revision().publish()

    featured = _feature_on_home(home, index, by_slug, data["featured_on_home"])
    earnings = import_demo_earnings()
    return (
        f"{len(created)} careers created ({len(by_slug)} in all), {len(sectors)} sectors, "
        f"{len(skills)} skills{'; home page features careers' if featured else ''}; {earnings}"
    )


def import_demo_earnings(folder: Path = DEMO_WORKBOOK_FOLDER) -> str:
    """Import the demo's earnings workbooks once, and leave copies where an editor can upload them."""
    workbooks = demo_workbooks()
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in workbooks:
        (folder / name).write_bytes(data)
    if SalaryFigure.objects.filter(origin=SalaryFigure.Origin.ONS).exists():
        return f"official figures already imported; demo workbooks in {folder}"
    for name, data in workbooks[:IMPORTED_RELEASES]:
        result = apply_ons_import(data)
        if not result.succeeded:
            raise RuntimeError(f"The demo workbook {name} did not import: {result.problems}")
    return f"illustrative ONS figures imported; demo workbooks in {folder}"
