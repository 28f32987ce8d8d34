"""The production stack on loopback, for the benchmark, soak and Lighthouse scripts.

A fresh database (SQLite under var/bench/<name>/, or DATABASE_URL's) with the demo content and
its renditions, the static files collected as in production, a private Redis on its own port
when redis-server exists, and gunicorn with gunicorn.conf.py and portal.settings.production,
bound to 127.0.0.1 only. Nothing here talks to any other address.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# Every request claims to have come through the TLS proxy, as in production (gunicorn trusts
# X-Forwarded-Proto from 127.0.0.1), so HTTPS redirects and secure cookies behave as deployed, and
# names a browser, so page views are counted as a visitor's would be (no user agent is a script's).
FORWARDED = {
    "X-Forwarded-Proto": "https",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Stack:
    name: str
    port: int
    redis_port: int | None
    page_cache: bool = True
    max_requests: int | None = None
    workers: int | None = None
    var_dir: Path = field(init=False)
    env: dict[str, str] = field(init=False)
    processes: list[subprocess.Popen] = field(default_factory=list)
    gunicorn: subprocess.Popen | None = None
    redis_url: str = ""

    def __post_init__(self) -> None:
        self.var_dir = ROOT / "var" / "bench" / self.name
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PORTAL_VAR_DIR": str(self.var_dir),
            "STATIC_ROOT": str(self.var_dir / "static"),
            "MEDIA_ROOT": str(self.var_dir / "media"),
            "PORTAL_QUERY_COUNT_HEADER": "1",
            # No task worker runs here: seed_demo's search and reference index updates run at once.
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "PYTHONUNBUFFERED": "1",
        }
        for name in (
            "REDIS_URL",
            "PAGE_CACHE_ENABLED",
            "AWS_STORAGE_BUCKET_NAME",
            "FRONTEND_CACHE_PURGE_URL",
        ):
            self.env.pop(name, None)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # Setting up ---------------------------------------------------------------------------

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def prepare(self) -> None:
        """A fresh database with the demo content, renditions made, static files collected."""
        if "DATABASE_URL" not in self.env and self.var_dir.exists():
            shutil.rmtree(self.var_dir)
        self.var_dir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        log(f"collectstatic into {self.var_dir / 'static'} (compressed, hashed) ...")
        self.manage("collectstatic", "--noinput")
        log("migrate a fresh database ...")
        self.manage("migrate", "--noinput")
        log("seed_demo and warm_renditions ...")
        self.manage("seed_demo")
        self.manage("warm_renditions")
        log(f"database ready in {time.monotonic() - started:.0f} s")

    def discover(self) -> dict[str, str]:
        """The address of each public page type in the seeded demo (only those that exist)."""
        out = self.manage("shell", "-c", DISCOVER)
        return json.loads(out.strip().splitlines()[-1])

    # Running ------------------------------------------------------------------------------

    def start_redis(self) -> None:
        if self.redis_port is None or not shutil.which("redis-server"):
            log("no redis-server: local-memory cache, page cache off")
            return
        proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory",
                "256mb",
                "--maxmemory-policy",
                "allkeys-lru",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.processes.append(proc)
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        for _ in range(50):
            with contextlib.suppress(OSError):
                import socket

                with socket.create_connection(("127.0.0.1", self.redis_port), timeout=0.2):
                    break
            time.sleep(0.1)

    def start_gunicorn(self, page_cache: bool | None = None, counting: bool = True) -> None:
        self.stop_gunicorn()
        env = dict(self.env, GUNICORN_BIND=f"127.0.0.1:{self.port}")
        env["AUDIENCE_COUNTING_ENABLED"] = "true" if counting else "false"
        env["GUNICORN_ACCESS_LOG"] = str(self.var_dir / "access.log")
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        cache_on = self.page_cache if page_cache is None else page_cache
        env["PAGE_CACHE_ENABLED"] = "true" if cache_on and self.redis_url else "false"
        if self.max_requests is not None:
            env["GUNICORN_MAX_REQUESTS"] = str(self.max_requests)
        if self.workers is not None:
            env["WEB_CONCURRENCY"] = str(self.workers)
        logfile = (self.var_dir / "gunicorn.log").open("a")
        self.gunicorn = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "portal.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.gunicorn.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.var_dir / 'gunicorn.log'}")
            with contextlib.suppress(OSError, urllib.error.URLError):
                if fetch(f"{self.base_url}/healthz")[0] == 200:
                    log(
                        f"gunicorn up on {self.base_url} (page cache {env['PAGE_CACHE_ENABLED']}, "
                        f"view counting {env['AUDIENCE_COUNTING_ENABLED']})"
                    )
                    return
            time.sleep(0.3)
        raise SystemExit("gunicorn did not answer /healthz within 60 s")

    def worker_pids(self) -> list[int]:
        if self.gunicorn is None:
            return []
        pid = self.gunicorn.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return sorted(int(child) for child in children)

    def server_cpu_seconds(self) -> float:
        """CPU (user and system) spent so far by the server side: gunicorn's master, its live
        workers and the workers it already replaced (GUNICORN_MAX_REQUESTS recycles them), and Redis.
        Taken before and after a load, it gives the server's CPU per request, which on a shared
        machine says more than requests per second: wrk's own CPU and other tenants' are left out."""
        total = 0.0
        if self.gunicorn is not None:
            total += _cpu_seconds(self.gunicorn.pid, with_reaped_children=True)
            for pid in self.worker_pids():
                with contextlib.suppress(OSError):  # replaced meanwhile: counted in the master's
                    total += _cpu_seconds(pid)
        for proc in self.processes:
            with contextlib.suppress(OSError):
                total += _cpu_seconds(proc.pid)
        return total

    def stop_gunicorn(self) -> None:
        if self.gunicorn is not None and self.gunicorn.poll() is None:
            os.killpg(self.gunicorn.pid, signal.SIGTERM)
            try:
                self.gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.gunicorn.pid, signal.SIGKILL)
                self.gunicorn.wait()
        self.gunicorn = None

    def stop(self) -> None:
        self.stop_gunicorn()
        for proc in self.processes:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=10)
        self.processes.clear()


@contextlib.contextmanager
def running(stack: Stack) -> Iterator[Stack]:
    """Prepare and start the stack; stop whatever was started, even on Ctrl-C."""
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        stack.prepare()
        stack.start_redis()
        stack.start_gunicorn()
        yield stack
    finally:
        stack.stop()
        signal.signal(signal.SIGTERM, previous)


def _cpu_seconds(pid: int, with_reaped_children: bool = False) -> float:
    # /proc/PID/stat after the command's closing parenthesis: utime, stime, cutime, cstime are the
    # 12th to 15th fields (proc(5) numbers them 14-17, counting the pid and the command).
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(field) for field in fields[11:15])
    ticks = utime + stime + (cutime + cstime if with_reaped_children else 0)
    return ticks / os.sysconf("SC_CLK_TCK")


def fetch(url: str, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=FORWARDED)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def machine() -> dict[str, object]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_kb = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "python": sys.version.split()[0],
    }


# Run inside `manage.py shell` against the seeded database: the first of each page type.
DISCOVER = r"""
import json
from django.apps import apps
from django.contrib.staticfiles.storage import staticfiles_storage
from wagtail.models import Page

def first(label):
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    return model.objects.live().public().order_by("path").first()

urls = {"home": "/"}
career = first("careers.CareerPage")
if career:
    urls["career"] = career.url
index = first("careers.CareerIndexPage")
if index:
    sector = getattr(career, "sector", None)
    query = f"?sector={sector.slug}" if sector is not None else "?q=data"
    urls["careers index, filtered"] = index.url + query
    # Three careers side by side, written as the site links to them (A-Z, one parameter each).
    compared = sorted(apps.get_model("careers.CareerPage").objects.live().public().child_of(index)
                      .order_by("path").values_list("slug", flat=True)[:3])
    if len(compared) >= 2:
        urls["compare 3 careers"] = index.url + "compare/?" + "&".join(f"careers={slug}" for slug in compared)
course = first("courses.CoursePage")
if course:
    urls["course"] = course.url
course_index = first("courses.CourseIndexPage")
if course_index:
    slugs = list(apps.get_model("courses.CoursePage").objects.live().public()
                 .order_by("path").values_list("slug", flat=True)[:16])
    compare = course_index.url + "compare/?courses="
    if len(slugs) >= 2:
        urls["compare 2 courses"] = compare + ",".join(slugs[:2])
        urls[f"compare {len(slugs)} courses"] = compare + ",".join(slugs)
urls["search"] = "/search/?q=data"
urls["static CSS (ceiling)"] = staticfiles_storage.url("css/portal.css")
print(json.dumps(urls))
"""
