"""The load for make bench-wrk: wrk when it is there (installed with apt-get when missing and
possible), else a bounded Python loop of keep-alive connections. Each returns requests per
second, p50/p99 latency, the number of requests and of errors."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import threading
import time
import urllib.parse
from http.client import HTTPConnection

from stack import FORWARDED, log


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk missing: apt-get install wrk ...")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
        if subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], **quiet).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], **quiet)
            subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], **quiet)
    return shutil.which("wrk")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


# What Firefox sends: WhiteNoise then serves the static file Brotli-compressed, and pages come gzipped.
BROWSER_ENCODING = {"Accept-Encoding": "gzip, deflate, br, zstd"}


def measure_wrk(
    wrk: str, url: str, duration: float, connections: int, headers: dict[str, str] | None = None
) -> dict[str, float]:
    header = [f"{name}: {value}" for name, value in {**FORWARDED, **(headers or {})}.items()]
    command = [wrk, "-t2", f"-c{connections}", f"-d{duration:.0f}s", "--latency", "--timeout", "10s"]
    for line in header:
        command += ["-H", line]
    out = subprocess.run([*command, url], capture_output=True, text=True, timeout=duration + 30).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99_ms": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "errors": 0,
    }
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["errors"] = int(non_2xx.group(1)) if non_2xx else 0
    if socket:
        result["errors"] += sum(int(n) for n in socket.groups())
    return result


def measure_python(
    url: str, duration: float, connections: int, headers: dict[str, str] | None = None
) -> dict[str, float]:
    """The fallback load: `connections` threads with keep-alive connections, for `duration` seconds."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def worker() -> None:
        conn = HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine: list[float] = []
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={**FORWARDED, **(headers or {})})
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
            except OSError:
                errors[0] += 1
                conn.close()
                conn = HTTPConnection(parts.hostname, parts.port, timeout=10)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    count = len(latencies)
    return {
        "rps": count / duration,
        "p50_ms": statistics.median(latencies) if latencies else 0.0,
        "p99_ms": latencies[min(count - 1, int(count * 0.99))] if latencies else 0.0,
        "requests": count,
        "errors": errors[0],
    }
