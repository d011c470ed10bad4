"""The helpers package imports "downward" only: no module imports one that imports it back,
not even lazily inside a function (issue 8: the data<->images and results<->run_notebooks cycles)."""
import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HELPERS = REPO / "helpers"
MODULES = sorted(p.stem for p in HELPERS.glob("*.py") if p.stem != "__init__")


def helpers_imports(source: str) -> set[str]:
    """Names of the helpers modules that ``source`` imports anywhere (top level or in functions)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:                      # from .data import x
                found.add(node.module.split(".")[0])
            elif node.level == 1:                                    # from . import data
                found.update(a.name for a in node.names)
            elif (node.module or "").startswith("helpers."):         # from helpers.data import x
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names
                         if a.name.startswith("helpers."))
    return found


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


def import_graph() -> dict[str, set[str]]:
    return {m: helpers_imports((HELPERS / f"{m}.py").read_text()) - {m} for m in MODULES}


def test_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"data": {"images", "paths"}, "images": {"data"}, "paths": set()}) == [
        "data", "images", "data"]
    assert helpers_imports("def f():\n    from .data import data_dir\n") == {"data"}
    assert helpers_imports("from . import results\nimport helpers.plots\n") == {"results", "plots"}


def test_paths_is_the_bottom_of_the_graph():
    graph = import_graph()
    assert graph["paths"] == set()
    assert {"data", "images", "results", "run_notebooks"} <= {m for m, deps in graph.items()
                                                              if "paths" in deps}


def test_no_import_cycles_in_helpers():
    graph = import_graph()
    assert find_cycle(graph) is None, f"import cycle: {' -> '.join(find_cycle(graph))}"


def test_results_loads_alone_in_a_fresh_interpreter():
    """Recording results needs only ``paths``: not the runner, not the data loaders."""
    code = ("import sys, helpers.results; "
            "print(sorted(m for m in sys.modules if m.startswith('helpers.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=HELPERS.parent, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    loaded = set(ast.literal_eval(out.stdout.strip().splitlines()[-1]))
    assert {"helpers.results", "helpers.paths"} <= loaded
    assert not loaded & {"helpers.run_notebooks", "helpers.data", "helpers.images"}, loaded


def third_party_imports() -> dict[str, str]:
    """Top-level names of non-standard-library modules imported by helpers/, tests/ and the
    notebooks, each with one file that imports it."""
    import nbformat

    sources = [(p, p.read_text()) for d in ("helpers", "tests") for p in (REPO / d).glob("*.py")]
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
