"""What every card carries (a picture, the money, who or what it is filed under), the sector drawings,
the home page's three ways in, and hero photos cropped around the focal point editors set."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # noqa: N817
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from wagtail.images import get_image_model

from careers.factories import (
    CareerIndexPageFactory,
    CareerPageFactory,
    RelatedCareerFactory,
    SalaryFigureFactory,
    SectorFactory,
)
from courses.factories import CourseIndexPageFactory, CoursePageFactory, ProviderFactory
from portal.models import HomePageFeaturedCareer, HomePageFeaturedCourse
from portal.sector_illustrations import DEFAULT, DRAWN_SECTORS, FOLDER, illustration_path

pytestmark = pytest.mark.django_db

DRAWINGS = Path(settings.BASE_DIR) / "static" / FOLDER


@pytest.fixture
def catalogue(home_page):
    careers = CareerIndexPageFactory(parent=home_page)
    data = SectorFactory(name="Data and AI", slug="data-and-ai")
    health = SectorFactory(name="Health", slug="health")  # no drawing of its own
    analyst = CareerPageFactory(parent=careers, title="Data Analyst", slug="data-analyst", sector=data)
    SalaryFigureFactory(career=analyst, minimum=25_000, typical=36_000, maximum=60_000)
    nurse = CareerPageFactory(parent=careers, title="Nurse", slug="nurse", sector=health)
    RelatedCareerFactory(career=analyst, related=nurse)
    courses = CourseIndexPageFactory(parent=home_page)
    college = ProviderFactory(name="Open Pathways College")
    sql = CoursePageFactory(
        parent=courses,
        title="Evening SQL",
        slug="evening-sql",
        provider=college,
        price=Decimal(450),
        careers=[analyst],
    )
    first_aid = CoursePageFactory(parent=courses, title="First Aid", slug="first-aid", provider=college,
                                  price=Decimal(0))  # fmt: skip
    return {"analyst": analyst, "nurse": nurse, "sql": sql, "first_aid": first_aid}


def cards(html: str) -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup(html, "html.parser")
    return {card.select_one(".card__title").get_text(strip=True): card for card in soup.select("li.card")}


def picture(card: BeautifulSoup) -> str:
    image = card.select_one("img.card__picture")
    assert image is not None and image["alt"] == ""  # decorative: the card names the sector in words
    assert image["width"] and image["height"]  # no layout shift while it loads
    return image["src"]


# --------------------------------------------------------------------------- the drawings


def test_every_drawn_sector_has_its_file_and_every_file_is_a_titled_svg():
    files = {path.stem for path in DRAWINGS.glob("*.svg")}
    assert files == DRAWN_SECTORS | {DEFAULT}
    for path in DRAWINGS.glob("*.svg"):
        root = ET.fromstring(path.read_text(encoding="utf-8"))  # noqa: S314 (our own files)
        assert root.tag == "{http://www.w3.org/2000/svg}svg", path.name
        assert root.get("viewBox") == "0 0 480 270", path.name
        assert root.find("{http://www.w3.org/2000/svg}title").text.strip(), path.name
        assert path.stat().st_size < 4096, path.name  # drawn by hand, not traced
    assert illustration_path("data-and-ai") == "img/sectors/data-and-ai.svg"
    assert illustration_path("health") == illustration_path(None) == "img/sectors/default.svg"


# --------------------------------------------------------------------------- cards


def test_career_cards_carry_a_drawing_the_salary_band_and_the_sector(client, catalogue):
    listed = cards(client.get("/careers/").content.decode())
    analyst, nurse = listed["Data Analyst"], listed["Nurse"]
    assert picture(analyst).endswith("/img/sectors/data-and-ai.svg")
    assert picture(nurse).endswith("/img/sectors/default.svg")
    assert analyst.select_one(".card__eyebrow").get_text(strip=True) == "Data and AI"
    assert (
        analyst.select_one(".card__money").get_text(" ", strip=True)
        == "£25,000–£60,000 a year UK average £36,000"
    )
    assert nurse.select_one(".card__money").get_text(strip=True) == "No salary figures yet"

    # The same card as a related career on a career page.
    related = cards(client.get("/careers/data-analyst/").content.decode())["Nurse"]
    assert picture(related).endswith("/img/sectors/default.svg")
    assert related.select_one(".card__eyebrow").get_text(strip=True) == "Health"


def test_course_cards_carry_a_drawing_the_price_and_the_provider(client, catalogue):
    listed = cards(client.get("/courses/").content.decode())
    sql, first_aid = listed["Evening SQL"], listed["First Aid"]
    assert picture(sql).endswith("/img/sectors/data-and-ai.svg")  # the sector of the career it leads to
    assert picture(first_aid).endswith("/img/sectors/default.svg")  # it leads to no career
    assert sql.select_one(".card__eyebrow").get_text(strip=True) == "Open Pathways College"
    assert sql.select_one(".card__money").get_text(" ", strip=True).startswith("£450")
    assert first_aid.select_one(".card__money").get_text(" ", strip=True).startswith("Free")

    # On the career it prepares for, and the careers on the course's own page.
    preparing = cards(client.get("/careers/data-analyst/").content.decode())["Evening SQL"]
    assert picture(preparing).endswith("/img/sectors/data-and-ai.svg")
    assert preparing.select_one(".card__money").get_text(" ", strip=True).startswith("£450")
    course_page = client.get("/courses/evening-sql/").content.decode()
    leads_to = cards(course_page)["Data Analyst"]
    assert picture(leads_to).endswith("/img/sectors/data-and-ai.svg")
    assert leads_to.select_one(".card__eyebrow").get_text(strip=True) == "Data and AI"
    hero = BeautifulSoup(course_page, "html.parser").select_one("img.course-hero__image")
    assert hero["alt"] == "" and hero["src"].endswith("/img/sectors/data-and-ai.svg")


def test_the_home_page_says_what_the_site_is_for_and_its_cards_are_pictured(client, catalogue, home_page):
    HomePageFeaturedCareer.objects.create(home=home_page, page=catalogue["analyst"], sort_order=0)
    HomePageFeaturedCourse.objects.create(home=home_page, page=catalogue["sql"], sort_order=0)
    html = client.get("/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    points = soup.select(".value-point")
    assert [point.select_one("h3").get_text(strip=True) for point in points] == [
        "Read a real day",
        "See real pay",
        "Compare courses",
    ]
    assert [point.select_one("a")["href"] for point in points] == [
        "/careers/",
        "/careers/data-analyst/#salary",
        "/courses/",
    ]
    assert points[1].select_one("a").get_text(strip=True) == "What a Data Analyst earns"
    featured = cards(html)
    assert picture(featured["Data Analyst"]).endswith("/img/sectors/data-and-ai.svg")
    assert "£25,000–£60,000 a year" in featured["Data Analyst"].get_text(" ", strip=True)
    assert (
        featured["Evening SQL"].select_one(".card__eyebrow").get_text(strip=True) == "Open Pathways College"
    )
    assert picture(featured["Evening SQL"]).endswith("/img/sectors/data-and-ai.svg")


# --------------------------------------------------------------------------- hero pictures


def split_photo(focal_x: int | None) -> object:
    """A 3000 × 1500 photo, red on the left half and blue on the right, with a focal point at focal_x.

    Large enough that the crop can close in: a rendition is never upscaled, so on a photo not much
    bigger than the rendition there is no room to move towards the focal point."""
    picture = Image.new("RGB", (3000, 1500), (200, 30, 30))
    picture.paste((30, 30, 200), (1500, 0, 3000, 1500))
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    image = get_image_model()(title=f"Split {focal_x}", file=ImageFile(buffer, name="split.png"))
    image._set_image_file_metadata()
    if focal_x is not None:
        image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = (
            focal_x,
            750,
            120,
            120,
        )
    image.save()
    return image


def hero_colour(client, career) -> str:
    """Which half of the photo fills the career page's hero: the page's own rendition, looked at."""
    html = client.get(career.url).content.decode()
    hero = BeautifulSoup(html, "html.parser").select_one("img.career-hero__image")
    assert hero["alt"] == "" and "srcset" in hero.attrs
    rendition = career.hero_image.get_rendition("fill-960x540-c50|format-webp")
    assert re.search(rf"{re.escape(rendition.url)} 960w", hero["srcset"])
    with rendition.file.open() as handle:
        pixels = Image.open(handle).convert("RGB")
        red = sum(1 for x in range(0, pixels.width, 8) if pixels.getpixel((x, pixels.height // 2))[0] > 128)
        share = red / len(range(0, pixels.width, 8))
    return "red" if share > 0.6 else "blue" if share < 0.4 else "both"


def test_the_hero_crop_follows_the_focal_point_editors_set(client, home_page):
    index = CareerIndexPageFactory(parent=home_page)
    left = CareerPageFactory(parent=index, title="Left", hero_image=split_photo(150))
    right = CareerPageFactory(parent=index, title="Right", hero_image=split_photo(2850))
    centred = CareerPageFactory(parent=index, title="Centred", hero_image=split_photo(None))
    assert hero_colour(client, left) == "red"
    assert hero_colour(client, right) == "blue"
    assert hero_colour(client, centred) == "both"


def test_without_a_photo_the_hero_shows_the_sector_drawing(client, catalogue):
    html = client.get("/careers/data-analyst/").content.decode()
    hero = BeautifulSoup(html, "html.parser").select_one("img.career-hero__image")
    assert hero["alt"] == "" and hero["src"].endswith("/img/sectors/data-and-ai.svg")


def test_the_home_page_cards_cost_the_same_queries_for_one_or_six_featured_pages(
    client, catalogue, home_page
):
    def home_queries() -> int:
        client.get("/")  # settings rows and the like are read on the first view
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    courses = [catalogue["sql"]] + [
        CoursePageFactory(parent=catalogue["sql"].get_parent(), careers=[catalogue["nurse"]])
        for _ in range(5)
    ]
    HomePageFeaturedCourse.objects.create(home=home_page, page=courses[0], sort_order=0)
    HomePageFeaturedCareer.objects.create(home=home_page, page=catalogue["analyst"], sort_order=0)
    one = home_queries()
    for n, course in enumerate(courses[1:], start=1):
        HomePageFeaturedCourse.objects.create(home=home_page, page=course, sort_order=n)
    HomePageFeaturedCareer.objects.create(home=home_page, page=catalogue["nurse"], sort_order=1)
    assert home_queries() == one
    assert len(cards(client.get("/").content.decode())) == 8
