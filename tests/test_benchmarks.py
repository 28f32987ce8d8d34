"""`make bench` and `make bench-growth` in a tiny mode: 1 process, 2 requests, no baseline checkout,
in the test database (a fresh demo database and collectstatic take a minute, too long for a test).
Only the shape of what they report is checked here, never a timing."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from careers.factories import CareerPageFactory, SalaryFigureFactory
from courses.factories import CoursePageFactory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import catalogue_growth  # noqa: E402
import cpu  # noqa: E402
import measure  # noqa: E402
import run  # noqa: E402
import stack  # noqa: E402

pytestmark = pytest.mark.django_db

FIGURES = {"url", "status", "cpu_ms", "queries", "bytes", "cache"}


@pytest.fixture
def catalogue(career_index, course_index):
    careers = [CareerPageFactory(parent=career_index, title=f"Data career {n}") for n in range(3)]
    for career in careers:
        SalaryFigureFactory(career=career)
    for n in range(3):
        CoursePageFactory(parent=course_index, title=f"Data course {n}", careers=careers[:1])
    return careers


def test_the_cpu_bench_reports_every_page_type_with_goals(catalogue, tmp_path, capsys):
    urls = {name: url for name, url in measure.discover().items() if name != "reference view"}
    assert {"home", "career", "courses index", "search", "compare-2", "compare-16", "sitemap"} <= set(urls)
    urls.update(measure.DASHBOARD)
    run = measure.measure(urls, warmup=1, requests=2)
    assert set(run["pages"]) == set(urls)
    for figures in run["pages"].values():
        assert set(figures) == FIGURES
        assert figures["status"] == 200, figures["url"]
    assert run["cache_hits"]["career"]["cache"] == "hit"
    assert run["cache_hits"]["career"]["queries"] == 0

    current = cpu.combine([run])
    cpu.compare_with(current, cpu.combine([run]))
    assert current["pages"]["career"]["x_baseline"] == pytest.approx(1.0)
    results = {
        "processes": 1,
        "requests": 2,
        "warmup": 1,
        "baseline": "itself",
        "current": current,
        "goals": cpu.goals(current, growth=None, wrk=None),
    }
    assert [line["goal"][0] for line in results["goals"]] == ["1", "2", "3", "4"]
    assert results["goals"][2]["result"] == "NOT MEASURED"
    cpu.print_report(results)
    printed = capsys.readouterr().out
    assert "compare-16" in printed and "goal 4" in printed
    json.dumps(results)  # --json writes exactly this


def test_the_growth_bench_compares_two_sizes(catalogue):
    results = catalogue_growth.run([(3, 3), (6, 5)], warmup=1, requests=2)
    assert [size["size"] for size in results["sizes"]] == [
        {"careers": 3, "courses": 3},
        {"careers": 6, "courses": 5},
    ]
    rows = {row["page"]: row for row in results["rows"]}
    assert {"courses index", "search", "sitemap", "dashboard: content health"} <= set(rows)
    for row in rows.values():
        assert row["result"] in {"PASS", "FAIL"}
        assert row["small_queries"] >= 0 and row["large_queries"] >= 0
    # Kept pages may make no query warm (home, sitemap); a dashboard view always reads the database.
    assert rows["dashboard: content health"]["small_queries"] > 0
    json.dumps(results)


def test_a_wrk_run_gives_the_cached_share_of_the_static_ceiling(tmp_path):
    wrk = tmp_path / "wrk.json"
    wrk.write_text(json.dumps({"cached_share_of_static_percent": {"home": 92.0, "career": 85.0}}))
    assert cpu.wrk_share(wrk)["cached_share_of_static_percent"] == 85.0


def test_goal_4_passes_only_with_both_the_hit_cost_and_the_wrk_share():
    current = {
        "pages": {"career": {"cpu_ms": 3.0, "queries": 0, "x_baseline": 0.2, "status": 200}},
        "cache_hits": {"career": {"cpu_ms": 0.2}},
    }
    verdict = {
        share: cpu.goals(current, None, None if share is None else {"cached_share_of_static_percent": share})[
            3
        ]
        for share in (None, 95.0, 60.0)
    }
    assert verdict[None]["result"] == "NOT MEASURED"
    assert verdict[95.0]["result"] == "PASS"
    assert verdict[60.0]["result"] == "FAIL"


def test_a_cached_pages_share_is_taken_against_the_static_run_just_before_it():
    rows = [
        {"page": "home", "mode": "cached", "queries": 0, "rps": 900.0, "ceiling_rps": 1000.0},
        {"page": "career", "mode": "cached", "queries": 0, "rps": 900.0, "ceiling_rps": 1800.0},
        {"page": "search", "mode": "cached", "queries": 3, "rps": 100.0, "ceiling_rps": 1000.0},
        {"page": run.CEILING, "mode": "cached", "queries": 0, "rps": 2000.0},
        {"page": "home", "mode": "rendered", "queries": 5, "rps": 50.0},
    ]
    assert run.cached_share(rows) == {"home": 90.0, "career": 50.0}
    unpaired = [{key: value for key, value in row.items() if key != "ceiling_rps"} for row in rows]
    assert run.cached_share(unpaired) == {"home": 45.0, "career": 45.0}
    # Measured in several pairs: the median of the pairs' shares, whatever the medians of each side.
    rounds = [{**rows[0], "share_percent": 93.0, "shares_percent": [88.0, 93.0, 97.0]}, rows[3]]
    assert run.cached_share(rounds) == {"home": 93.0}
    assert run.cached_share([{**row, "mode": run.BROWSER_MODE} for row in rounds], run.BROWSER_MODE) == {
        "home": 93.0
    }


def test_the_server_cpu_share_is_kept_apart_from_the_requests_share():
    rows = [
        {"page": "home", "mode": "cached", "queries": 0, "rps": 500.0, "share_percent": 50.0},
        {"page": "career", "mode": "cached", "queries": 0, "rps": 500.0, "share_percent": 48.0},
        {"page": run.CEILING, "mode": "cached", "queries": 0, "rps": 1000.0},
    ]
    rows[0]["cpu_share_percent"] = 95.0
    assert run.cached_share(rows) == {"home": 50.0, "career": 48.0}
    assert run.cached_share(rows, by="cpu_share_percent") == {"home": 95.0}


def test_a_processs_cpu_seconds_grow_with_its_work():
    before = stack._cpu_seconds(os.getpid())
    busy_until = time.process_time() + 0.3
    while time.process_time() < busy_until:
        pass
    assert stack._cpu_seconds(os.getpid()) - before >= 0.2
