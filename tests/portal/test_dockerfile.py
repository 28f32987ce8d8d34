"""The production image's recipe and the lock files it installs, checked without building.

`make image` builds for real (README "Container image"), but needs a container engine and
minutes; these tests keep CI guarding what matters in the Dockerfile on every run: it installs
exactly the hashed lock, runs as an unprivileged user and ships collected static files.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Stage:
    name: str
    base: str
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def arguments(self, keyword: str) -> list[str]:
        return [argument for instruction, argument in self.instructions if instruction == keyword]


def _logical_lines(text: str) -> list[str]:
    """Dockerfile lines with comments dropped and backslash continuations joined."""
    lines: list[str] = []
    pending = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        lines.append(pending + stripped)
        pending = ""
    assert not pending, "the Dockerfile ends inside a continued line"
    return lines


def _parse(text: str) -> tuple[dict[str, str], list[Stage]]:
    global_args: dict[str, str] = {}
    stages: list[Stage] = []
    for line in _logical_lines(text):
        keyword, _, argument = line.partition(" ")
        keyword, argument = keyword.upper(), argument.strip()
        if keyword == "FROM":
            words = argument.split()
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else str(len(stages))
            stages.append(Stage(name=name, base=words[0]))
        elif not stages:
            assert keyword == "ARG", f"only ARG may come before the first FROM, found {keyword}"
            arg_name, _, default = argument.partition("=")
            global_args[arg_name] = default
        else:
            stages[-1].instructions.append((keyword, argument))
    return global_args, stages


@pytest.fixture(scope="module")
def dockerfile() -> tuple[dict[str, str], dict[str, Stage]]:
    global_args, stages = _parse((ROOT / "Dockerfile").read_text())
    return global_args, {stage.name: stage for stage in stages}


def _pip_installs(stage: Stage) -> list[list[str]]:
    return [shlex.split(run) for run in stage.arguments("RUN") if re.search(r"\bpip\b.*\binstall\b", run)]


def test_both_stages_build_on_the_configurable_python_3_11_base(dockerfile):
    global_args, stages = dockerfile
    assert global_args["BASE_IMAGE"] == "python:3.11-slim-bookworm"
    assert list(stages) == ["build", "runtime"]
    assert {stage.base for stage in stages.values()} == {"${BASE_IMAGE}"}
    # Debian's interpreter is /usr/bin/python3.11, the official image's /usr/local/bin/python:
    # `python3.11` is the name both have.
    assert any(run.startswith("python3.11 -m venv /opt/venv") for run in stages["build"].arguments("RUN"))


def test_the_image_installs_the_lock_with_hashes_required_and_nothing_else(dockerfile):
    _, stages = dockerfile
    build = stages["build"]
    copied = [
        words[1] for words in map(str.split, build.arguments("COPY")) if words[0] == "requirements.lock"
    ]
    assert len(copied) == 1, build.arguments("COPY")
    installs = _pip_installs(build)
    assert len(installs) == 1, installs
    command = installs[0]
    assert "--require-hashes" in command
    assert "--no-deps" in command  # the lock names every dependency; pip must add none of its own
    assert command[command.index("-r") + 1] == copied[0]
    assert _pip_installs(stages["runtime"]) == []
    assert "requirements.txt" not in (ROOT / "Dockerfile").read_text()


def test_the_runtime_stage_runs_as_an_unprivileged_user(dockerfile):
    _, stages = dockerfile
    users = stages["runtime"].arguments("USER")
    assert users, "the runtime stage never leaves root"
    assert users[-1] not in {"root", "0", "0:0"}
    keywords = [instruction for instruction, _ in stages["runtime"].instructions]
    assert keywords.index("USER") < keywords.index("CMD")
    assert any(f"useradd --system --gid {users[-1]}" in run for run in stages["runtime"].arguments("RUN"))


def test_static_files_are_collected_into_the_image_and_gunicorn_serves_them(dockerfile):
    _, stages = dockerfile
    runtime = stages["runtime"]
    assert any("manage.py collectstatic --noinput" in run for run in runtime.arguments("RUN"))
    environment = " ".join(runtime.arguments("ENV"))
    assert "DJANGO_SETTINGS_MODULE=portal.settings.production" in environment
    assert "STATIC_ROOT=/app/staticfiles" in environment
    assert runtime.arguments("CMD") == ['["gunicorn", "-c", "gunicorn.conf.py", "portal.wsgi"]']
    assert runtime.arguments("HEALTHCHECK") and "/healthz" in runtime.arguments("HEALTHCHECK")[0]


def test_the_lock_files_reach_the_build_context():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines() if line.strip()}
    assert not ignored & {"requirements.lock", "*.lock", "requirements*"}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, str]:
    """name -> version for every `name[extras]==version` line of a requirements or lock file."""
    pins: dict[str, str] = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", line)
        if match:
            pins[_normalise(match[1])] = match[2]
    return pins


@pytest.mark.parametrize(
    "requirements, lock",
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_every_pinned_requirement_is_in_its_lock_at_the_same_version(requirements, lock):
    """Offline half of `make lock-check`: a requirement added or bumped without `make lock`."""
    wanted = _pins(ROOT / requirements)
    if requirements == "requirements-dev.txt":
        wanted |= _pins(ROOT / "requirements.txt")
    locked = _pins(ROOT / lock)
    out_of_step = {name: version for name, version in wanted.items() if locked.get(name) != version}
    assert out_of_step == {}, f"run `make lock`: {lock} lacks {out_of_step}"


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_package_in_the_locks_carries_a_hash(lock):
    text = (ROOT / lock).read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert len(entries) > 20
    unhashed = [entry.split()[0] for entry in entries if "--hash=sha256:" not in entry]
    assert unhashed == []
