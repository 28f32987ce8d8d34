"""make bench-wrk: requests per second, p50/p99 latency and SQL queries per request for each page type.

    python benchmarks/run.py [--duration 5] [--connections 16] [--json PATH] [--no-redis]
                             [--port 8150] [--redis-port 8151] [--counting-rounds 2]
                             [--share-rounds 5] [--share-duration 3]

Seeds the demo content into a fresh database (var/bench/bench/), starts gunicorn with the
production settings and gunicorn.conf.py (without recycling workers, see main()) on 127.0.0.1:8150
(Redis on 127.0.0.1:8151 when redis-server exists) and measures each URL three times: rendered on
every request (page cache off), then with the page cache on, asked with no Accept-Encoding (as wrk
asks) and with a browser's (pages come gzipped, the static file Brotli-compressed). The load comes
from wrk (installed with apt-get when missing and possible) or, failing that, from a bounded
Python loop. Each URL gets --duration seconds. With the page cache on, each page the cache keeps is measured
--share-rounds times (5) for --share-duration seconds (3), each right after the static file (the
ceiling of the same stack) for as long, and its share of the ceiling is the median of those pairs:
on a shared machine whose load moves, one static run minutes away from a page says little. The
share is taken twice, by requests per second and by the server's CPU per request (gunicorn's
workers and Redis, from /proc: free of wrk's own CPU and of other work on the machine). The whole
run is bounded (about 9 x duration rendered, 2 x 8 x 2 x share rounds x share duration cached,
and 2 x 2 x counting rounds x duration, plus ~1 minute of set-up: ~12 minutes by default).

Audience view counting (portal/audience_counting.py) is on throughout, as in production. Then the
career page is measured with counting off and on, alternately, --counting-rounds times each, in
both modes (gunicorn restarted for each), and the table's last lines give what counting costs:
the mean requests per second with it against without it.

SQL queries per request are counted by the server itself: the benchmark-only
PORTAL_QUERY_COUNT_HEADER=1 adds portal.query_count's middleware, which counts every statement
on the database connection while a request is handled and returns it in X-Query-Count. The
figure shown is from a warm request (the third), so one-off start-up queries are left out.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import BROWSER_ENCODING, ensure_wrk, measure_python, measure_wrk  # noqa: E402
from stack import Stack, fetch, log, machine, running  # noqa: E402

PORT, REDIS_PORT = 8150, 8151
CEILING = "static CSS (ceiling)"
BROWSER_MODE = "cached, browser"
# Cached pages' shares of the static file: what is shared, the Accept-Encoding (no encoding, as wrk
# asks, or a browser's), the JSON key, the mode measured and the row's field.
SHARES = (
    ("req/s", "no", "cached_share_of_static_percent", "cached", "share_percent"),
    ("req/s", "a browser's", "cached_share_of_static_percent_browser", "cached, browser", "share_percent"),
    ("server CPU per request", "no", "cached_cpu_share_of_static_percent", "cached", "cpu_share_percent"),
    (
        "server CPU per request",
        "a browser's",
        "cached_cpu_share_of_static_percent_browser",
        "cached, browser",
        "cpu_share_percent",
    ),
)


def query_count(url: str) -> tuple[int, int | None]:
    """Status and SQL queries of the third request (the first two warm per-process caches)."""
    status, headers, count = 0, {}, None
    for _ in range(3):
        status, headers, _body = fetch(url)
    value = headers.get("X-Query-Count")
    count = int(value) if value is not None else None
    return status, count


def measure_all(
    stack: Stack,
    urls: dict[str, str],
    mode: str,
    args,
    wrk: str | None,
    paired: bool = False,
    headers: dict[str, str] | None = None,
) -> list[dict]:
    """Each URL in turn. ``paired``: the static file (the ceiling) is measured again just before each
    page, --share-rounds times, and the row keeps the medians and the median of the pairs' shares,
    so a page's share is not at the mercy of one static run on a machine whose load moves."""
    rows = []

    def load(url: str, duration: float = args.duration) -> dict[str, float]:
        cpu_before = stack.server_cpu_seconds()
        if wrk:
            figures = measure_wrk(wrk, url, duration, args.connections, headers)
        else:
            figures = measure_python(url, duration, args.connections, headers)
        spent = stack.server_cpu_seconds() - cpu_before
        figures["server_cpu_ms"] = spent * 1000 / figures["requests"] if figures["requests"] else 0.0
        return figures

    for name, path in urls.items():
        url = stack.base_url + path
        status, queries = query_count(url)
        row = {"page": name, "url": path, "mode": mode, "status": status, "queries": queries}
        if paired and name != CEILING and not queries:
            ceiling_url, seconds = stack.base_url + urls[CEILING], args.share_duration
            pairs = [(load(ceiling_url, seconds), load(url, seconds)) for _ in range(args.share_rounds)]
            figures = {
                key: statistics.median(page[key] for _, page in pairs)
                for key in ("rps", "p50_ms", "p99_ms", "server_cpu_ms")
            }
            figures["requests"] = sum(page["requests"] for _, page in pairs)
            figures["errors"] = sum(page["errors"] for _, page in pairs)
            row["ceiling_rps"] = statistics.median(ceiling["rps"] for ceiling, _ in pairs)
            row["ceiling_server_cpu_ms"] = statistics.median(ceiling["server_cpu_ms"] for ceiling, _ in pairs)
            shares = [page["rps"] / ceiling["rps"] * 100 for ceiling, page in pairs]
            row["share_percent"] = statistics.median(shares)
            row["shares_percent"] = [round(share, 1) for share in shares]
            # The static file's server CPU per request over the page's: the share of the ceiling a
            # server of its own would reach, free of wrk's CPU and of the machine's other load.
            cpu_shares = [ceiling["server_cpu_ms"] / page["server_cpu_ms"] * 100 for ceiling, page in pairs]
            row["cpu_share_percent"] = statistics.median(cpu_shares)
            row["cpu_shares_percent"] = [round(share, 1) for share in cpu_shares]
        else:
            figures = load(url)
        rows.append({**row, **figures})
        log(
            f"{mode:>8} {name:<26} {figures['rps']:8.1f} req/s  p50 {figures['p50_ms']:7.1f} ms  "
            f"p99 {figures['p99_ms']:7.1f} ms  SQL {queries}  errors {figures['errors']}"
            + f"  server CPU {figures['server_cpu_ms']:.2f} ms/request"
            + (
                f"  share of static: req/s {row['shares_percent']}, CPU {row['cpu_shares_percent']}"
                if "shares_percent" in row
                else ""
            )
        )
    return rows


def measure_counting(stack: Stack, url_path: str, mode: str, args, wrk: str | None) -> list[dict]:
    """The career page with view counting off, then on, alternately; a gunicorn restart each time."""
    rows = []
    for round_number in range(1, args.counting_rounds + 1):
        for counting in (False, True):
            stack.start_gunicorn(page_cache=mode == "cached", counting=counting)
            url = stack.base_url + url_path
            for _ in range(5):
                fetch(url)  # warm the worker's caches (and, cached, the page cache)
            if wrk:
                figures = measure_wrk(wrk, url, args.duration, args.connections)
            else:
                figures = measure_python(url, args.duration, args.connections)
            label = f"counting {'on' if counting else 'off'}"
            row = {"mode": mode, "counting": counting, "round": round_number, "url": url_path}
            rows.append({**row, **figures})
            log(f"{mode:>8} career, {label:<12} round {round_number}: {figures['rps']:8.1f} req/s")
    return rows


def counting_cost(rows: list[dict]) -> dict[str, dict[str, float]]:
    """Per mode: mean req/s with counting off and on, and the cost in percent of the former."""
    costs = {}
    for mode in dict.fromkeys(row["mode"] for row in rows):
        off = statistics.mean(row["rps"] for row in rows if row["mode"] == mode and not row["counting"])
        on = statistics.mean(row["rps"] for row in rows if row["mode"] == mode and row["counting"])
        costs[mode] = {"off_rps": off, "on_rps": on, "cost_percent": (off - on) / off * 100 if off else 0.0}
    return costs


def cached_share(rows: list[dict], mode: str = "cached", by: str = "share_percent") -> dict[str, float]:
    """Each cached page's share of the static file, the ceiling of the same stack, in percent: by
    requests per second (``share_percent``) or by the server's CPU per request (``cpu_share_percent``,
    paired rows only). Pages the cache never keeps (search: free text) are left out: they make
    queries even here."""
    cached = {row["page"]: row for row in rows if row["mode"] == mode and not row["queries"]}
    static = cached.pop(CEILING, None)
    if static is None:
        return {}
    if by != "share_percent":
        return {page: row[by] for page, row in cached.items() if by in row}

    def share(row: dict) -> float:
        if "share_percent" in row:  # the median of the pairs' shares (paired)
            return row["share_percent"]
        return row["rps"] / (row.get("ceiling_rps") or static["rps"]) * 100

    return {page: share(row) for page, row in cached.items()}


def print_table(results: dict) -> None:
    by_key = {(row["page"], row["mode"]): row for row in results["results"]}
    pages = list(dict.fromkeys(row["page"] for row in results["results"]))
    modes = list(dict.fromkeys(row["mode"] for row in results["results"]))
    head = f"{'page':<26}" + "".join(
        f" | {mode + ': req/s':>22} {'p50 ms':>8} {'p99 ms':>8} {'SQL':>4}" for mode in modes
    )
    print(head)
    print("-" * len(head))
    for page in pages:
        line = f"{page:<26}"
        for mode in modes:
            row = by_key.get((page, mode))
            if row is None:
                line += f" | {'':>22} {'':>8} {'':>8} {'':>4}"
                continue
            sql = "-" if row["queries"] is None else str(row["queries"])
            flag = "" if row["status"] == 200 and not row["errors"] else " !"
            line += f" | {row['rps']:>22.1f} {row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f} {sql:>4}{flag}"
        print(line)
    m = results["machine"]
    print(
        f"\n{m['cores']} cores, {m['memory_gib']} GiB, {m['cpu']}; load: {results['tool']}, "
        f"{results['connections']} connections, {results['duration_s']:.0f} s per URL; "
        f"gunicorn workers: {results['workers']}; SQL = queries in a warm request (X-Query-Count)."
    )
    for mode, cost in results["counting_cost"].items():
        print(
            f"career page, {mode}: {cost['off_rps']:.1f} req/s without view counting, "
            f"{cost['on_rps']:.1f} with it: counting costs {cost['cost_percent']:.1f} %"
        )
    for measure, label, key, _mode, _by in SHARES:
        shares = results.get(key) or {}
        if shares:
            print(
                f"cached pages as % of the static file's {measure}, with {label} Accept-Encoding, "
                "median of pairs measured one after the other (goal 4 asks >= 90 %): "
                + ", ".join(f"{page} {share:.0f} %" for page, share in shares.items())
            )
    bad = [row for row in results["results"] if row["status"] != 200 or row["errors"]]
    if bad:
        print(
            "! = a non-200 answer or errors under load: "
            + ", ".join(f"{r['page']} ({r['mode']})" for r in bad)
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=5.0, help="seconds of load per URL and mode")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--no-redis", action="store_true", help="local-memory cache, page cache off")
    parser.add_argument("--python-load", action="store_true", help="use the Python loop even if wrk exists")
    parser.add_argument("--port", type=int, default=PORT, help="gunicorn's port on 127.0.0.1")
    parser.add_argument("--redis-port", type=int, default=REDIS_PORT, help="the private Redis's port")
    parser.add_argument(
        "--share-rounds", type=int, default=5, help="static/page pairs per cached page, for its share"
    )
    parser.add_argument("--share-duration", type=float, default=3.0, help="seconds of load in each pair")
    parser.add_argument(
        "--counting-rounds", type=int, default=2, help="career page runs each with view counting off and on"
    )
    args = parser.parse_args()
    if not 1 <= args.duration <= 60 or not 1 <= args.share_duration <= 60 or not 1 <= args.connections <= 256:
        parser.error("--duration and --share-duration must be 1-60 s and --connections 1-256")
    if not 0 <= args.counting_rounds <= 10 or not 1 <= args.share_rounds <= 10:
        parser.error("--counting-rounds must be 0-10 and --share-rounds 1-10")

    wrk = None if args.python_load else ensure_wrk()
    tool = (
        f"wrk ({subprocess.run([wrk, '-v'], capture_output=True, text=True).stdout.split()[1]})"
        if wrk
        else ("Python load loop (wrk unavailable)")
    )
    # Workers are not recycled here. At full speed gunicorn.conf.py's guard (20,000 requests) fires
    # every half minute or so per worker, hours at a real site's traffic; each recycle drops its
    # keep-alive connections onto the others mid-pair (before the per-worker connection cap, wrk's 16
    # could then end up on one worker: pairs of the same page measured 37 % and 280 %).
    stack = Stack(
        "bench", args.port, None if args.no_redis else args.redis_port, page_cache=False, max_requests=0
    )
    started = time.monotonic()
    with running(stack):
        urls = stack.discover()
        log(f"measuring {len(urls)} URLs with {tool}")
        workers = len(stack.worker_pids())
        rows = measure_all(stack, urls, "rendered", args, wrk)
        if stack.redis_url:
            stack.start_gunicorn(page_cache=True)
            rows += measure_all(stack, urls, "cached", args, wrk, paired=CEILING in urls)
            rows += measure_all(
                stack, urls, BROWSER_MODE, args, wrk, paired=CEILING in urls, headers=BROWSER_ENCODING
            )
        counting_rows = []
        if "career" in urls and args.counting_rounds:
            for mode in ("rendered", "cached") if stack.redis_url else ("rendered",):
                counting_rows += measure_counting(stack, urls["career"], mode, args, wrk)
    results = {
        "machine": machine(),
        "tool": tool,
        "connections": args.connections,
        "duration_s": args.duration,
        "workers": workers,
        "settings": "portal.settings.production, gunicorn.conf.py, "
        + ("Redis" if stack.redis_url else "locmem"),
        "modes": {
            "rendered": "page cache off: every request renders the page",
            "cached": "page cache on (Redis): anonymous GETs served from the cache after the first",
            BROWSER_MODE: "the same with a browser's Accept-Encoding: pages gzipped, the static file Brotli",
        },
        "elapsed_s": round(time.monotonic() - started, 1),
        "results": rows,
        "counting": counting_rows,
        "counting_cost": counting_cost(counting_rows),
    }
    for _measure, _label, key, mode, by in SHARES:
        results[key] = cached_share(rows, mode, by)
    print_table(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
