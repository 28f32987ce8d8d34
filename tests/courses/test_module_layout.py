"""courses.models builds on the modules that serve its pages; none of them imports it back (issue 11)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import courses.models

BELOW_MODELS = [
    "courses.page_context",
    "courses.comparison",
    "courses.course_selection",
    "courses.course_outlook",
    "courses.course_text",
    "courses.course_filters",
]


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return []


def test_course_models_import_nothing_inside_functions_and_no_view():
    tree = ast.parse(Path(courses.models.__file__).read_text())
    top_level = {id(node) for node in tree.body}
    nested = [
        (node.lineno, name)
        for node in ast.walk(tree)
        if id(node) not in top_level
        for name in _imported(node)
    ]
    assert nested == []
    assert not [name for node in tree.body for name in _imported(node) if name.endswith("views")]


@pytest.mark.parametrize("name", BELOW_MODELS)
def test_modules_the_course_pages_build_on_do_not_import_the_models_back(name):
    tree = ast.parse(Path(importlib.import_module(name).__file__).read_text())
    # Imports under `if TYPE_CHECKING:` are for type hints only and never run.
    runtime = [name for node in tree.body for name in _imported(node)]
    assert "courses.models" not in runtime
