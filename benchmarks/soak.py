"""make soak: a steady load over every public page type, checking for errors and worker memory growth.

    python benchmarks/soak.py [--duration 120] [--connections 16] [--max-growth 20] [--page-cache]

Seeds a fresh database (var/bench/soak/), starts gunicorn with the production settings on
127.0.0.1:8152 (Redis on 8153 when available) with worker recycling switched off, so a leak
cannot hide behind restarts, and by default with the page cache off, so every request renders.
After a 20-second warm-up it records each worker's resident memory, runs wrk (or the Python
loop) for --duration seconds cycling through all the page types, and fails (exit 1) on any
error or non-2xx answer, on a worker that died or was replaced, or on a worker whose memory
grew by more than --max-growth percent. Bounded in time; loopback only. Not run in CI.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import ensure_wrk  # noqa: E402
from stack import FORWARDED, Stack, log, machine, running  # noqa: E402

PORT, REDIS_PORT = 8152, 8153
WARM_UP_SECONDS = 20

# wrk's Lua hook: each request takes the next path in turn.
ROTATE_LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], {["X-Forwarded-Proto"] = "https"})
end
"""


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def load_wrk(wrk: str, base_url: str, paths: list[str], seconds: int, connections: int) -> dict[str, int]:
    script = ROTATE_LUA % ", ".join(json.dumps(path) for path in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", handle.name]
    out = subprocess.run(
        [*command, base_url + "/"], capture_output=True, text=True, timeout=seconds + 60
    ).stdout
    Path(handle.name).unlink()
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)
    return {"requests": requests, "errors": errors}


def load_python(base_url: str, paths: list[str], seconds: int, connections: int) -> dict[str, int]:
    parts = urllib.parse.urlsplit(base_url)
    stop_at = time.monotonic() + seconds
    counts = {"requests": 0, "errors": 0}
    lock = threading.Lock()

    def worker(offset: int) -> None:
        conn = HTTPConnection(parts.hostname, parts.port, timeout=10)
        done = errors = 0
        while time.monotonic() < stop_at:
            path = paths[(offset + done) % len(paths)]
            try:
                conn.request("GET", path, headers=FORWARDED)
                response = conn.getresponse()
                response.read()
                errors += response.status >= 300
            except OSError:
                errors += 1
                conn.close()
                conn = HTTPConnection(parts.hostname, parts.port, timeout=10)
            done += 1
        with lock:
            counts["requests"] += done
            counts["errors"] += errors

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=120)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--max-growth", type=float, default=20.0, help="percent of a worker's memory")
    parser.add_argument("--page-cache", action="store_true", help="serve repeat pages from the page cache")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not 10 <= args.duration <= 900:
        parser.error("--duration must be 10-900 seconds")

    wrk = ensure_wrk()
    stack = Stack("soak", PORT, REDIS_PORT, page_cache=args.page_cache, max_requests=0)
    with running(stack):
        urls = stack.discover()
        paths = list(urls.values())
        load = (
            (lambda s: load_wrk(wrk, stack.base_url, paths, s, args.connections))
            if wrk
            else (lambda s: load_python(stack.base_url, paths, s, args.connections))
        )
        log(f"warm-up: {WARM_UP_SECONDS} s over {len(paths)} page types")
        load(WARM_UP_SECONDS)
        workers = stack.worker_pids()
        before = {pid: rss_kib(pid) for pid in workers}
        log(f"soak: {args.duration} s at {args.connections} connections ({'wrk' if wrk else 'Python loop'})")
        counts = load(args.duration)
        after_workers = stack.worker_pids()
        after = {pid: rss_kib(pid) for pid in after_workers if pid in before}

    growth = {pid: 100.0 * (after.get(pid, 0) - before[pid]) / before[pid] for pid in before}
    problems = []
    if counts["errors"]:
        problems.append(f"{counts['errors']} errors or non-2xx answers")
    if after_workers != workers:
        problems.append(f"workers changed during the soak: {workers} -> {after_workers}")
    problems += [f"worker {pid} grew {pct:.1f} %" for pid, pct in growth.items() if pct > args.max_growth]

    print(f"{'worker':>8} {'RSS before MiB':>15} {'after MiB':>10} {'growth':>8}")
    for pid in before:
        print(f"{pid:>8} {before[pid] / 1024:>15.1f} {after.get(pid, 0) / 1024:>10.1f} {growth[pid]:>7.1f}%")
    rps = counts["requests"] / args.duration
    print(
        f"\n{counts['requests']} requests in {args.duration} s ({rps:.1f}/s) over {len(paths)} page types, "
        f"{counts['errors']} errors; page cache {'on' if args.page_cache else 'off'}; "
        f"{machine()['cores']} cores, {machine()['memory_gib']} GiB"
    )
    if args.json:
        report = {"counts": counts, "before_kib": before, "after_kib": after, "growth_pct": growth}
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    if problems:
        print("SOAK FAILED: " + "; ".join(problems))
        return 1
    print(f"SOAK PASSED: no errors, no worker grew more than {args.max_growth:.0f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
