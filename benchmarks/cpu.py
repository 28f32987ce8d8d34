"""make bench: CPU per request in-process for every page type, against a reference view and 794e790.

    python benchmarks/cpu.py [--processes 3] [--requests 15] [--warmup 3] [--baseline 794e790 | --no-baseline]
                             [--growth-json FILE] [--wrk-json FILE] [--json FILE]

This checkout and, unless --no-baseline, the baseline commit (checked out with `git worktree add`
into a temporary directory, removed afterwards) each get a fresh SQLite database with the demo
content and their static files collected, under production settings without Redis. Then
benchmarks/measure.py runs --processes times in each, one process after another, and each page's
figure is the median over the processes of each process's median CPU time per request. Figures are
also given as ratios: to the reference view (a trivial Django view behind the same middleware, so
machines compare) and to the baseline's same page. The last lines say PASS or FAIL for the goals
of issue 16; goal 3 reads `make bench-growth`'s JSON and goal 4's throughput `make bench-wrk`'s,
when given.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEASURE = Path(__file__).resolve().parent / "measure.py"
PYTHON = sys.executable
BASELINE = "794e790"
PUBLIC_PAGES = (
    "home",
    "careers list, filtered",
    "course",
    "courses index",
    "search",
    "compare-2",
    "compare-16",
    "career comparison (3)",
    "sitemap",
)


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def environment(var_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "PORTAL_VAR_DIR": str(var_dir),
        "STATIC_ROOT": str(var_dir / "static"),
        "MEDIA_ROOT": str(var_dir / "media"),
        "DATABASE_URL": f"sqlite:///{var_dir / 'bench.sqlite3'}",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("REDIS_URL", "PAGE_CACHE_ENABLED", "AWS_STORAGE_BUCKET_NAME", "FRONTEND_CACHE_PURGE_URL"):
        env.pop(name, None)
    return env


def prepare(checkout: Path, var_dir: Path) -> dict[str, str]:
    """A fresh database with the demo content and the static files, for one checkout."""
    if var_dir.exists():
        shutil.rmtree(var_dir)
    var_dir.mkdir(parents=True)
    env = environment(var_dir)
    for command in (["collectstatic", "--noinput"], ["migrate", "--noinput"], ["seed_demo"]):
        subprocess.run(
            [PYTHON, "manage.py", *command], cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL
        )
    return env


def run_processes(checkout: Path, env: dict[str, str], args: argparse.Namespace) -> list[dict]:
    runs = []
    for number in range(args.processes):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            command = [PYTHON, str(MEASURE), "--requests", str(args.requests), "--warmup", str(args.warmup)]
            # The production settings log every 404 (the baseline lacks some pages) to stdout.
            subprocess.run(
                [*command, "--output", out.name], cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL
            )
            runs.append(json.loads(Path(out.name).read_text()))
        log(f"{checkout.name}: process {number + 1} of {args.processes} measured")
    return runs


def combine(runs: list[dict]) -> dict:
    """Per page: the median over processes of CPU ms, and the first process's queries and size."""
    combined: dict[str, dict] = {"pages": {}, "cache_hits": {}}
    for section in combined:
        for name, first in runs[0][section].items():
            cpu = [run[section][name]["cpu_ms"] for run in runs if name in run[section]]
            combined[section][name] = {**first, "cpu_ms": statistics.median(cpu), "cpu_ms_per_process": cpu}
    reference = combined["pages"].get("reference view", {}).get("cpu_ms") or None
    for section in combined.values():
        for figures in section.values():
            figures["x_reference"] = figures["cpu_ms"] / reference if reference else None
    return combined


def compare_with(current: dict, baseline: dict | None) -> None:
    for name, figures in current["pages"].items():
        before = (baseline or {}).get("pages", {}).get(name)
        usable = before and before["status"] == 200 and before["cpu_ms"]
        figures["baseline_cpu_ms"] = before["cpu_ms"] if before else None
        figures["baseline_queries"] = before["queries"] if before else None
        figures["x_baseline"] = figures["cpu_ms"] / before["cpu_ms"] if usable else None


def goals(current: dict, growth: dict | None, wrk: dict | None) -> list[dict]:
    pages = current["pages"]
    career = pages.get("career", {})
    verdicts = []

    def verdict(goal: str, passed: bool | None, detail: str) -> None:
        verdicts.append(
            {
                "goal": goal,
                "result": {True: "PASS", False: "FAIL", None: "NOT MEASURED"}[passed],
                "detail": detail,
            }
        )

    ratio = career.get("x_baseline")
    verdict(
        "1 career page: <= 1/4 of the baseline's CPU, <= 6 queries",
        None if ratio is None else ratio <= 0.25 and career["queries"] <= 6,
        f"{career.get('cpu_ms', 0):.1f} ms = {ratio:.2f}x baseline, {career.get('queries')} queries"
        if ratio is not None
        else f"no baseline; {career.get('queries')} queries",
    )
    problems = []
    for name in PUBLIC_PAGES:
        figures = pages.get(name)
        if figures is None or name == "sitemap":
            continue
        if figures["status"] != 200:
            problems.append(f"{name}: HTTP {figures['status']}")
        if figures["queries"] > 8:
            problems.append(f"{name}: {figures['queries']} queries")
        if career and figures["cpu_ms"] > 2 * career["cpu_ms"]:
            problems.append(f"{name}: {figures['cpu_ms'] / career['cpu_ms']:.1f}x the career page")
    compare16 = pages.get("compare-16", {}).get("bytes", 0)
    if compare16 >= 120 * 1024:
        problems.append(f"compare-16: {compare16 / 1024:.0f} KB")
    verdict(
        "2 other public pages: <= 8 queries, <= 2x career CPU, compare-16 < 120 KB",
        not problems,
        "; ".join(problems) or "all within",
    )
    if growth is None:
        verdict("3 growth: same queries, CPU <= 1.5x", None, "run make bench-growth (--growth-json)")
    else:
        failing = [row["page"] for row in growth["rows"] if row["result"] != "PASS"]
        verdict(
            "3 growth: same queries, CPU <= 1.5x", not failing, ", ".join(failing) or "every page and view"
        )
    hits = current["cache_hits"]
    slowest = max((figures["cpu_ms"] for figures in hits.values()), default=None)
    share = (wrk or {}).get("cached_share_of_static_percent")
    # Both halves must be measured to pass: a fast hit alone says nothing about throughput.
    if slowest is None or slowest > 0.3:
        passed = None if slowest is None else False
    else:
        passed = None if share is None else share >= 90
    detail = f"hit {slowest:.2f} ms" if slowest is not None else "no hit measured"
    detail += (
        f", {share:.0f} % of the static file's req/s under wrk (the lowest page, either encoding)"
        if share is not None
        else ", wrk share not measured (make bench-wrk)"
    )
    cpu_share = (wrk or {}).get("cached_cpu_share_of_static_percent")
    if cpu_share is not None:
        detail += f"; by the server's CPU per request {cpu_share:.0f} %"
    verdict("4 cache hits: <= 0.3 ms, >= 90 % of static under wrk", passed, detail)
    return verdicts


def wrk_share(path: Path) -> dict:
    """Cached pages' shares of the static file from make bench-wrk's JSON: by requests per second and
    by the server's CPU per request, each with no Accept-Encoding and with a browser's (pages
    gzipped, the static file Brotli), and the lowest page's of either encoding."""
    figures = json.loads(path.read_text())
    plain = figures.get("cached_share_of_static_percent") or {}
    browser = figures.get("cached_share_of_static_percent_browser") or {}
    if not plain and not browser:
        return {}
    cpu_shares = [
        *(figures.get("cached_cpu_share_of_static_percent") or {}).values(),
        *(figures.get("cached_cpu_share_of_static_percent_browser") or {}).values(),
    ]
    return {
        "shares_percent": plain,
        "browser_shares_percent": browser,
        "cached_share_of_static_percent": min([*plain.values(), *browser.values()]),
        "cached_cpu_share_of_static_percent": min(cpu_shares) if cpu_shares else None,
    }


def print_report(results: dict) -> None:
    print(f"{'page':<28} {'CPU ms':>7} {'x ref':>6} {'x base':>7} {'SQL':>4} {'base SQL':>8} {'KB':>6}")
    for name, f in results["current"]["pages"].items():
        ref = f"{f['x_reference']:.0f}" if f.get("x_reference") else "-"
        base = f"{f['x_baseline']:.2f}" if f.get("x_baseline") else "-"
        base_sql = "-" if f.get("baseline_queries") is None else str(f["baseline_queries"])
        flag = "" if f["status"] == 200 else f" HTTP {f['status']}"
        line = f"{name:<28} {f['cpu_ms']:>7.2f} {ref:>6} {base:>7} {f['queries']:>4} {base_sql:>8}"
        print(f"{line} {f['bytes'] / 1024:>6.0f}{flag}")
    for name, f in results["current"]["cache_hits"].items():
        ref = f"{f['x_reference']:.1f}" if f.get("x_reference") else "-"
        line = (
            f"{'page-cache hit: ' + name:<28} {f['cpu_ms']:>7.2f} {ref:>6} {'':>7} {f['queries']:>4} {'':>8}"
        )
        print(f"{line} {f['bytes'] / 1024:>6.0f} {f['cache']}")
    print(
        f"\nmedian of {results['processes']} processes x {results['requests']} requests"
        f" after {results['warmup']} warm-up;"
        f" x ref = CPU / the reference view's; x base = CPU / {results['baseline'] or 'no baseline'}'s"
    )
    for line in results["goals"]:
        print(f"{line['result']}: goal {line['goal']} ({line['detail']})")


def report_again(args: argparse.Namespace) -> int:
    results = json.loads(args.from_json.read_text())
    results["growth"] = (
        json.loads(args.growth_json.read_text()) if args.growth_json else results.get("growth")
    )
    results["wrk"] = wrk_share(args.wrk_json) if args.wrk_json else results.get("wrk")
    results["goals"] = goals(results["current"], results["growth"], results["wrk"])
    print_report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--baseline", default=BASELINE, help="the commit to bench beside this checkout")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--growth-json", type=Path, help="make bench-growth's --json, for goal 3")
    parser.add_argument("--wrk-json", type=Path, help="make bench-wrk's --json, for goal 4's throughput")
    parser.add_argument("--json", type=Path, help="also write everything to this file")
    parser.add_argument(
        "--from-json",
        type=Path,
        help="measure nothing: report an earlier --json with the growth and wrk files",
    )
    args = parser.parse_args()
    if args.from_json:
        return report_again(args)
    if not (1 <= args.processes <= 20 and 1 <= args.requests <= 500 and 0 <= args.warmup <= 50):
        parser.error("--processes 1-20, --requests 1-500, --warmup 0-50")
    started = time.monotonic()
    log("preparing this checkout ...")
    current = combine(run_processes(ROOT, prepare(ROOT, ROOT / "var" / "bench" / "cpu"), args))
    baseline = None
    if not args.no_baseline:
        with tempfile.TemporaryDirectory(prefix="bench-baseline-") as temporary:
            checkout = Path(temporary) / "checkout"
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(checkout), args.baseline],
                check=True,
                capture_output=True,
            )
            try:
                log(f"preparing {args.baseline} in {checkout} ...")
                baseline = combine(
                    run_processes(checkout, prepare(checkout, checkout / "var" / "bench"), args)
                )
            finally:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(checkout)], check=False
                )
    compare_with(current, baseline)
    growth = json.loads(args.growth_json.read_text()) if args.growth_json else None
    wrk = wrk_share(args.wrk_json) if args.wrk_json else None
    results = {
        "processes": args.processes,
        "requests": args.requests,
        "warmup": args.warmup,
        "baseline": None if args.no_baseline else args.baseline,
        "settings": "portal.settings.production, SQLite, local-memory cache, page cache off (hits: on)",
        "current": current,
        "baseline_figures": baseline,
        "growth": growth,
        "wrk": wrk,
        "elapsed_s": round(time.monotonic() - started, 1),
    }
    results["goals"] = goals(current, growth, wrk)
    print_report(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
