"""make lighthouse: Lighthouse's four category scores for the main public page types, in Chromium.

    python benchmarks/lighthouse.py [--json PATH] [--reports DIR]

Seeds a fresh database (var/bench/lighthouse/), starts gunicorn with the production settings
on 127.0.0.1:8154 (Redis on 8155 when available), and runs the pinned npm lighthouse
(package.json, installed with `npm ci` when missing) with Debian's Chromium on the home page, a
career, the careers index, a comparison of 3 careers and a 16-course comparison. Lighthouse's
default mobile profile with simulated throttling. Prints one table of scores (0-100); the full reports land in
var/bench/lighthouse/reports/. Loopback only: Chromium resolves every other host to nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import ROOT, Stack, log, machine, running  # noqa: E402

PORT, REDIS_PORT = 8154, 8155
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Quoted: Lighthouse parses this string like a command line.
    '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"',
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = ["home", "career", "careers index, filtered", "compare 3 careers", "compare 16 courses"]


def ensure_lighthouse() -> Path:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        if not shutil.which("npm"):
            raise SystemExit("npm is needed for Lighthouse: apt-get install npm")
        log("npm ci (the pinned lighthouse from package-lock.json) ...")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    if not Path(CHROME).exists():
        raise SystemExit(f"no Chromium at {CHROME}: apt-get install chromium")
    return binary


def audit(binary: Path, url: str, report: Path) -> dict:
    command = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        '--extra-headers={"X-Forwarded-Proto": "https"}',
    ]
    env = dict(os.environ, CHROME_PATH=CHROME)
    # Chromium occasionally loses the trace on a busy machine (NO_NAVSTART): try up to three times.
    for attempt in range(3):
        result = subprocess.run(command, cwd=ROOT, env=env, timeout=240, capture_output=True, text=True)
        if result.returncode == 0:
            break
        log(f"  lighthouse attempt {attempt + 1} failed: {result.stderr.strip().splitlines()[-1:]}")
    else:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(report.read_text())


def failing_audits(data: dict) -> list[str]:
    """The scored audits that did not get full marks, for the table's footnotes."""
    notes = []
    for key in CATEGORIES:
        for ref in data["categories"][key]["auditRefs"]:
            result = data["audits"][ref["id"]]
            if ref["weight"] and result.get("score") is not None and result["score"] < 1:
                notes.append(f"{key}: {result['title']} ({result.get('displayValue') or result['score']})")
    return notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the scores to this file")
    parser.add_argument("--port", type=int, default=PORT, help="gunicorn's port on 127.0.0.1")
    parser.add_argument("--redis-port", type=int, default=REDIS_PORT, help="the private Redis's port")
    args = parser.parse_args()
    binary = ensure_lighthouse()
    stack = Stack("lighthouse", args.port, args.redis_port, page_cache=True)
    # Chromium fetches robots.txt without Lighthouse's extra headers, so over plain http: no
    # redirect to an https that loopback does not have. Pages still arrive as if from the proxy.
    stack.env["SECURE_SSL_REDIRECT"] = "false"
    rows = []
    with running(stack):
        urls = stack.discover()
        reports = stack.var_dir / "reports"
        reports.mkdir(exist_ok=True)
        courses = [name for name in urls if re.fullmatch(r"compare \d+ courses", name)]
        compare = next((name for name in courses if name != "compare 2 courses"), None)
        for name in PAGES:
            key = compare if name == "compare 16 courses" else name
            if key not in urls:
                log(f"{name}: not in the demo content, skipped")
                continue
            url = stack.base_url + urls[key]
            log(f"lighthouse {key}: {url}")
            data = audit(binary, url, reports / f"{key.replace(' ', '-').replace(',', '')}.json")
            if data.get("finalDisplayedUrl") != url:
                log(f"  note: Lighthouse ended on {data.get('finalDisplayedUrl')}")
            scores = {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}
            rows.append({"page": key, "url": urls[key], **scores, "not_full_marks": failing_audits(data)})

    print(f"{'page':<26} " + " ".join(f"{c:>14}" for c in CATEGORIES))
    for row in rows:
        print(f"{row['page']:<26} " + " ".join(f"{row[c]:>14}" for c in CATEGORIES))
    notes = sorted({note for row in rows for note in row["not_full_marks"]})
    if notes:
        print("\nBelow full marks:\n  " + "\n  ".join(notes))
    m = machine()
    print(
        f"\nLighthouse 12.2.3, mobile profile, simulated throttling; "
        f"{m['cores']} cores, {m['memory_gib']} GiB"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": m, "results": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
