"""Execute notebooks headless for one profile, then rebuild the results tables.

    cnn-run [--profile cpu] [NOTEBOOK ...]      (or: python -m helpers.course.run_notebooks)
    cnn-run --markdown-only [NOTEBOOK ...]      after editing prose only: copy the notebooks'
                                                markdown into their executed copies

Executed copies (with outputs, their figures compacted) go to ``results/executed/<profile>/``;
those of ``cpu`` are committed, so the course can be read with outputs before anything is run
(``tests/test_executed.py`` checks them against the notebooks), and instructors can pre-run
everything before class. Each notebook records its own numbers through ``helpers.results.record``;
this runner prints wall times and any warnings found in outputs.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

from ..atomic import atomic_path
from ..paths import NOTEBOOK_DIR, REPO_ROOT
from .compact import compact
from .tables import rebuild_tables

# What counts as a stray warning: anything warning- or error-like on stderr, and logger or
# Python warnings on stdout (e.g. "WARNING:tensorflow:...", "UserWarning: ...").
STDERR_PATTERN = re.compile(r"warn|error|deprecat|traceback|^[WE]\d{4} ", re.I | re.M)
STDOUT_PATTERN = re.compile(r"^WARNING:|^[WE]\d{4} |\w+Warning: ", re.M)


def find_warnings(outputs) -> list[str]:
    """Stray warnings in a cell's outputs (a list of nbformat output dicts)."""
    found = []
    for out in outputs or []:
        if out.get("output_type") == "stream":
            pattern = STDERR_PATTERN if out.get("name") == "stderr" else STDOUT_PATTERN
            text = out.get("text", "")
            if pattern.search(text):
                found.append(text.strip()[:500])
    return found


def kernel_manager_config():
    """Encrypt the runner's link to each kernel with CurveZMQ keys where pyzmq supports it.

    By default jupyter_client talks to the kernel over local TCP in plain text, and ipykernel (7.4+)
    then logs "Kernel is running over TCP without encryption" once per notebook. With
    ``transport_encryption="auto"`` the kernel manager provisions Curve keys for every kernelspec
    that declares ``supported_encryption: ["curve"]`` (ipykernel's does), so the condition never
    arises. Older jupyter_client versions ignore the unknown option and simply warn as before."""
    import zmq
    from traitlets.config import Config

    return Config({"KernelManager": {"transport_encryption": "auto" if zmq.has("curve")
                                     else "disabled"}})


def hide_solution_outputs(nb) -> None:
    """Collapse the outputs of the cells whose source is hidden (the solutions), as their source
    already is: an instructor presenting a pre-run copy does not show the answers by accident."""
    for cell in nb.cells:
        meta = cell.metadata.get("jupyter", {})
        if cell.cell_type == "code" and meta.get("source_hidden"):
            meta["outputs_hidden"] = True


def run_notebook(path: Path, profile: str, out_dir: Path, timeout: int = 1800) -> dict:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from tqdm.auto import tqdm

    nb = nbformat.read(path, as_version=4)
    code_cells = sum(c.cell_type == "code" for c in nb.cells)
    bar = tqdm(total=code_cells, desc=path.stem, unit="cell", disable=False)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            on_cell_executed=lambda **kw: bar.update(1),
                            config=kernel_manager_config())
    os.environ["CNN_PROFILE"] = profile       # the kernel inherits this
    # No progress bars in recorded runs: in a saved notebook a tqdm widget is read as its text
    # fallback ("0%| | 0/45") on GitHub. tqdm reads TQDM_* variables as its defaults.
    os.environ["TQDM_DISABLE"] = "1"
    start = time.perf_counter()
    error = None
    try:
        client.execute()
    except (CellExecutionError, DeadKernelError, CellTimeoutError) as err:   # go on with the next
        error = f"{type(err).__name__}: {str(err)[-800:]}"
    bar.close()
    wall = time.perf_counter() - start
    hide_solution_outputs(nb)
    compact(nb)                               # small enough to commit (helpers.course.compact)
    with atomic_path(out_dir / path.name) as tmp:
        nbformat.write(nb, tmp)
    warnings = [w for c in nb.cells if c.cell_type == "code" for w in find_warnings(c.outputs)]
    return {"notebook": path.stem, "wall_s": wall, "error": error, "warnings": warnings}


def cells_changed(nb, done) -> list[int]:
    """Indices of the cells whose source differs between notebook ``nb`` and its executed copy
    ``done``. ValueError when cells were added, removed or moved: the copy needs a re-run.
    ``sync_markdown`` and ``tests/test_executed.py`` compare a notebook with its copy this way."""
    if [c.cell_type for c in nb.cells] != [c.cell_type for c in done.cells]:
        raise ValueError("cells were added, removed or moved since the copy was executed")
    return [i for i, (a, b) in enumerate(zip(nb.cells, done.cells)) if a.source != b.source]


def sync_markdown(path: Path, out_dir: Path) -> list[int]:
    """Copy the markdown cells of notebook ``path`` into its executed copy in ``out_dir``, and
    every cell's slide type (``cnn-slides``); return the indices of the cells that changed.
    Markdown has no outputs, so prose edits need no re-run; anything else (a code cell's source,
    a cell added, removed or moved) does, and raises."""
    import nbformat

    nb, done = nbformat.read(path, as_version=4), nbformat.read(out_dir / path.name, as_version=4)
    try:
        changed = cells_changed(nb, done)
    except ValueError as err:
        raise ValueError(f"{path.stem}: {err}: re-run it") from None
    code = [i for i in changed if nb.cells[i].cell_type == "code"]
    if code:
        raise ValueError(f"{path.stem}: code cells {code} changed: re-run it")
    for i in changed:
        done.cells[i].source = nb.cells[i].source
    for i, (cell, ran) in enumerate(zip(nb.cells, done.cells)):
        if cell.metadata.get("slideshow") != ran.metadata.get("slideshow"):
            if "slideshow" in cell.metadata:
                ran.metadata["slideshow"] = cell.metadata["slideshow"]
            else:
                del ran.metadata["slideshow"]
            changed = sorted(set(changed) | {i})
    if changed:
        with atomic_path(out_dir / path.name) as tmp:
            nbformat.write(done, tmp)
    return changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="cnn-run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", default=os.environ.get("CNN_PROFILE") or "cpu",
                        choices=["smoke", "cpu", "full"])
    parser.add_argument("--tables-only", action="store_true",
                        help="only rebuild the results tables from results/*/*.json")
    parser.add_argument("--markdown-only", action="store_true",
                        help="copy the notebooks' markdown cells into their executed copies "
                             "(for prose edits: code changes need a re-run)")
    parser.add_argument("notebooks", nargs="*", help="names or paths (default: all)")
    args = parser.parse_args(argv)
    failed = False
    paths = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    if args.notebooks:
        wanted = [Path(n).stem for n in args.notebooks]
        paths = [p for p in paths if any(p.stem.startswith(w) for w in wanted)]
    out_dir = REPO_ROOT / "results" / "executed" / args.profile
    if args.markdown_only:
        for path in paths:
            try:
                changed = sync_markdown(path, out_dir)
                print(f"{path.stem}: cells {changed} updated (markdown, slide types)")
            except (ValueError, FileNotFoundError) as err:
                print(f"{path.stem}: not updated: {err}")
                failed = True
        return 1 if failed else 0
    if not args.tables_only:
        for path in paths:
            r = run_notebook(path, args.profile, out_dir)
            state = "FAILED" if r["error"] else "ok"
            print(f"{r['notebook']}: {state} in {r['wall_s'] / 60:.1f} min ({args.profile})",
                  flush=True)
            for w in r["warnings"]:
                print(f"  warning in output: {w}")
            if r["error"]:
                print(f"  {r['error']}")
                failed = True
    rebuild_tables()
    print(f"rebuilt {REPO_ROOT / 'results' / 'README.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
