"""Run a lesson's own code in a test, so that checks of "the lesson's code equals the helper's"
live in tests/ and not in the lessons (issue "Lessons a student can trust").

``lesson_namespace("02_cifar10_first_cnn", "make_cnn")`` executes the notebook's first two code
cells (imports + ``helpers.setup``, then the configurable parameters, in the ``smoke`` profile that
the test session sets) and then every code cell that defines one of the given names at top level
(``def NAME``, ``class NAME`` or ``NAME = ...``), in notebook order, and returns the namespace."""
from __future__ import annotations

import ast
import contextlib
import io

import nbformat

from helpers.course.links import INSTALL_START
from helpers.paths import NOTEBOOK_DIR



def _defines(source: str, names: set) -> bool:
    try:
        tree = ast.parse(source)
    except SyntaxError:                 # IPython magics: not a definition cell
        return False
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in names:
            return True
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in names for t in node.targets):
            return True
    return False


def code_cells(notebook: str) -> list:
    path = NOTEBOOK_DIR / f"{notebook}.ipynb"
    # not the install cell: IPython syntax, and it does nothing where helpers is importable
    return [c.source for c in nbformat.read(path, as_version=4).cells
            if c.cell_type == "code" and not c.source.startswith(INSTALL_START)]


def lesson_namespace(notebook: str, *names: str, extra: dict | None = None) -> dict:
    cells = code_cells(notebook)
    chosen = cells[:2] + [c for c in cells[2:] if _defines(c, set(names))]
    missing = [n for n in names if not any(_defines(c, {n}) for c in cells)]
    assert not missing, f"{notebook} defines no {missing}"
    namespace = dict(extra or {})
    with contextlib.redirect_stdout(io.StringIO()):
        for source in chosen:
            exec(compile(source, f"<{notebook}>", "exec"), namespace)
    return namespace
