"""careers' models import no view, search or structured-data code that builds on them.

Modules a page method calls (the careers list's search, the salary scale) take models or
querysets and import no model at run time, so the dependency runs one way and nothing
imports inside a function to dodge a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import careers.models

ROOT = Path(__file__).resolve().parents[2]
MODELS_FILE = Path(careers.models.__file__)
# A package: its __init__ and every module beside it.
MODEL_MODULES = (
    sorted(MODELS_FILE.parent.glob("*.py")) if MODELS_FILE.name == "__init__.py" else [MODELS_FILE]
)
# Presentation built on the models: a model importing one of these is an import cycle in waiting.
PRESENTATION = ("careers.views", "careers.structured_data", "courses.views", "courses.structured_data")
# What careers' page methods call: they must not import the models back.
CALLED_FROM_MODELS = (
    "career_search.py",
    "role_fit.py",
    "salary_display.py",
    "salary_scale.py",
    "structured_data.py",
)


def runtime_imports(path: Path, *, top_level_only: bool = False) -> set[str]:
    """Modules imported outside `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_models_import_no_presentation_module():
    for path in MODEL_MODULES:
        imported = runtime_imports(path)
        assert not imported & set(PRESENTATION), f"{path.relative_to(ROOT)} imports {imported}"


def test_course_models_leave_their_json_ld_to_the_registry():
    imported = runtime_imports(ROOT / "courses" / "models.py")
    assert not {module for module in imported if module.endswith("structured_data")}


def test_careers_models_import_nothing_inside_a_function():
    for path in MODEL_MODULES:
        assert runtime_imports(path) == runtime_imports(path, top_level_only=True), path.name


def test_what_careers_models_call_does_not_import_them_back():
    for name in CALLED_FROM_MODELS:
        imported = runtime_imports(ROOT / "careers" / name)
        assert not {module for module in imported if module.startswith("careers.models")}, name
