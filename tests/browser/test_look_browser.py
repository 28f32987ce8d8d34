"""How the site looks and reads in a real browser: screenshots of the demo for review, axe on every page
type at phone, tablet and desktop widths, and a 16-course comparison that a person can read."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import Page, expect

from careers.factories import CareerIndexPageFactory, CareerPageFactory, SalaryFigureFactory
from courses.factories import CourseFeatureFactory, CourseIndexPageFactory, CoursePageFactory
from courses.models import CoursePage
from tests.conftest import _root_page

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
WIDTHS = (375, 768, 1280)

# Elements that scroll by themselves at this width: what would trap the wheel or trackpad.
SCROLLERS = """() => [...document.querySelectorAll('body *')].filter(el => {
  const style = getComputedStyle(el);
  const scrolls = v => v === 'auto' || v === 'scroll';
  return (scrolls(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
      || (scrolls(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
}).map(el => el.className || el.tagName)"""


@pytest.fixture
def demo_site(transactional_db):
    _root_page()  # browser tests flush the database, Wagtail's root page with it
    call_command("seed_demo", stdout=StringIO())


def show_every_picture(page: Page) -> None:
    """Load lazy pictures too (a full-page screenshot does not scroll), then check none is broken."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })")
    page.wait_for_load_state("networkidle")
    broken = page.evaluate(
        "[...document.images].filter(img => !img.complete || !img.naturalWidth).map(img => img.src)"
    )
    assert broken == [], broken


def test_the_demo_looks_right_and_passes_axe_at_every_width(live_server, page: Page, demo_site, axe_clean):
    slugs = CoursePage.objects.live().public().order_by("path").values_list("slug", flat=True)[:16]
    pages = {
        "home": "/",
        "career": "/careers/ai-specialist/",
        "course": "/courses/data-science/",
        "compare-16": "/courses/compare/?courses=" + ",".join(slugs),
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages.items():
            page.goto(live_server.url + path)
            show_every_picture(page)
            # Files to look at when the look changes; var/ is never committed.
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
            axe_clean(page)
            if name != "compare-16":
                # Only the comparison's table may be wider than a phone, inside its own region.
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            elif width >= 768:
                # From a tablet up nothing scrolls in a box, and the bars at a glance fit the window.
                assert page.evaluate(SCROLLERS) == [], width
                glance = page.locator(".compare-bars").bounding_box()
                assert glance["x"] + glance["width"] <= width, width
    assert len(list(SCREENSHOTS.glob("*-1280.png"))) >= 4


@pytest.fixture
def catalogue(home_page):
    careers = CareerIndexPageFactory(parent=home_page)
    analyst = CareerPageFactory(parent=careers, title="Data Analyst", slug="data-analyst")
    SalaryFigureFactory(career=analyst)
    labs = CourseFeatureFactory(name="Hands-on labs")
    index = CourseIndexPageFactory(parent=home_page)
    return [
        CoursePageFactory(
            parent=index,
            title=f"Course {n:02d} with a longer title",
            price=Decimal(500 + 250 * n),
            duration_weeks=4 + n,
            features=[labs] if n % 2 else [],
            careers=[analyst] if n % 3 else [],
        )
        for n in range(16)
    ]


def compare_url(live_server, courses, extra: str = "") -> str:
    return f"{live_server.url}/courses/compare/?courses={','.join(c.slug for c in courses)}{extra}"


def test_at_1280_px_eight_courses_show_at_once_and_the_page_scrolls_not_a_box(
    live_server, page: Page, catalogue, axe_clean
):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(compare_url(live_server, catalogue))
    headers = page.locator("th.compare-table__course")
    expect(headers).to_have_count(16)
    boxes = [headers.nth(n).bounding_box() for n in range(16)]
    in_view = [box for box in boxes if box["x"] >= 0 and box["x"] + box["width"] <= 1280]
    assert len(in_view) >= 8, [round(box["x"] + box["width"]) for box in boxes]
    # Nothing scrolls inside a box: the page itself is as wide as the table.
    assert page.evaluate(SCROLLERS) == []
    assert page.evaluate("document.documentElement.scrollWidth") > 1280
    axe_clean(page)

    # The header row sticks to the top of the window, the row names to its left edge.
    page.evaluate(
        "window.scrollTo(700, document.querySelector('.compare-table').getBoundingClientRect().top + 900)"
    )
    assert abs(headers.first.bounding_box()["y"]) <= 1
    assert abs(page.get_by_role("rowheader", name="Total study hours").bounding_box()["x"]) <= 1

    # Pin the last course: it moves beside the names and stays there while the rest scroll past.
    page.evaluate("window.scrollTo(0, 0)")
    page.get_by_role("button", name=f"Pin {catalogue[15].title}").click()
    expect(page).to_have_url(re.compile(rf"pinned={catalogue[15].slug}"))
    pinned = page.locator("th.compare-table__course").first
    expect(pinned).to_contain_text(catalogue[15].title)
    expect(pinned).to_contain_text("Pinned")
    label_width = page.locator(".compare-table__corner").bounding_box()["width"]
    page.evaluate("window.scrollTo(900, 0)")
    assert abs(pinned.bounding_box()["x"] - label_width) <= 2
    assert abs(page.locator(".compare-table__corner").bounding_box()["x"]) <= 1
    axe_clean(page)

    # The bars at a glance: the dearest course's bar fills its track.
    dearest = page.get_by_role("row", name=re.compile(catalogue[15].title)).first
    bar = dearest.locator(".bar").first
    assert bar.bounding_box()["width"] >= 40
    drawn = Image.open(BytesIO(bar.screenshot())).convert("RGB")
    width, height = drawn.size
    # Its far end is drawn in the brand colour (#0b4f6c), not the track's pale grey.
    assert drawn.getpixel((width - 4, height // 2)) == (0x0B, 0x4F, 0x6C)


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    yield context.new_page()
    context.close()


def test_on_a_phone_one_attribute_at_a_time_without_javascript(live_server, page_without_js: Page, catalogue):
    page = page_without_js
    page.goto(compare_url(live_server, catalogue))
    page.get_by_label("Compare one thing at a time").select_option(label="Price")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page).to_have_url(re.compile(r"attribute=price"))
    expect(page.get_by_role("heading", name="Price: 16 courses")).to_be_visible()
    rows = page.get_by_role("table", name="Price of each course").locator("tbody tr")
    expect(rows).to_have_count(16)
    expect(rows.first).to_contain_text("£500")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("link", name="Show everything side by side").click()
    expect(page.get_by_role("table", name=re.compile("Comparison of 16 courses"))).to_be_visible()


def test_on_a_phone_one_attribute_passes_axe(live_server, page: Page, catalogue, axe_clean):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(compare_url(live_server, catalogue, "&attribute=features&pinned=" + catalogue[3].slug))
    expect(page.get_by_role("heading", name="Features: 16 courses")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_clean(page)


def test_a_heading_at_a_glance_opens_its_attribute_keeping_only_differences(
    live_server, page: Page, catalogue
):
    page.goto(compare_url(live_server, catalogue, "&pinned=" + catalogue[3].slug))
    page.get_by_label("Show only differences").check()
    glance = page.get_by_role("region", name="At a glance")
    heading = glance.get_by_role("button", name="Price", exact=True)
    heading.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"attribute=price"))
    expect(page.get_by_role("heading", name="Price: 16 courses")).to_be_visible()
    assert "only_differences=1" in page.url and f"pinned={catalogue[3].slug}" in page.url
