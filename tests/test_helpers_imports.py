"""The helpers package imports "downward" only: no module imports one that imports it back, not
even lazily inside a function (issue 8: the data<->images and results<->run_notebooks cycles),
and its three rooms keep to their audience: the lesson helpers (``helpers/*.py``) import neither
the deployment app (``helpers/deploy``) nor the course tooling (``helpers/course``), and neither
of those imports the other. Importing ``helpers`` or a tool imports no TensorFlow."""
import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HELPERS = REPO / "helpers"
ROOMS = ("course", "deploy")


def module_name(path: Path) -> str:
    """``helpers/data.py`` -> ``data``; ``helpers/course/tables.py`` -> ``course.tables``."""
    parts = path.relative_to(HELPERS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(HELPERS.rglob("*.py")) if module_name(p)}


def without_main_block(tree: ast.Module) -> ast.Module:
    """The module minus its ``if __name__ == "__main__":`` block: run with ``python -m``, a file is
    the ``__main__`` module, not the one other modules import, so what that block imports is a
    command's entry point, not a dependency of the module."""
    def is_main(node):
        return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
                and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__")
    tree.body = [n for n in tree.body if not is_main(n)]
    return tree


def helpers_imports(source: str, package: str = "") -> set[str]:
    """Names of the helpers modules that ``source`` (a module in ``package``: "", "course" or
    "deploy") imports anywhere, top level or in functions, as dotted names below ``helpers``."""
    found = set()
    for node in ast.walk(without_main_block(ast.parse(source))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
            elif (node.module or "").startswith("helpers"):
                base, node_module = [], node.module.split(".", 1)[1:]
                node = ast.ImportFrom(module=(node_module or [None])[0], names=node.names, level=0)
            else:
                continue
            if node.module:
                found.add(".".join(base + [node.module]))
            else:                                                    # from . import data
                found.update(".".join(base + [a.name]) for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".", 1)[1] for a in node.names
                         if a.name.startswith("helpers."))
    return {name for name in found if name in MODULES or name.split(".")[0] in MODULES}


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for name, path in MODULES.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = helpers_imports(path.read_text(), package) - {name}
    return graph


def room(module: str) -> str:
    return module.split(".")[0] if module.split(".")[0] in ROOMS else "lessons"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in ``graph`` (module -> modules it imports), or None."""
    state = {}                       # 1: on the current path, 2: finished

    def visit(node, path):
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path + [node, nxt]
            if nxt not in state and (cycle := visit(nxt, path + [node])):
                return cycle
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node, [])):
            return cycle[cycle.index(cycle[-1]):]
    return None


def test_cycle_finder_and_import_reader():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"data": {"images", "paths"}, "images": {"data"}, "paths": set()}) == [
        "data", "images", "data"]
    assert helpers_imports("def f():\n    from .data import data_dir\n") == {"data"}
    assert helpers_imports("from . import results\nimport helpers.plots\n") == {"results", "plots"}
    assert helpers_imports("from ..data import x\nfrom .tables import y\nfrom .. import session\n",
                           "course") == {"data", "course.tables", "session"}
    assert helpers_imports("from helpers.course.tables import t\n") == {"course.tables"}
    assert helpers_imports("if __name__ == '__main__':\n    from .course.fetch import main\n") \
        == set()


def test_paths_is_the_bottom_of_the_graph():
    graph = import_graph()
    assert graph["paths"] == set()
    assert {"data", "audit", "results", "course.run_notebooks"} <= {
        m for m, deps in graph.items() if "paths" in deps}


def test_no_import_cycles_in_helpers():
    graph = import_graph()
    assert find_cycle(graph) is None, f"import cycle: {' -> '.join(find_cycle(graph))}"


def test_each_room_imports_only_the_lesson_helpers():
    graph = import_graph()
    crossing = [f"{m} -> {d}" for m, deps in graph.items() for d in deps
                if room(d) != "lessons" and room(d) != room(m)]
    assert not crossing, crossing
    assert {"course.fetch", "course.tables", "deploy.app", "deploy.classifier"} <= set(graph)


def test_no_module_is_over_300_lines():
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text().splitlines())) > 300}
    assert not long, long


def loaded_modules(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "; import sys; print(sorted(sys.modules))"],
                         capture_output=True, text=True, cwd=REPO, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return set(ast.literal_eval(out.stdout.strip().splitlines()[-1]))


def test_results_loads_alone_in_a_fresh_interpreter():
    """Recording results needs only ``paths`` and ``atomic``: not the tables, not the loaders."""
    loaded = loaded_modules("import helpers.results")
    assert {"helpers.results", "helpers.paths"} <= loaded
    assert not loaded & {"helpers.course.tables", "helpers.data", "helpers.images"}, loaded


TF_FREE = sorted(m for m in MODULES if m not in {"session", "timing", "explain",
                                                   "explain_figures"})


def test_importing_helpers_or_a_tool_imports_no_tensorflow():
    """``import helpers``, the course's tools and every helper module but the four that are
    TensorFlow code (the session, which imports it quietly, the timing callbacks, and Grad-CAM
    with its figures) load without TensorFlow: ``cnn-run`` or ``cnn-data status`` never pays for
    it. (Issue 21's acceptance line, as written there, is the first check.)"""
    assert "tensorflow" not in loaded_modules("import helpers, helpers.course.run_notebooks")
    loaded = loaded_modules("import helpers, " + ", ".join(f"helpers.{m}" for m in TF_FREE))
    assert "tensorflow" not in loaded and "keras" not in loaded
    assert "tensorflow" in loaded_modules("import helpers.session")      # the check can fail


def third_party_imports() -> dict[str, str]:
    """Top-level names of non-standard-library modules imported by helpers/, tests/ and the
    notebooks, each with one file that imports it."""
    import nbformat

    sources = [(p, p.read_text()) for p in [*HELPERS.rglob("*.py"), *(REPO / "tests").glob("*.py")]]
    for nb_path in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"):
        nb = nbformat.read(nb_path, as_version=4)
        sources += [(nb_path, "\n".join(line for line in c.source.splitlines()
                                         if not line.lstrip().startswith(("%", "!"))))
                    for c in nb.cells if c.cell_type == "code"]
    local = {p.stem for p in (REPO / "tests").glob("*.py")}     # tests' own modules
    found = {}
    for path, source in sources:
        for node in ast.walk(ast.parse(source)):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "helpers" and top not in local:
                    found.setdefault(top, path.name)
    return found


def test_requirements_declare_every_imported_package():
    from importlib.metadata import packages_distributions

    text = (REPO / "requirements.txt").read_text().lower()
    pinned = {line.split("==")[0].strip() for line in text.splitlines() if "==" in line}
    dists = packages_distributions()
    missing = []
    for module, where in third_party_imports().items():
        names = {d.lower() for d in dists.get(module, [module])}
        # A package that is not installed here may only be mentioned (optional, not pinned).
        ok = names & pinned if module in dists else any(n in text for n in names)
        if not ok:
            missing.append(f"{module} (imported in {where})")
    assert not missing, f"not pinned in requirements.txt: {missing}"
