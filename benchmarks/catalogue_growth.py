"""make bench-growth: queries and CPU per page type and dashboard view, as the catalogue grows.

    python benchmarks/catalogue_growth.py [--careers 10,1000] [--courses 16,200] [--requests 5]
                                          [--warmup 2] [--json FILE]

A fresh SQLite database (var/bench/growth/) gets the demo content (10 careers, 16 courses) and is
measured with benchmarks/measure.py's functions in one process; then the factories add careers and
courses up to the second size (salary figures, skills and course links in bulk) and the same
URLs are measured again. Each page and view passes when its warm query count is unchanged and its
CPU per request grew by at most 1.5x.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cpu  # noqa: E402
import measure  # noqa: E402

MAX_GROWTH = 1.5
# The measured URLs whose figures only a page-cache hit or a redirect would give are left out.
SKIPPED = ("reference view",)


def grow(careers: int, courses: int) -> None:
    """Adds careers and courses with the factories until the catalogue holds this many."""
    from careers.factories import CareerPageFactory, SalaryFigureFactory
    from careers.models import CareerIndexPage, CareerPage, SalaryFigure, SalarySource, Sector
    from courses.factories import CoursePageFactory
    from courses.models import CourseCareer, CourseIndexPage, CoursePage, Provider

    career_index = CareerIndexPage.objects.live().order_by("path").first()
    course_index = CourseIndexPage.objects.live().order_by("path").first()
    sectors = list(Sector.objects.order_by("pk"))
    providers = list(Provider.objects.order_by("pk"))
    existing = CareerPage.objects.count()
    made = []
    for n in range(existing, careers):
        made.append(
            CareerPageFactory(
                parent=career_index,
                title=f"Grown career {n}",
                summary=f"Works with data and people every day ({n}).",
                sector=sectors[n % len(sectors)],
            )
        )
    source = SalarySource.objects.order_by("pk").first()
    SalaryFigure.objects.bulk_create(
        SalaryFigureFactory.build(career=career, source=source, typical=40_000 + n)
        for n, career in enumerate(made)
    )
    all_careers = list(CareerPage.objects.order_by("pk"))
    links = []
    for n in range(CoursePage.objects.count(), courses):
        course = CoursePageFactory(
            parent=course_index,
            title=f"Grown course {n}",
            summary=f"Data skills for work ({n}).",
            provider=providers[n % len(providers)],
        )
        links.append(CourseCareer(course=course, career=all_careers[n % len(all_careers)], sort_order=0))
    CourseCareer.objects.bulk_create(links)


def catalogue_size() -> dict[str, int]:
    from careers.models import CareerPage
    from courses.models import CoursePage

    return {"careers": CareerPage.objects.count(), "courses": CoursePage.objects.count()}


def compare(small: dict, large: dict) -> list[dict]:
    rows = []
    for name, before in small["pages"].items():
        after = large["pages"].get(name)
        if after is None or name in SKIPPED:
            continue
        growth = after["cpu_ms"] / before["cpu_ms"] if before["cpu_ms"] else 0.0
        same = after["queries"] == before["queries"]
        rows.append(
            {
                "page": name,
                "small_cpu_ms": before["cpu_ms"],
                "large_cpu_ms": after["cpu_ms"],
                "cpu_growth": growth,
                "small_queries": before["queries"],
                "large_queries": after["queries"],
                "small_kb": before["bytes"] / 1024,
                "large_kb": after["bytes"] / 1024,
                "result": "PASS" if same and growth <= MAX_GROWTH else "FAIL",
            }
        )
    return rows


def run(sizes: list[tuple[int, int]], warmup: int, requests: int) -> dict:
    """Measures at each size in this process (Django already set up, demo content loaded)."""
    urls = {**measure.discover(), **measure.DASHBOARD}
    measured = []
    for careers, courses in sizes:
        started = time.monotonic()
        grow(careers, courses)
        built = time.monotonic() - started
        figures = measure.measure(urls, warmup, requests, cache_hits=False)
        measured.append({"size": catalogue_size(), "build_s": round(built, 1), **figures})
        cpu.log(f"measured at {measured[-1]['size']}")
    return {"sizes": measured, "rows": compare(measured[0], measured[-1]), "max_growth": MAX_GROWTH}


def print_report(results: dict) -> None:
    small, large = results["sizes"][0]["size"], results["sizes"][-1]["size"]
    print(
        f"{small['careers']} -> {large['careers']} careers, {small['courses']} -> {large['courses']} courses"
    )
    print(f"{'page':<28} {'CPU ms':>15} {'growth':>7} {'SQL':>9} {'KB':>11}")
    for row in results["rows"]:
        cpu_text = f"{row['small_cpu_ms']:>6.1f} -> {row['large_cpu_ms']:>5.1f} {row['cpu_growth']:>6.2f}x"
        sql = f"{row['small_queries']:>3} -> {row['large_queries']:<3}"
        size = f"{row['small_kb']:>4.0f} -> {row['large_kb']:<4.0f}"
        print(f"{row['page']:<28} {cpu_text} {sql} {size} {row['result']}")
    failing = [row["page"] for row in results["rows"] if row["result"] != "PASS"]
    verdict = "FAIL" if failing else "PASS"
    print(f"{verdict}: goal 3 growth (same queries, CPU <= {MAX_GROWTH}x) {', '.join(failing)}")


def sizes_from(careers: str, courses: str) -> list[tuple[int, int]]:
    pairs = list(zip((int(n) for n in careers.split(",")), (int(n) for n in courses.split(",")), strict=True))
    if not pairs or any(not (1 <= a <= 5000 and 1 <= b <= 1000) for a, b in pairs):
        raise ValueError("sizes must be 1-5000 careers and 1-1000 courses")
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--careers", default="10,1000")
    parser.add_argument("--courses", default="16,200")
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = sizes_from(args.careers, args.courses)
    if args.in_process:
        measure.setup()
        args.output.write_text(json.dumps(run(sizes, args.warmup, args.requests)))
        return 0
    cpu.log("preparing a fresh database with the demo content ...")
    env = cpu.prepare(cpu.ROOT, cpu.ROOT / "var" / "bench" / "growth")
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        passed = [f"--{name}={getattr(args, name)}" for name in ("careers", "courses", "requests", "warmup")]
        command = [cpu.PYTHON, __file__, *passed, "--in-process", "--output", out.name]
        cpu.subprocess.run(command, cwd=cpu.ROOT, env=env, check=True)
        results = json.loads(Path(out.name).read_text())
    print_report(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
