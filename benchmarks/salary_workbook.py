"""make bench-import: how long an ONS earnings workbook takes to import, and how many queries.

    python benchmarks/salary_workbook.py [--careers 50] [--occupations 45,450] [--regions 12] [--json PATH]

In-process, on a fresh SQLite database under var/bench/import/ (or DATABASE_URL's). For each
workbook size it builds a workbook in the published layout (careers/demo_workbook.py), then
times reading it, the dry run and applying it, counting the SQL queries of each step. The same
careers are imported at every size, so the query counts show what grows with the workbook's rows
(nothing should) and what grows with the careers changed (one revision each, by design).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(database: Path) -> None:
    if "DATABASE_URL" not in os.environ:
        database.parent.mkdir(parents=True, exist_ok=True)
        database.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _careers(count: int, codes: list[str]) -> None:
    from wagtail.models import Page

    from careers.models import CareerIndexPage, CareerPage

    root = Page.get_first_root_node()
    index = CareerIndexPage(title="Careers", slug="bench-careers", intro="Bench")
    root.add_child(instance=index)
    for number in range(count):
        page = CareerPage(
            title=f"Career {number}",
            slug=f"career-{number}",
            summary="Bench.",
            soc_code=codes[number % len(codes)],
        )
        index.add_child(instance=page)
        page.save_revision().publish()


def _measure(step: str, function, *args):
    from django.db import connection

    # Counted by a wrapper, not Django's query log: that keeps only the last 9,000 queries.
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        result = function(*args)
        seconds = time.perf_counter() - started
    return result, {"step": step, "seconds": round(seconds, 3), "queries": count}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--careers", type=int, default=50)
    parser.add_argument("--occupations", default="45,450", help="comma-separated workbook sizes")
    parser.add_argument("--regions", type=int, default=12)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    _setup(ROOT / "var" / "bench" / "import" / "db.sqlite3")

    from careers.demo_workbook import synthetic_workbook
    from careers.ons_import import apply_plan
    from careers.ons_import_plan import plan_ons_import
    from careers.ons_workbook import read_workbook

    sizes = [int(size) for size in args.occupations.split(",")]
    # The careers' codes are the first ones every size of workbook contains.
    first = read_workbook(synthetic_workbook(min(sizes), 1))
    codes = sorted({code for (_, code) in first.estimates if len(code) == 4})
    _careers(args.careers, codes)

    report = []
    for year, size in enumerate(sizes, start=2026):
        data = synthetic_workbook(size, args.regions, year=year)
        tables, read = _measure("read", read_workbook, data)
        if not tables.is_valid:
            raise SystemExit(f"The benchmark's workbook did not read: {tables.problems[:3]}")
        plan, dry_run = _measure("dry run", plan_ons_import, tables)
        result, applied = _measure("apply", apply_plan, plan)
        if not result.succeeded:
            raise SystemExit(f"The benchmark's import failed: {result.problems[:3]}")
        rows = len(tables.estimates)
        total = round(read["seconds"] + dry_run["seconds"] + applied["seconds"], 3)
        report.append(
            {
                "occupations": size,
                "regions": args.regions,
                "rows": rows,
                "bytes": len(data),
                "careers_changed": len(plan.changed_careers),
                "steps": [read, dry_run, applied],
                "total_seconds": total,
            }
        )
        print(
            f"{size:>4} occupations x {args.regions} regions ({rows:,} rows, {len(data) / 1024:,.0f} KB), "
            f"{len(plan.changed_careers)} careers changed: "
            + ", ".join(
                f"{step['step']} {step['seconds']:.2f} s / {step['queries']} queries"
                for step in report[-1]["steps"]
            )
            + f"; total {total:.2f} s"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"careers": args.careers, "runs": report}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
