"""make soak: a steady load over every public page type, checking for errors and worker memory growth,
then the same load through two faults.

    python benchmarks/soak.py [--duration 120] [--connections 16] [--max-growth 20] [--page-cache]
                              [--fault-seconds 60] [--port 8152 --redis-port 8153]

Seeds a fresh database (var/bench/soak/), starts gunicorn with the production settings on
127.0.0.1:8152 (Redis on 8153 when available) with worker recycling switched off, so a leak
cannot hide behind restarts, and by default with the page cache off, so every request renders.
After a 20-second warm-up it records each worker's resident memory, runs wrk (or the Python
loop) for --duration seconds cycling through all the page types, and fails (exit 1) on any
error or non-2xx answer, on a worker that died or was replaced, or on a worker whose memory
grew by more than --max-growth percent.

Then the faults (--fault-seconds, 0 to skip) at --fault-connections (8: below saturation, so a slow answer
means a fault, not a queue), each request on a new connection
and timed: the private redis-server is frozen (SIGSTOP) for 20 s and thawed (SIGCONT), then one
gunicorn worker is killed (SIGKILL). It fails unless every request is answered within
HANG_SECONDS and without a 5xx (the cache fails open), /healthz turns 503 while Redis is frozen and
200 again after, and no more requests go unanswered than the killed worker had threads.
Bounded in time; loopback only; only processes this script started get signals. Not run in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import ensure_wrk  # noqa: E402
from stack import FORWARDED, Stack, log, machine, running  # noqa: E402

PORT, REDIS_PORT = 8152, 8153
WARM_UP_SECONDS = 20
# Faults: when each starts (seconds into the fault phase), and how long a request may take at most.
FREEZE_AT, FREEZE_SECONDS, KILL_AT = 5, 20, 35
HANG_SECONDS = 10

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


def load_with_faults(stack: Stack, paths: list[str], seconds: int, connections: int) -> dict[str, object]:
    """The Python loop with a new connection per request (so a killed worker can only lose the
    requests it was serving), a /healthz poll every half second, and the faults on a timer."""
    parts = urllib.parse.urlsplit(stack.base_url)
    redis = stack.processes[0] if stack.processes else None
    started = time.monotonic()
    stop_at = started + seconds
    lock = threading.Lock()
    found: dict[str, object] = {"requests": 0, "server_errors": 0, "unanswered": 0, "timed_out": 0}
    found["slowest"] = 0.0
    health: list[tuple[float, int]] = []
    events: dict[str, float] = {}

    def one(path: str) -> int | str:
        """The status, or "timed out" (no answer in HANG_SECONDS), or "lost" (connection dropped)."""
        conn = HTTPConnection(parts.hostname, parts.port, timeout=HANG_SECONDS)
        try:
            conn.request("GET", path, headers={**FORWARDED, "Connection": "close"})
            response = conn.getresponse()
            response.read()
            return response.status
        except TimeoutError:
            return "timed out"
        except OSError:
            return "lost"
        finally:
            conn.close()

    def worker(offset: int) -> None:
        done = 0
        while time.monotonic() < stop_at:
            began = time.monotonic()
            status = one(paths[(offset + done) % len(paths)])
            took = time.monotonic() - began
            done += 1
            with lock:
                found["requests"] += 1
                found["slowest"] = max(found["slowest"], took)
                if status == "timed out":
                    found["timed_out"] += 1
                elif status == "lost":
                    found["unanswered"] += 1
                elif status >= 500:
                    found["server_errors"] += 1

    def poll_health() -> None:
        while time.monotonic() < stop_at:
            status = one("/healthz")
            health.append((time.monotonic() - started, status))
            time.sleep(0.5)

    def faults() -> None:
        time.sleep(FREEZE_AT)
        if redis is not None:
            events["redis frozen"] = time.monotonic() - started
            log("fault: Redis frozen (SIGSTOP)")
            os.kill(redis.pid, signal.SIGSTOP)
            try:
                time.sleep(FREEZE_SECONDS)
            finally:
                os.kill(redis.pid, signal.SIGCONT)
            events["redis thawed"] = time.monotonic() - started
            log("fault: Redis thawed (SIGCONT)")
        time.sleep(max(0.0, KILL_AT - (time.monotonic() - started)))
        victim = stack.worker_pids()[0]
        events["worker killed"] = time.monotonic() - started
        log(f"fault: worker {victim} killed (SIGKILL)")
        os.kill(victim, signal.SIGKILL)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    threads += [threading.Thread(target=poll_health), threading.Thread(target=faults)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    found["health"] = health
    found["events"] = events
    return found


def judge_faults(found: dict, threads_per_worker: int, redis_frozen: bool) -> list[str]:
    problems = []
    if found["timed_out"]:
        problems.append(f"{found['timed_out']} requests unanswered after {HANG_SECONDS} s (hung)")
    if found["server_errors"]:
        problems.append(f"{found['server_errors']} 5xx answers during the faults")
    if found["unanswered"] > threads_per_worker:
        lost = found["unanswered"]
        problems.append(f"{lost} requests lost (the killed worker had {threads_per_worker} threads)")
    if redis_frozen:
        frozen_at, thawed_at = found["events"]["redis frozen"], found["events"]["redis thawed"]
        during = [status for at, status in found["health"] if frozen_at + 1 < at < thawed_at]
        after = [status for at, status in found["health"] if at > thawed_at + 10]
        if 503 not in during:
            problems.append("/healthz never said 503 while Redis was frozen")
        if not after or after[-1] != 200:
            problems.append("/healthz did not return to 200 within 10 s of Redis thawing")
    return problems


def describe_health(found: dict) -> str:
    """The /healthz answers as runs: '200 for 4.5 s, 503 for 20.1 s, ...'."""
    runs: list[list] = []
    for at, status in found["health"]:
        if runs and runs[-1][0] == status:
            runs[-1][2] = at
        else:
            runs.append([status, at, at])
    return ", ".join(f"{status} from {start:.1f} s" for status, start, _ in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=120)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--max-growth", type=float, default=20.0, help="percent of a worker's memory")
    parser.add_argument("--page-cache", action="store_true", help="serve repeat pages from the page cache")
    parser.add_argument("--fault-seconds", type=int, default=60, help="0 skips the faults")
    # Below saturation, so a slow answer means a fault, not a queue.
    parser.add_argument("--fault-connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--redis-port", type=int, default=REDIS_PORT)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not 10 <= args.duration <= 900:
        parser.error("--duration must be 10-900 seconds")
    if args.fault_seconds and not KILL_AT + 10 <= args.fault_seconds <= 600:
        parser.error(f"--fault-seconds must be 0 or {KILL_AT + 10}-600")

    wrk = ensure_wrk()
    stack = Stack("soak", args.port, args.redis_port, page_cache=args.page_cache, max_requests=0)
    faults: dict = {}
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
        if args.fault_seconds:
            log(
                f"faults, {args.fault_seconds} s: Redis frozen at {FREEZE_AT} s, worker killed at {KILL_AT} s"
            )
            faults = load_with_faults(stack, paths, args.fault_seconds, args.fault_connections)

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
    if faults:
        threads = int(os.environ.get("GUNICORN_THREADS", "4"))
        problems += judge_faults(faults, threads, redis_frozen="redis frozen" in faults["events"])
        print(
            f"faults: {faults['requests']} requests in {args.fault_seconds} s, "
            f"slowest {faults['slowest']:.2f} s, "
            f"{faults['server_errors']} 5xx, {faults['unanswered']} lost, {faults['timed_out']} timed out; "
            + ", ".join(f"{name} at {at:.1f} s" for name, at in faults["events"].items())
            + f"\n/healthz: {describe_health(faults)}"
        )
    if args.json:
        report = {"counts": counts, "before_kib": before, "after_kib": after, "growth_pct": growth}
        if faults:
            report["faults"] = faults
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    if problems:
        print("SOAK FAILED: " + "; ".join(problems))
        return 1
    print(
        f"SOAK PASSED: no errors, no worker grew more than {args.max_growth:.0f} %"
        + ("; through the faults nothing hung, no 5xx, /healthz 503 and back to 200" if faults else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
