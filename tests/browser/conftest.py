"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Where no Chromium is installed these tests are skipped with a reason, unless
REQUIRE_BROWSER=1, which turns the missing browser into a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_runtest_setup(item):
    if CHROMIUM.exists():
        return
    reason = f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium`"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            # Any request off this machine fails at once: tests never reach the internet.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
        ],
    }


@pytest.fixture
def axe_clean():
    """axe_clean(page) runs axe-core (shipped inside axe-playwright-python) and fails on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, context: str | None = None) -> None:
        # A URL can match while the new document is still parsing; scan the finished page.
        page.wait_for_load_state("load")
        results = axe.run(page, context=context)
        assert results.violations_count == 0, (
            f"axe found violations on {page.url}:\n" + results.generate_report()
        )

    return check
