"""The layering and house rules, checked on the source so a change that breaks one fails here.

- No function-level import of the project's own apps (one that only dodges an import cycle),
  except in an AppConfig's ready() and under `if TYPE_CHECKING:`.
- Imports run courses -> careers -> portal: portal imports neither careers nor courses, and
  careers does not import courses.
- No module over 400 lines outside migrations (the apps, tests/, benchmarks/ and scripts/).
- Models are leaves: a views, search, page-context or structured-data module takes models or
  querysets and never imports a models module at run time, so a thin page method may call it
  without an import cycle; structured data is registered from ready(), never imported by models.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Lowest layer first: an app may import the apps before it, never those after it.
APPS = ("portal", "careers", "courses")
MAX_LINES = 400
# Names of view, search and structured-data modules (also as the end of one: career_search).
PRESENTATION_MODULES = ("views", "search", "structured_data", "page_context")

# Files other branches are splitting at the moment; each mark goes when its fix is merged (strict:
# a mark left on a file that already keeps the rule fails).


@dataclass(frozen=True)
class Import:
    module: str  # absolute, with each imported name appended for `from x import y`
    line: int
    in_function: bool  # anywhere inside a function body other than a ready() method
    type_checking: bool  # under `if TYPE_CHECKING:`


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def python_modules(*folders: str) -> list[Path]:
    return sorted(
        path
        for folder in folders
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    )


def _package(path: Path) -> list[str]:
    """The dotted parts of the package a relative import in `path` starts from."""
    return list(path.relative_to(ROOT).parent.parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


@cache
def imports(path: Path) -> tuple[Import, ...]:
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool, type_checking: bool) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(alias.name, node.lineno, in_function, type_checking))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = _package(path)
                base = ".".join(package[: len(package) - node.level + 1] + [node.module or ""]).strip(".")
            else:
                base = node.module or ""
            for alias in node.names:
                found.append(Import(f"{base}.{alias.name}", node.lineno, in_function, type_checking))
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                # Django's place for wiring signals: a method named ready() on a class.
                ready = isinstance(node, ast.ClassDef) and child.name == "ready"
                visit(child, in_function or not ready, type_checking)
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                for grandchild in child.body:
                    visit(grandchild, in_function, True)
                for grandchild in child.orelse:
                    visit(grandchild, in_function, type_checking)
            else:
                visit(child, in_function, type_checking)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), False, False)
    return tuple(found)


def own_app(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in APPS else None


def files(paths: list[Path]) -> list:
    """One parameter per file, named by its path, so a failure says which file broke the rule."""
    return [pytest.param(path, id=relative(path)) for path in paths]


def sized_sources() -> list[Path]:
    """Every module the size rule covers: the apps, the tests, the benchmarks and the scripts."""
    scripts = sorted(path for path in (ROOT / "scripts").iterdir() if path.is_file())
    return python_modules(*APPS, "benchmarks", "tests") + scripts


@pytest.mark.parametrize("path", files(python_modules(*APPS)))
def test_no_function_level_import_of_our_own_apps(path):
    nested = [
        f"{relative(path)}:{found.line}: {found.module}"
        for found in imports(path)
        if found.in_function and not found.type_checking and own_app(found.module)
    ]
    assert not nested, "import at module level (or wire it in AppConfig.ready()):\n" + "\n".join(nested)


@pytest.mark.parametrize("path", files(python_modules(*APPS)))
def test_imports_run_from_courses_to_careers_to_portal_only(path):
    app = relative(path).split("/")[0]
    upward = [
        f"{relative(path)}:{found.line}: {found.module}"
        for found in imports(path)
        if (target := own_app(found.module)) and APPS.index(target) > APPS.index(app)
    ]
    allowed = ", ".join(APPS[: APPS.index(app) + 1])
    assert not upward, f"{app} may import only {allowed}:\n" + "\n".join(upward)


@pytest.mark.parametrize(
    "path",
    files(sized_sources()),
)
def test_no_module_over_400_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{relative(path)} has {lines} lines: split it by concept"


def models_modules() -> list[Path]:
    return [
        path for path in python_modules(*APPS) if path.relative_to(ROOT).parts[1] in ("models.py", "models")
    ]


def is_presentation(module: str) -> bool:
    """Whether a part of the module's name below its app names a view, search or JSON-LD module."""
    return any(
        part == name or part.endswith(f"_{name}")
        for part in module.split(".")[1:]
        for name in PRESENTATION_MODULES
    )


def module_path(module: str) -> Path | None:
    """The source file of an absolute module name (or of its parent, for `from x import name`)."""
    parts = module.split(".")
    for end in (len(parts), len(parts) - 1):
        base = ROOT.joinpath(*parts[:end])
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


def presentation_imported_by_models() -> list[Path]:
    found = {
        path
        for models in models_modules()
        for imported in imports(models)
        if own_app(imported.module) and is_presentation(imported.module)
        if (path := module_path(imported.module)) is not None
    }
    return sorted(found)


@pytest.mark.parametrize("path", files(models_modules()))
def test_models_import_no_structured_data(path):
    found = [
        f"{relative(path)}:{found.line}: {found.module}"
        for found in imports(path)
        if own_app(found.module) and "structured_data" in found.module.split(".")
    ]
    assert not found, "register JSON-LD builders from the app's ready() instead:\n" + "\n".join(found)


@pytest.mark.parametrize("path", files(presentation_imported_by_models()))
def test_what_models_call_never_imports_models_back(path):
    back = [
        f"{relative(path)}:{found.line}: {found.module}"
        for found in imports(path)
        if own_app(found.module) == relative(path).split("/")[0]
        and not found.type_checking
        and "models" in found.module.split(".")
    ]
    assert not back, (
        "its app's models import this module, so it must take models or querysets, not import them "
        "(type hints under TYPE_CHECKING are fine):\n" + "\n".join(back)
    )


def test_models_call_the_search_and_page_context_modules_this_rule_guards():
    """The rule above would pass vacuously if the walk stopped finding these imports."""
    names = {relative(path) for path in presentation_imported_by_models()}
    assert {"careers/career_search.py", "courses/page_context.py"} <= names


def test_the_rules_see_what_they_look_for(tmp_path, monkeypatch):
    """The walk finds a nested import, a relative one, one in ready() and one under TYPE_CHECKING."""
    package = tmp_path / "careers"
    package.mkdir()
    source = package / "models.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "from .career_search import search\n"
        "if TYPE_CHECKING:\n"
        "    from courses.models import CoursePage\n"
        "class Config:\n"
        "    def ready(self):\n"
        "        from careers import signals\n"
        "def page(request):\n"
        "    from courses.views import compare\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    found = {(i.module, i.in_function, i.type_checking) for i in imports(source)}
    assert found == {
        ("typing.TYPE_CHECKING", False, False),
        ("careers.career_search.search", False, False),
        ("courses.models.CoursePage", False, True),
        ("careers.signals", False, False),
        ("courses.views.compare", True, False),
    }
    assert is_presentation("careers.career_search") and is_presentation("courses.views")
    assert not is_presentation("careers.models")
