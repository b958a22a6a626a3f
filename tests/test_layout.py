"""The shape of the house: the limits issue 17 set, checked on every run.

Modules stay small enough to read, SQL lives in the store, no module reaches into
another's private names, and the architecture page names only modules that exist.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "eventwire"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 120


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_over_800_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_name(path)} has {lines} lines"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_function_is_over_120_lines(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{_name(path)}: {', '.join(long)}"


# SQL keywords at the start of a string literal: a statement, not prose
_SQL = re.compile(
    r"^\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|COPY|WITH)\s", re.IGNORECASE
)


@pytest.mark.parametrize(
    "path", [p for p in MODULES if p.name != "store.py" and "store" not in p.parts], ids=_name
)
def test_sql_lives_only_in_the_store(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    statements = [
        node.value[:60]
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _SQL.match(node.value)
        and re.search(r"\b(?:FROM|INTO|TABLE|SET|VALUES)\b", node.value)
    ]
    calls = [
        ast.unparse(node)[:60]
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "connection"
    ]
    assert not statements and not calls, f"{_name(path)}: {statements + calls}"


@pytest.mark.parametrize("path", [*MODULES, *sorted((ROOT / "tests").rglob("*.py"))], ids=_name)
def test_no_private_name_is_imported_across_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and (node.module or "").split(".")[0] in ("eventwire", "tests", "")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]
    assert not private, f"{_name(path)} imports {private}"


def test_architecture_page_names_only_modules_that_exist():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:eventwire/)?[\w/]+\.py|[\w]+/)`", page))
    assert len(named) >= 20, "the page should name the modules a newcomer needs"
    missing = []
    for name in sorted(named):
        candidates = [ROOT / name, PACKAGE / name, PACKAGE / "stages" / name, ROOT / "tests" / name]
        if not any(c.exists() for c in candidates):
            missing.append(name)
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"


def test_every_pipeline_stage_is_on_the_architecture_page(pipeline):
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for stage in pipeline.stages:
        assert f"`{stage.name}`" in page, f"stage {stage.name} is missing from the page"
